using Billing.Domain.Utility;
namespace Billing.Domain.Payments;

/// <summary>What the gateway is asked to charge for a top-up order.</summary>
/// <param name="OrderId">The order, also the gateway's idempotency key.</param>
/// <param name="AccountId">The account topped up.</param>
/// <param name="Amount">The amount to charge: the order's payment amount.</param>
/// <param name="PaymentMethod">The payment method.</param>
public sealed record PaymentRequest(string OrderId, string AccountId, Money Amount, string PaymentMethod)
{
    /// <summary>Gets the order, also the gateway's idempotency key.</summary>
    public string OrderId { get; } = Preconditions.CheckNotNull(OrderId);

    /// <summary>Gets the account topped up.</summary>
    public string AccountId { get; } = Preconditions.CheckNotNull(AccountId);

    /// <summary>Gets the payment method.</summary>
    public string PaymentMethod { get; } = Preconditions.CheckNotNull(PaymentMethod);
}
