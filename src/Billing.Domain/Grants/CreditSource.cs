namespace Billing.Domain.Grants;

/// <summary>Where a grant of credit comes from. Only <see cref="Paid"/> credit was bought: it alone is invoiceable (seed 002: only recharges) and refundable.</summary>
public enum CreditSource
{
    /// <summary>Bought: a completed top-up, or a refund of one the gateway declined. Counts towards the invoiceable amount.</summary>
    Paid,

    /// <summary>A promotion (a campaign, a coupon, a package bonus): never invoiceable.</summary>
    Promotion,

    /// <summary>Free trial credit: never invoiceable.</summary>
    Trial,

    /// <summary>A goodwill gesture or an approved correction in the customer's favour: never invoiceable.</summary>
    Goodwill,
}
