using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>A gateway's word that a top-up order was paid: a callback, or the answer to a query.</summary>
public sealed record PaymentConfirmation
{
    /// <summary>Initializes a confirmation.</summary>
    /// <param name="orderId">The order paid.</param>
    /// <param name="paymentReference">The gateway's reference of the payment.</param>
    /// <param name="amountPaid">The amount the gateway says was paid.</param>
    /// <param name="paidAt">When the gateway says it was paid.</param>
    /// <exception cref="ArgumentException">An id is empty or holds a control character, or <paramref name="amountPaid"/> has no currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amountPaid"/> is above <see cref="Money.MaxAmount"/>.</exception>
    public PaymentConfirmation(string orderId, string paymentReference, Money amountPaid, Instant paidAt)
    {
        OrderId = Preconditions.CheckId(orderId);
        PaymentReference = Preconditions.CheckId(paymentReference);
        AmountPaid = Preconditions.CheckAmount(amountPaid);
        PaidAt = paidAt;
    }

    /// <summary>Gets the order paid.</summary>
    public string OrderId { get; }

    /// <summary>Gets the gateway's reference of the payment: confirmations are idempotent by it.</summary>
    public string PaymentReference { get; }

    /// <summary>Gets the amount the gateway says was paid.</summary>
    public Money AmountPaid { get; }

    /// <summary>Gets when the gateway says it was paid.</summary>
    public Instant PaidAt { get; }
}
