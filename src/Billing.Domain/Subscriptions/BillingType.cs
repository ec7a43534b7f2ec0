namespace Billing.Domain.Subscriptions;

/// <summary>How the plan of a subscription is billed.</summary>
public enum BillingType
{
    /// <summary>Billed every period and renewed.</summary>
    Recurring,

    /// <summary>Billed once; an activated subscription is Delivered rather than Active, and is not renewed.</summary>
    NonRecurring,

    /// <summary>Pay as you go (external): billed by usage; invoice lines have no duration and no unit price, and there is no renewal.</summary>
    PayAsYouGoExternal,
}
