namespace Billing.Domain.TopUps;

/// <summary>How a person resolved a payment that needed review (<see cref="TopUpPaymentOutcome.Mismatched"/> or <see cref="TopUpPaymentOutcome.Unexpected"/>).</summary>
public enum TopUpPaymentResolution
{
    /// <summary>What was paid was credited to the balance.</summary>
    Accepted,

    /// <summary>It was refunded through the gateway.</summary>
    Refunded,

    /// <summary>It was dismissed: settled outside the library (or the order cancelled); nothing moved.</summary>
    Dismissed,
}
