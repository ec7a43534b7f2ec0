namespace Billing.Domain.InvoiceApplications;

/// <summary>The rules an invoice application must meet; a refusal names the one it broke.</summary>
public enum ApplicationRule
{
    /// <summary>The account has no invoice header: create one first.</summary>
    NoInvoiceHeader,

    /// <summary>The chosen header does not exist or belongs to another account.</summary>
    UnknownInvoiceHeader,

    /// <summary>The amount is zero or negative.</summary>
    AmountNotPositive,

    /// <summary>The amount has more decimals than its currency's minor units.</summary>
    AmountNotInMinorUnits,

    /// <summary>The amount is not in the recharges' currency.</summary>
    WrongCurrency,

    /// <summary>The amount exceeds the invoiceable amount.</summary>
    AmountOverInvoiceable,

    /// <summary>The receiving email does not meet <see cref="EmailAddress"/>'s rule.</summary>
    InvalidEmail,

    /// <summary>The remarks are longer than <see cref="InvoiceApplication.MaxRemarksLength"/>.</summary>
    RemarksTooLong,

    /// <summary>Only a rejected application can be resubmitted, and only once.</summary>
    NotResubmittable,
}
