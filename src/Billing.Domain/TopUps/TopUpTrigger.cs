namespace Billing.Domain.TopUps;

/// <summary>What moves a top-up order between statuses.</summary>
public enum TopUpTrigger
{
    /// <summary>The gateway accepted the payment request and gave a payment reference.</summary>
    StartPayment,

    /// <summary>A confirmation for the expected amount arrived (a callback, or a query of the gateway).</summary>
    Confirm,

    /// <summary>The gateway declined the payment or it expired.</summary>
    Decline,

    /// <summary>A confirmation arrived that does not match the order.</summary>
    FlagAbnormal,

    /// <summary>The gateway refunded the payment.</summary>
    Refund,

    /// <summary>The customer or host cancelled the order before paying.</summary>
    Cancel,
}
