namespace Billing.Domain.TopUps;

/// <summary>Where one refund of a top-up order stands.</summary>
public enum TopUpRefundStatus
{
    /// <summary>Reserved and sent to the gateway; its answer has not been recorded yet.</summary>
    Pending,

    /// <summary>The gateway refunded.</summary>
    Succeeded,

    /// <summary>The gateway declined; its reservation was released.</summary>
    Declined,
}
