using Billing.Domain.Utility;
namespace Billing.Domain.Payments;

/// <summary>What the gateway is asked to refund.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="PaymentReference">The payment refunded.</param>
/// <param name="Amount">The amount refunded: all or part of the payment.</param>
/// <param name="Reason">Why.</param>
/// <param name="IdempotencyKey">The key the gateway must refund under at most once (<c>refund:{orderId}:{number}</c>): the same key again returns the first answer.</param>
public sealed record RefundRequest(string OrderId, string PaymentReference, Money Amount, string Reason, string IdempotencyKey)
{
    /// <summary>Gets the order.</summary>
    public string OrderId { get; } = Preconditions.CheckNotNull(OrderId);

    /// <summary>Gets the payment refunded.</summary>
    public string PaymentReference { get; } = Preconditions.CheckNotNull(PaymentReference);

    /// <summary>Gets why.</summary>
    public string Reason { get; } = Preconditions.CheckNotNull(Reason);

    /// <summary>Gets the key the gateway must refund under at most once (<c>refund:{orderId}:{number}</c>): the same key again returns the first answer.</summary>
    public string IdempotencyKey { get; } = Preconditions.CheckNotNull(IdempotencyKey);
}
