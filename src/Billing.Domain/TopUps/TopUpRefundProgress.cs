namespace Billing.Domain.TopUps;

/// <summary>
/// How much of an order's credit is refunded once a refund settles: the context <see cref="TopUpLifecycle"/>'s
/// guards read to choose where <see cref="TopUpTrigger.RefundSucceeded"/> and
/// <see cref="TopUpTrigger.RefundDeclined"/> lead.
/// </summary>
public enum TopUpRefundProgress
{
    /// <summary>No refund moved money, or the trigger does not settle a refund.</summary>
    NothingRefunded,

    /// <summary>Part of the credit is refunded.</summary>
    PartlyRefunded,

    /// <summary>All of the credit is refunded.</summary>
    AllRefunded,

    /// <summary>The refund is of a payment that was never credited (an abnormal order's).</summary>
    NothingCredited,
}
