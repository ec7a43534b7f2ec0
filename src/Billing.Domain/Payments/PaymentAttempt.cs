using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Payments;

/// <summary>The gateway's answer about one order's payment.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Where the payment stands.</param>
/// <param name="PaymentReference">The gateway's reference, when it has one.</param>
/// <param name="AmountPaid">The amount paid, when <see cref="PaymentAttemptStatus.Succeeded"/>.</param>
/// <param name="PaidAt">When it was paid, when <see cref="PaymentAttemptStatus.Succeeded"/>.</param>
/// <param name="DeclineReason">Why it was declined, when <see cref="PaymentAttemptStatus.Declined"/>.</param>
public sealed record PaymentAttempt(
    string OrderId, PaymentAttemptStatus Status, string? PaymentReference = null, Money? AmountPaid = null, Instant? PaidAt = null, string? DeclineReason = null)
{
    /// <summary>Gets the order.</summary>
    public string OrderId { get; } = Preconditions.CheckNotNull(OrderId);
}
