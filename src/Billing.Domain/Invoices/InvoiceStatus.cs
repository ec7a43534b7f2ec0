namespace Billing.Domain.Invoices;

/// <summary>Where an invoice is; <see cref="InvoiceLifecycle"/> holds the moves between them.</summary>
public enum InvoiceStatus
{
    /// <summary>A postpaid invoice being prepared: editable, without a number.</summary>
    Draft,

    /// <summary>A postpaid invoice issued and awaiting payment: numbered, no longer editable.</summary>
    Open,

    /// <summary>A postpaid invoice paid.</summary>
    Paid,

    /// <summary>A postpaid invoice cancelled after it was issued; it keeps its number.</summary>
    Void,

    /// <summary>A postpaid invoice not expected to be paid.</summary>
    Uncollectible,

    /// <summary>A Prepay invoice: made after its billing period ended and closed at once (seed 001).</summary>
    Closed,
}
