namespace Billing.Domain.Periods;

/// <summary>How often a billing cycle starts a new period; each value is the period's length in months.</summary>
public enum BillingFrequency
{
    /// <summary>Every month.</summary>
    Monthly = 1,

    /// <summary>Every three months.</summary>
    Quarterly = 3,

    /// <summary>Every twelve months.</summary>
    Yearly = 12,
}
