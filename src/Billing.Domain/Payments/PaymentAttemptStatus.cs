namespace Billing.Domain.Payments;

/// <summary>Where a payment stands at the gateway.</summary>
public enum PaymentAttemptStatus
{
    /// <summary>Accepted and awaiting the customer or the network; a confirmation follows.</summary>
    Pending,

    /// <summary>Paid.</summary>
    Succeeded,

    /// <summary>Declined or expired; nothing was charged.</summary>
    Declined,
}
