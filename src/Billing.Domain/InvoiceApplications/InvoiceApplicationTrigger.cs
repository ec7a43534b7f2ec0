namespace Billing.Domain.InvoiceApplications;

/// <summary>What moves an invoice application between statuses.</summary>
public enum InvoiceApplicationTrigger
{
    /// <summary>Finance approves the request.</summary>
    Approve,

    /// <summary>Finance rejects the request with a reason.</summary>
    Reject,

    /// <summary>Finance issues the invoice: it takes its number.</summary>
    Issue,
}
