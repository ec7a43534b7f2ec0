namespace Billing.Domain.Payments;

/// <summary>What the gateway is asked to refund.</summary>
/// <param name="OrderId">The order, also the gateway's idempotency key for the refund.</param>
/// <param name="PaymentReference">The payment refunded.</param>
/// <param name="Amount">The amount refunded: the whole payment.</param>
/// <param name="Reason">Why.</param>
public sealed record RefundRequest(string OrderId, string PaymentReference, Money Amount, string Reason);
