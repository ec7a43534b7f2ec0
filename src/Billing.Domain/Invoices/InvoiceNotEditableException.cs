namespace Billing.Domain.Invoices;

/// <summary>An edit was asked of an invoice that is no longer a draft (open, closed, paid, void or uncollectible); it stays as it was.</summary>
public sealed class InvoiceNotEditableException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "invoice.not_editable";

    /// <summary>Initializes the exception.</summary>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="status">Its status.</param>
    public InvoiceNotEditableException(string invoiceId, InvoiceStatus status)
        : base(ErrorCode, $"Invoice {invoiceId} is {status}: only a draft can be edited.")
    {
        InvoiceId = invoiceId;
        Status = status;
    }

    /// <summary>Gets the invoice.</summary>
    public string InvoiceId { get; }

    /// <summary>Gets its status.</summary>
    public InvoiceStatus Status { get; }
}
