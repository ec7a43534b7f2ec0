namespace Billing.Domain.Payments;

/// <summary>
/// The payment provider, as the host wires it (Stripe, Adyen, a bank, a crypto processor). A declined payment
/// is an answer, not an exception; an exception means the gateway could not be reached or did not answer in
/// time, and the order stays as it was until a confirmation or a later query settles it.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Starts the payment of a top-up order. Calling it twice for one order must not charge twice (use the order id as the gateway's idempotency key).</summary>
    /// <param name="request">What to charge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gateway's answer.</returns>
    Task<PaymentAttempt> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks where the payment of an order stands, by the order id.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gateway's answer; <see cref="PaymentAttemptStatus.Pending"/> when it does not know the order yet.</returns>
    Task<PaymentAttempt> QueryAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Refunds a completed payment in full.</summary>
    /// <param name="request">What to refund.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The gateway's answer.</returns>
    Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default);
}
