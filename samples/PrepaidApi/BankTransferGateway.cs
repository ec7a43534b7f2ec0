using Billing.Domain.Payments;

namespace PrepaidApi;

/// <summary>
/// Top-ups paid by bank transfer: starting a payment gives the customer the order id to quote as the transfer's
/// reference, and the bank's webhook confirms the money arrived (<c>POST /webhooks/bank-transfers</c>). The bank has no
/// status query, and transfers back are made by the finance team, so an automatic refund is declined with the reason.
/// </summary>
internal sealed class BankTransferGateway : IPaymentGateway
{
    public Task<PaymentAttempt> StartAsync(PaymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(new PaymentAttempt(request.OrderId, PaymentAttemptStatus.Pending));
    }

    public Task<PaymentAttempt> QueryAsync(string orderId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new PaymentAttempt(orderId, PaymentAttemptStatus.Pending));

    public Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new RefundResult(false, DeclineReason: "Bank transfers are refunded by the finance team, not automatically."));
}
