namespace Billing.Domain.TopUps;

/// <summary>Where a top-up order is in its payment flow; <see cref="TopUpLifecycle"/> holds the moves between them.</summary>
public enum TopUpStatus
{
    /// <summary>Created; no payment started yet.</summary>
    Pending,

    /// <summary>A payment was started with the gateway and awaits its confirmation.</summary>
    Processing,

    /// <summary>The payment was confirmed for the expected amount and the balance credited.</summary>
    Completed,

    /// <summary>The gateway declined the payment or it expired; nothing was credited. A late confirmation still completes it.</summary>
    Failed,

    /// <summary>A payment arrived that does not match the order (amount or currency); nothing was credited until a person accepts, refunds or cancels it.</summary>
    Abnormal,

    /// <summary>A refund was reserved (its credit taken from the balance) and the gateway is asked; no second refund starts until it settles.</summary>
    Refunding,

    /// <summary>Part of the credit was refunded; the rest can still be refunded.</summary>
    PartiallyRefunded,

    /// <summary>The whole payment was refunded (and any credit taken back from the balance).</summary>
    Refunded,

    /// <summary>Cancelled: before any payment was started, or an abnormal payment dismissed by a person.</summary>
    Cancelled,
}
