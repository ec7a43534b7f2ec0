using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// One refund of a top-up order: reserved first (its credit taken from the balance in the same commit that moves
/// the order to Refunding), then sent to the gateway under <see cref="IdempotencyKey"/>, then settled by its answer.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Number">Its number on the order, from 1.</param>
/// <param name="Credit">The credit taken back from the balance; null for a payment that was never credited (a mismatched or unexpected one).</param>
/// <param name="PaymentAmount">The amount the gateway refunds, in the payment's currency.</param>
/// <param name="PaymentReference">The payment refunded.</param>
/// <param name="Reason">Why.</param>
/// <param name="RequestedBy">Who asked for it.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="GatewayReference">The gateway's refund reference, once refunded.</param>
/// <param name="SettledAt">When the gateway's answer was recorded.</param>
/// <param name="DeclineReason">Why the gateway declined, when it did.</param>
public sealed record TopUpRefund(
    string OrderId, int Number, Money? Credit, Money PaymentAmount, string PaymentReference, string Reason, string RequestedBy, Instant RequestedAt,
    TopUpRefundStatus Status = TopUpRefundStatus.Pending, string? GatewayReference = null, Instant? SettledAt = null, string? DeclineReason = null)
{
    /// <summary>Gets the order.</summary>
    public string OrderId { get; } = Preconditions.CheckId(OrderId);

    /// <summary>Gets its number on the order, from 1.</summary>
    public int Number { get; } = Preconditions.CheckRange(Number, 1, int.MaxValue);

    /// <summary>Gets the amount the gateway refunds.</summary>
    public Money PaymentAmount { get; } = Preconditions.CheckMoney(PaymentAmount);

    /// <summary>Gets the payment refunded.</summary>
    public string PaymentReference { get; } = Preconditions.CheckId(PaymentReference);

    /// <summary>Gets why.</summary>
    public string Reason { get; } = Preconditions.CheckText(Reason);

    /// <summary>Gets who asked for it.</summary>
    public string RequestedBy { get; } = Preconditions.CheckActor(RequestedBy);

    /// <summary>Gets the gateway's idempotency key for this refund: the order and the refund's number, so a retried call never refunds twice.</summary>
    public string IdempotencyKey => TopUpService.RefundKeyFor(OrderId, Number);

    /// <summary>Records the gateway's answer.</summary>
    internal TopUpRefund Settle(bool refunded, string? gatewayReference, string? declineReason, Instant at) =>
        refunded
            ? this with { Status = TopUpRefundStatus.Succeeded, GatewayReference = gatewayReference, SettledAt = at }
            : this with { Status = TopUpRefundStatus.Declined, DeclineReason = declineReason ?? "declined", SettledAt = at };
}
