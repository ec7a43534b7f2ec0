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

    /// <summary>A confirmation did not match the order (amount or currency); nothing was credited and support must look at it.</summary>
    Abnormal,

    /// <summary>The payment was refunded and the credit taken back from the balance.</summary>
    Refunded,

    /// <summary>Cancelled before any payment was started.</summary>
    Cancelled,
}
