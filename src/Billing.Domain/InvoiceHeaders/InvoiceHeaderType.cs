namespace Billing.Domain.InvoiceHeaders;

/// <summary>Whom an invoice is made out to.</summary>
public enum InvoiceHeaderType
{
    /// <summary>A person.</summary>
    Personal,

    /// <summary>A company: it has a tax id.</summary>
    Company,
}
