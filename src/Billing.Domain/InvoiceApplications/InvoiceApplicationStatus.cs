namespace Billing.Domain.InvoiceApplications;

/// <summary>Seed 002's statuses of an invoice application.</summary>
public enum InvoiceApplicationStatus
{
    /// <summary>Submitted and awaiting review; its amount is held.</summary>
    Pending,

    /// <summary>Approved and being processed; its amount is still held.</summary>
    Approved,

    /// <summary>Issued and sent: numbered, its amount invoiced.</summary>
    Issued,

    /// <summary>Rejected with a reason; its hold is released. It may be resubmitted as a new application.</summary>
    Rejected,
}
