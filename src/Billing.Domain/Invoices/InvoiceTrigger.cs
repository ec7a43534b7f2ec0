namespace Billing.Domain.Invoices;

/// <summary>What moves an invoice between statuses.</summary>
public enum InvoiceTrigger
{
    /// <summary>Issue a draft: it takes its number and can no longer be edited.</summary>
    Finalize,

    /// <summary>Record the payment of an open or uncollectible invoice.</summary>
    MarkPaid,

    /// <summary>Cancel an open or uncollectible invoice; it keeps its number.</summary>
    Void,

    /// <summary>Write an open invoice off as not expected to be paid.</summary>
    MarkUncollectible,
}
