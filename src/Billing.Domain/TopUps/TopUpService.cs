using Billing.Domain.Ledger;
using Billing.Domain.Payments;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// The top-up flow: create an order, start its payment, take confirmations (idempotent by payment reference,
/// in any order, any number of times), query the gateway, refund, cancel.
/// </summary>
public sealed class TopUpService
{
    private readonly PrepaidCommands _commands;
    private readonly IPaymentGateway _gateway;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="gateway">The payment gateway.</param>
    /// <param name="clock">The clock stamping orders and entries.</param>
    /// <param name="attempts">How many times a command is tried when it loses a race; 1 or more.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public TopUpService(IPrepaidStore store, IPaymentGateway gateway, IClock clock, int attempts = ConflictRetry.DefaultAttempts)
    {
        _gateway = Preconditions.CheckNotNull(gateway);
        _commands = new PrepaidCommands(store, clock, attempts);
    }

    /// <summary>The idempotency key of an order's balance credit.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The key.</returns>
    public static string CreditKeyFor(string orderId) => "topup:" + orderId;

    /// <summary>The idempotency key of an order's refund debit.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The key.</returns>
    public static string RefundKeyFor(string orderId) => "refund:" + orderId;

    /// <summary>Creates a pending order; the same request again returns the first order.</summary>
    /// <param name="orderId">The order's id, chosen by the host.</param>
    /// <param name="accountId">The account topped up.</param>
    /// <param name="amount">The amount credited, in the ledger's currency.</param>
    /// <param name="paymentAmount">The amount paid for it.</param>
    /// <param name="paymentMethod">The payment method.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pending order.</returns>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">The credited amount is not in the ledger's currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The id is taken by a different order.</exception>
    public Task<TopUpOrder> CreateAsync(
        string orderId, string accountId, Money amount, Money paymentAmount, string paymentMethod, CancellationToken cancellationToken = default)
    {
        var created = TopUpOrder.Create(orderId, accountId, amount, paymentAmount, paymentMethod, _commands.Now);
        return _commands.RunAsync(async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(amount);

            if (await _commands.Store.FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.AccountId == accountId && existing.Amount == amount && existing.PaymentAmount == paymentAmount && existing.PaymentMethod == paymentMethod
                    ? existing
                    : throw new IdempotencyKeyReusedException("top-up order", orderId);
            }

            return (await _commands.Store.CommitAsync(new PrepaidChange(order: created), cancellationToken).ConfigureAwait(false)).Order!;
        });
    }

    /// <summary>
    /// Asks the gateway to start the payment of a pending order, and applies its answer: pending moves the order to
    /// Processing, success completes it, a decline fails it. An order past Pending is returned as it is, without a call.
    /// </summary>
    /// <param name="orderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order after the gateway's answer.</returns>
    /// <exception cref="NotFoundException">No such order.</exception>
    /// <remarks>When the gateway throws (unreachable, timed out), the order stays Pending and the exception propagates; a later confirmation or <see cref="RefreshAsync"/> settles it.</remarks>
    public async Task<TopUpOrder> StartPaymentAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (order.Status != TopUpStatus.Pending)
        {
            return order;
        }

        var attempt = await _gateway.StartAsync(new PaymentRequest(order.OrderId, order.AccountId, order.PaymentAmount, order.PaymentMethod), cancellationToken).ConfigureAwait(false);
        return await ApplyAsync(orderId, attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the gateway where an order's payment stands and applies the answer, as <see cref="StartPaymentAsync"/> does.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order after the gateway's answer.</returns>
    /// <exception cref="NotFoundException">No such order.</exception>
    public async Task<TopUpOrder> RefreshAsync(string orderId, CancellationToken cancellationToken = default)
    {
        var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (order.Status is not (TopUpStatus.Pending or TopUpStatus.Processing or TopUpStatus.Failed))
        {
            return order;
        }

        var attempt = await _gateway.QueryAsync(orderId, cancellationToken).ConfigureAwait(false);
        return await ApplyAsync(orderId, attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes a payment confirmation. One that pays the order exactly completes it and credits the balance, in one
    /// commit; one that does not (amount or currency) marks it Abnormal and credits nothing. A confirmation
    /// processed before, or one for an order already settled, changes nothing and returns the order as it is.
    /// </summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, its credit if completed, and whether this was a replay.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="confirmation"/> is null.</exception>
    /// <exception cref="NotFoundException">No such order.</exception>
    public Task<TopUpConfirmation> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(confirmation);
        return _commands.RunAsync(async () =>
        {
            var order = await _commands.Store.RequireOrderAsync(confirmation.OrderId, cancellationToken).ConfigureAwait(false);
            if (order.Status is TopUpStatus.Completed or TopUpStatus.Refunded or TopUpStatus.Abnormal or TopUpStatus.Cancelled)
            {
                var credit = await _commands.Store.FindEntryAsync(order.AccountId, CreditKeyFor(order.OrderId), cancellationToken).ConfigureAwait(false);
                return new TopUpConfirmation(order, credit, Replayed: true);
            }

            if (!order.IsPaidBy(confirmation))
            {
                var flagged = await _commands.Store.CommitAsync(new PrepaidChange(order: order.FlagAbnormal(confirmation)), cancellationToken).ConfigureAwait(false);
                return new TopUpConfirmation(flagged.Order!, null, Replayed: false);
            }

            var now = _commands.Now;
            var account = await _commands.Store.RequireAccountAsync(order.AccountId, cancellationToken).ConfigureAwait(false);
            var (credited, entry) = account.Post(
                LedgerEntryKind.TopUpCredit, order.Amount, CreditKeyFor(order.OrderId), now, order.OrderId, $"Top-up {order.OrderId} ({order.PaymentMethod} {confirmation.PaymentReference})");
            var saved = await _commands.Store.CommitAsync(new PrepaidChange(credited, entry, order.Complete(confirmation, now)), cancellationToken).ConfigureAwait(false);
            return new TopUpConfirmation(saved.Order!, entry, Replayed: false);
        });
    }

    /// <summary>
    /// Refunds a completed order in full: checks the balance can give the credit back, asks the gateway, then marks
    /// the order Refunded and debits the credit in one commit. Refunding it again changes nothing.
    /// </summary>
    /// <param name="orderId">The order.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Refunded, already refunded, refused over the credit limit or because the recharge was invoiced, or declined by the gateway.</returns>
    /// <exception cref="NotFoundException">No such order.</exception>
    /// <exception cref="StateMachines.TransitionRefusedException">The order is not completed (code <c>topup.transition_refused</c>).</exception>
    public async Task<TopUpRefund> RefundAsync(string orderId, string reason, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckText(reason);
        var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
        if (order.Status == TopUpStatus.Refunded)
        {
            return await AlreadyRefundedAsync(order, cancellationToken).ConfigureAwait(false);
        }

        TopUpLifecycle.Machine.Fire(order.Status, TopUpTrigger.Refund, default);
        var account = await _commands.Store.RequireAccountAsync(order.AccountId, cancellationToken).ConfigureAwait(false);
        if (!account.CanDebit(order.Amount))
        {
            return new TopUpRefund(TopUpRefundOutcome.RefusedOverCreditLimit, order, null);
        }

        if (order.Amount > account.Invoicing.Invoiceable)
        {
            return new TopUpRefund(TopUpRefundOutcome.RefusedInvoiced, order, null);
        }

        var answer = await _gateway.RefundAsync(new RefundRequest(orderId, order.PaymentReference!, order.PaymentAmount, reason), cancellationToken).ConfigureAwait(false);
        if (!answer.Refunded)
        {
            return new TopUpRefund(TopUpRefundOutcome.Declined, order, null, answer.DeclineReason ?? "declined");
        }

        // The gateway has refunded: record it even if the balance was spent meanwhile (the money has left).
        return await _commands.RunAsync(async () =>
        {
            var current = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            if (current.Status == TopUpStatus.Refunded)
            {
                return await AlreadyRefundedAsync(current, cancellationToken).ConfigureAwait(false);
            }

            var now = _commands.Now;
            var head = await _commands.Store.RequireAccountAsync(current.AccountId, cancellationToken).ConfigureAwait(false);
            var (debited, entry) = head.Post(LedgerEntryKind.Refund, -current.Amount, RefundKeyFor(orderId), now, orderId, $"Refund of top-up {orderId}: {reason}");
            var refunded = current.Refund(answer.RefundReference ?? orderId, reason, now);
            var saved = await _commands.Store.CommitAsync(new PrepaidChange(debited, entry, refunded), cancellationToken).ConfigureAwait(false);
            return new TopUpRefund(TopUpRefundOutcome.Refunded, saved.Order!, entry);
        }).ConfigureAwait(false);
    }

    /// <summary>Cancels a pending order; cancelling it again changes nothing.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cancelled order.</returns>
    /// <exception cref="NotFoundException">No such order.</exception>
    /// <exception cref="StateMachines.TransitionRefusedException">A payment was started or it is settled (code <c>topup.transition_refused</c>).</exception>
    public Task<TopUpOrder> CancelAsync(string orderId, string reason, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckText(reason);
        return _commands.RunAsync(async () =>
        {
            var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            return order.Status == TopUpStatus.Cancelled
                ? order
                : (await _commands.Store.CommitAsync(new PrepaidChange(order: order.Cancel(reason)), cancellationToken).ConfigureAwait(false)).Order!;
        });
    }

    // A refund asked again: the order as it is, with the debit the first refund wrote.
    private async Task<TopUpRefund> AlreadyRefundedAsync(TopUpOrder order, CancellationToken cancellationToken) =>
        new(TopUpRefundOutcome.AlreadyRefunded, order, await _commands.Store.FindEntryAsync(order.AccountId, RefundKeyFor(order.OrderId), cancellationToken).ConfigureAwait(false));

    // Applies the gateway's answer to the order as it is now: a confirmation may have settled it meanwhile.
    private async Task<TopUpOrder> ApplyAsync(string orderId, PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Status == PaymentAttemptStatus.Succeeded)
        {
            var reference = attempt.PaymentReference ?? throw new InvalidOperationException($"The gateway reported order {orderId} paid without a payment reference.");
            var paid = attempt.AmountPaid ?? throw new InvalidOperationException($"The gateway reported order {orderId} paid without an amount.");
            var confirmation = new PaymentConfirmation(orderId, reference, paid, attempt.PaidAt ?? _commands.Now);
            return (await ConfirmAsync(confirmation, cancellationToken).ConfigureAwait(false)).Order;
        }

        return await _commands.RunAsync(async () =>
        {
            var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            var next = attempt.Status switch
            {
                PaymentAttemptStatus.Pending when order.Status == TopUpStatus.Pending && attempt.PaymentReference is { } reference => order.StartPayment(reference),
                PaymentAttemptStatus.Declined when order.Status is TopUpStatus.Pending or TopUpStatus.Processing => order.Decline(attempt.DeclineReason ?? "declined"),
                _ => order,
            };
            return next == order ? order : (await _commands.Store.CommitAsync(new PrepaidChange(order: next), cancellationToken).ConfigureAwait(false)).Order!;
        }).ConfigureAwait(false);
    }
}
