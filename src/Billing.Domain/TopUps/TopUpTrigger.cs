namespace Billing.Domain.TopUps;

/// <summary>What moves a top-up order between statuses.</summary>
public enum TopUpTrigger
{
    /// <summary>The gateway accepted the payment request and gave a payment reference.</summary>
    StartPayment,

    /// <summary>A payment for the expected amount arrived (a callback, or a query of the gateway).</summary>
    Confirm,

    /// <summary>The gateway declined the payment or it expired.</summary>
    Decline,

    /// <summary>A payment arrived that does not match the order.</summary>
    FlagAbnormal,

    /// <summary>A person accepted an abnormal payment: what was paid is credited.</summary>
    Accept,

    /// <summary>A refund was reserved and is sent to the gateway.</summary>
    BeginRefund,

    /// <summary>The gateway refunded.</summary>
    RefundSucceeded,

    /// <summary>The gateway declined the refund; its reservation is released.</summary>
    RefundDeclined,

    /// <summary>The order was cancelled: before paying, or an abnormal payment dismissed by a person.</summary>
    Cancel,
}
