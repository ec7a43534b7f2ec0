namespace Billing.Domain.Subscriptions;

/// <summary>Whether a subscription charge may still be settled or is final for its invoice.</summary>
public enum SubscriptionChargeStatus
{
    /// <summary>Made, and for a Prepay account not yet debited in full (waiting in the grace period), or not yet closed into an invoice's period.</summary>
    Open,

    /// <summary>Final: paid from the balance (Prepay) or on its invoice (postpaid); the invoice of the period it closed in lists it.</summary>
    Closed,
}
