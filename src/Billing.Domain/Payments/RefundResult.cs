namespace Billing.Domain.Payments;

/// <summary>The gateway's answer to a refund.</summary>
/// <param name="Refunded">True when the payment was refunded.</param>
/// <param name="RefundReference">The gateway's refund reference, when refunded.</param>
/// <param name="DeclineReason">Why it was not, otherwise.</param>
public sealed record RefundResult(bool Refunded, string? RefundReference = null, string? DeclineReason = null);
