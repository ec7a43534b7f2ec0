using Billing.Domain.Diagnostics;
using Billing.Domain.Events;
using Billing.Domain.Grants;
using Billing.Domain.Ledger;
using Billing.Domain.Payments;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// The top-up flow: create an order, start its payment, take confirmations (idempotent by payment reference,
/// in any order, any number of times), query the gateway, refund, cancel.
/// </summary>
public sealed class TopUpService
{
    private static readonly string[] PaymentOutcomeNames = [.. Enum.GetNames<TopUpPaymentOutcome>().Select(Texts.SnakeCase)];

    private readonly PrepaidCommands _commands;
    private readonly IPaymentGateway _gateway;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="gateway">The payment gateway.</param>
    /// <param name="clock">The clock stamping orders and entries.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public TopUpService(IPrepaidStore store, IPaymentGateway gateway, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _gateway = Preconditions.CheckNotNull(gateway);
        _commands = new PrepaidCommands(store, clock, retry, logger);
    }

    /// <summary>
    /// Gets how long the credit of a completed top-up can be spent, counted in the account's time zone from its
    /// completion (a package bought for a year: <c>Period.FromYears(1)</c>), or null (the default): it never expires.
    /// </summary>
    /// <exception cref="ArgumentException">The period is not more than zero.</exception>
    public Period? PaidCreditLifetime
    {
        get;
        init => field = value is null || (value != Period.Zero && IsForward(value))
            ? value
            : throw new ArgumentException($"A lifetime of paid credit is more than zero, not {value}.", nameof(value));
    }

    /// <summary>Gets the priority of a completed top-up's credit: <see cref="GrantTerms.DefaultPriority"/> unless the host says otherwise (0 spent first, 100 last).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The priority is outside 0-100.</exception>
    public int PaidCreditPriority
    {
        get;
        init => field = Preconditions.CheckRange(value, 0, GrantTerms.LowestPriority);
    } = GrantTerms.DefaultPriority;

    // The terms of a top-up's credit: paid, spendable at once (effective from the ledger's opening, as Post's default), expiring after the lifetime in the account's zone, if any.
    private GrantTerms PaidTermsFor(PrepaidAccount account, Instant now)
    {
        var zone = account.Profile.TimeZone.Zone;
        return new(CreditSource.Paid, account.OpenedAt, PaidCreditLifetime is { } lifetime ? (now.InZone(zone).LocalDateTime + lifetime).InZoneLeniently(zone).ToInstant() : null, PaidCreditPriority);
    }

    private static bool IsForward(Period period) =>
        period.Years >= 0 && period.Months >= 0 && period.Weeks >= 0 && period.Days >= 0 && period.Hours >= 0 && period.Minutes >= 0 && period.Seconds >= 0
        && period.Milliseconds >= 0 && period.Ticks >= 0 && period.Nanoseconds >= 0;

    /// <summary>The idempotency key of an order's balance credit.</summary>
    /// <param name="orderId">The order.</param>
    /// <returns>The key.</returns>
    public static string CreditKeyFor(string orderId) => "topup:" + orderId;

    /// <summary>The idempotency key of an order's refund: of its balance debit, and the gateway's key for the refund.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="number">The refund's number on the order, from 1.</param>
    /// <returns>The key, <c>refund:{orderId}:{number}</c>.</returns>
    public static string RefundKeyFor(string orderId, int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"refund:{orderId}:{number}");

    /// <summary>The idempotency key of the credit that gives a declined refund's debit back.</summary>
    /// <param name="orderId">The order.</param>
    /// <param name="number">The refund's number on the order, from 1.</param>
    /// <returns>The key, <c>refund-reversal:{orderId}:{number}</c>.</returns>
    public static string ReversalKeyFor(string orderId, int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"refund-reversal:{orderId}:{number}");

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
        return _commands.RunAsync("top_up.create", async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(amount);

            if (await _commands.Store.FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.AccountId == accountId && existing.Amount == amount && existing.PaymentAmount == paymentAmount && existing.PaymentMethod == paymentMethod
                    ? existing
                    : throw new IdempotencyKeyReusedException("top-up order", orderId);
            }

            return (await _commands.CommitAsync(new PrepaidChange(order: created), cancellationToken).ConfigureAwait(false)).Order!;
        }, cancellationToken);
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
    /// Takes a payment confirmation and keeps it as a payment record on its order. One that pays a waiting order
    /// exactly completes it and credits the balance, in one commit; one that does not (amount or currency) marks it
    /// Abnormal and credits nothing; one for an order already paid, refunded or cancelled is kept as an unexpected
    /// payment (an overpayment) flagged for review. The same payment again (same reference and amount) changes
    /// nothing and returns the order as it is.
    /// </summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order, the payment record, the order's credit if completed, and whether this was a replay.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="confirmation"/> is null.</exception>
    /// <exception cref="NotFoundException">No such order.</exception>
    public async Task<TopUpConfirmation> ConfirmAsync(PaymentConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(confirmation);
        return Received("top_up.confirm", await _commands.RunAsync("top_up.confirm", async () =>
        {
            var order = await _commands.Store.RequireOrderAsync(confirmation.OrderId, cancellationToken).ConfigureAwait(false);
            if (order.PaymentRepeatedBy(confirmation) is { } repeated)
            {
                var credit = await _commands.Store.FindEntryAsync(order.AccountId, CreditKeyFor(order.OrderId), cancellationToken).ConfigureAwait(false);
                return new TopUpConfirmation(order, repeated, credit, Replayed: true);
            }

            var now = _commands.Now;
            if (order.Status is not (TopUpStatus.Pending or TopUpStatus.Processing or TopUpStatus.Failed))
            {
                var unexpected = new PaymentUnexpected(order.OrderId, order.AccountId, confirmation.PaymentReference, confirmation.AmountPaid, now);
                var kept = (await _commands.CommitAsync(new PrepaidChange(order: order.RecordUnexpected(confirmation, now), events: [unexpected]), cancellationToken).ConfigureAwait(false)).Order!;
                return new TopUpConfirmation(kept, kept.Payments[^1], null, Replayed: false);
            }

            if (!order.IsPaidBy(confirmation))
            {
                var abnormal = new TopUpAbnormal(order.OrderId, order.AccountId, confirmation.PaymentReference, confirmation.AmountPaid, order.PaymentAmount, now);
                var flagged = (await _commands.CommitAsync(new PrepaidChange(order: order.FlagAbnormal(confirmation, now), events: [abnormal]), cancellationToken).ConfigureAwait(false)).Order!;
                return new TopUpConfirmation(flagged, flagged.Payments[^1], null, Replayed: false);
            }

            var account = await _commands.Store.RequireAccountAsync(order.AccountId, cancellationToken).ConfigureAwait(false);
            var (credited, entry) = account.Post(
                LedgerEntryKind.TopUpCredit, order.Amount, CreditKeyFor(order.OrderId), now, order.OrderId, $"Top-up {order.OrderId} ({order.PaymentMethod} {confirmation.PaymentReference})",
                PaidTermsFor(account, now));
            var completed = new TopUpCompleted(order.OrderId, order.AccountId, order.Amount, credited.Balance, now);
            var saved = (await _commands.CommitAsync(new PrepaidChange(credited, entry, order.Complete(confirmation, now), events: [completed]), cancellationToken).ConfigureAwait(false)).Order!;
            return new TopUpConfirmation(saved, saved.Payments[^1], entry, Replayed: false);
        }, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Refunds part or all of a completed order's credit, or the whole payment of an abnormal order. The refund is
    /// reserved first: in one commit the order moves to Refunding and its credit leaves the balance and the
    /// invoiceable amount, both checked in that commit; only then is the gateway asked, under the refund's own
    /// idempotency key (<see cref="RefundKeyFor"/>); its answer settles the refund (a decline gives the credit back).
    /// While a refund is in flight a second one is answered <see cref="TopUpRefundOutcome.InProgress"/> without
    /// asking the gateway.
    /// </summary>
    /// <param name="accountId">The account the order belongs to.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="by">Who asks for the refund.</param>
    /// <param name="reason">Why.</param>
    /// <param name="credit">How much of the credit to refund; all that is left when null. Null for an abnormal order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Refunded, already refunded, in progress, refused (credit limit, invoiced, more than is left), or declined by the gateway.</returns>
    /// <exception cref="NotFoundException">No such order in the account.</exception>
    /// <exception cref="ArgumentException">A text is empty, or the credit is in another currency, not in minor units, or given for an abnormal order.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The credit is not positive.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order cannot be refunded from its status (code <c>topup.transition_refused</c>).</exception>
    /// <remarks>When the gateway throws (unreachable, timed out) the order stays Refunding and the exception propagates; <see cref="SettleRefundAsync"/> asks again under the same key.</remarks>
    public Task<TopUpRefundResult> RefundAsync(
        string accountId, string orderId, string by, string reason, Money? credit = null, CancellationToken cancellationToken = default) =>
        ReserveAndSendAsync(accountId, orderId, by, reason, order => ReserveRefundAsync(order, credit, by, reason, cancellationToken), cancellationToken);

    /// <summary>
    /// Asks the gateway again about an order's refund in flight (after a crash or a gateway time-out), under the same
    /// idempotency key, and settles it with the answer. With no refund in flight it returns the last refund as it is.
    /// </summary>
    /// <param name="accountId">The account the order belongs to.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The refund's outcome.</returns>
    /// <exception cref="NotFoundException">No such order in the account, or it was never refunded.</exception>
    public async Task<TopUpRefundResult> SettleRefundAsync(string accountId, string orderId, CancellationToken cancellationToken = default)
    {
        var order = await RequireOrderAsync(accountId, orderId, cancellationToken).ConfigureAwait(false);
        if (order.RefundInFlight is { } inFlight)
        {
            return await SendAsync(order, inFlight, cancellationToken).ConfigureAwait(false);
        }

        var last = order.Refunds.Count > 0 ? order.Refunds[^1] : throw new NotFoundException("refund of top-up order", orderId);
        return await ResultOfAsync(order, last, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refunds an unexpected payment (an overpayment kept for review) through the gateway, reserved first like any refund; nothing moves on the balance.</summary>
    /// <param name="accountId">The account the order belongs to.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="paymentReference">The unexpected payment.</param>
    /// <param name="by">Who decides.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Refunded, in progress (another refund is in flight), or declined.</returns>
    /// <exception cref="NotFoundException">No such order in the account.</exception>
    /// <exception cref="ArgumentException">No unexpected payment waiting for review has that reference, or a text is empty.</exception>
    public Task<TopUpRefundResult> RefundPaymentAsync(
        string accountId, string orderId, string paymentReference, string by, string reason, CancellationToken cancellationToken = default) =>
        ReserveAndSendAsync(accountId, orderId, by, reason, order => ReservePaymentRefundAsync(order, paymentReference, by, reason, cancellationToken), cancellationToken);

    /// <summary>
    /// Accepts an abnormal order's payment: a person decides to credit what was paid. The order is amended to the
    /// payment received and completes, and its credit is written, in one commit.
    /// </summary>
    /// <param name="accountId">The account the order belongs to.</param>
    /// <param name="orderId">The abnormal order.</param>
    /// <param name="by">Who accepts.</param>
    /// <param name="reason">Why.</param>
    /// <param name="credit">
    /// What the payment is worth on the balance. When null it is derived: the order's credit in proportion to what was
    /// paid (<c>Amount × received / PaymentAmount</c>), rounded down to a minor unit; a payment in another currency
    /// than the order's payment amount needs it given.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The completed order with its credit.</returns>
    /// <exception cref="NotFoundException">No such order in the account.</exception>
    /// <exception cref="ArgumentException">A text is empty; the credit is missing for a payment in another currency, or in another currency than the ledger.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order is not abnormal.</exception>
    public Task<TopUpConfirmation> AcceptPaymentAsync(
        string accountId, string orderId, string by, string reason, Money? credit = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckActor(by);
        Preconditions.CheckText(reason);
        return _commands.RunAsync("top_up.accept_payment", async () =>
        {
            var order = await RequireOrderAsync(accountId, orderId, cancellationToken).ConfigureAwait(false);
            if (order.Status != TopUpStatus.Abnormal && order.Payments.LastOrDefault(p => p.Resolution == TopUpPaymentResolution.Accepted) is { } accepted)
            {
                return new TopUpConfirmation(order, accepted, await _commands.Store.FindEntryAsync(order.AccountId, CreditKeyFor(orderId), cancellationToken).ConfigureAwait(false), Replayed: true);
            }

            TopUpLifecycle.Machine.Fire(order.Status, TopUpTrigger.Accept, default);
            var received = order.AmountReceived!.Value;
            var worth = credit ?? (received.Currency == order.PaymentAmount.Currency
                ? order.CreditFor(received)
                : throw new ArgumentException($"Order {orderId} was paid in {received.Currency.Code}, not {order.PaymentAmount.Currency.Code}: say what the payment is worth.", nameof(credit)));
            var now = _commands.Now;
            var completed = order.Accept(worth, by, reason, now);
            var account = await _commands.Store.RequireAccountAsync(order.AccountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(worth);
            var (credited, entry) = account.Post(
                LedgerEntryKind.TopUpCredit, worth, CreditKeyFor(orderId), now, orderId, $"Top-up {orderId} accepted by {by} ({completed.PaymentMethod} {completed.PaymentReference})",
                PaidTermsFor(account, now));
            var saved = (await _commands.CommitAsync(new PrepaidChange(credited, entry, completed), cancellationToken).ConfigureAwait(false)).Order!;
            return new TopUpConfirmation(saved, saved.Payments.Last(p => p.Resolution == TopUpPaymentResolution.Accepted), entry, Replayed: false);
        }, cancellationToken);
    }

    /// <summary>Dismisses an unexpected payment after review (it was settled outside the library); nothing moves. Dismissing it again returns the order.</summary>
    /// <param name="accountId">The account the order belongs to.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="paymentReference">The unexpected payment.</param>
    /// <param name="by">Who reviewed it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order.</returns>
    /// <exception cref="NotFoundException">No such order in the account.</exception>
    /// <exception cref="ArgumentException">No unexpected payment waiting for review has that reference, or a text is empty.</exception>
    public Task<TopUpOrder> DismissPaymentAsync(string accountId, string orderId, string paymentReference, string by, string reason, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckActor(by);
        Preconditions.CheckText(reason);
        return _commands.RunAsync("top_up.dismiss_payment", async () =>
        {
            var order = await RequireOrderAsync(accountId, orderId, cancellationToken).ConfigureAwait(false);
            if (order.Payments.Any(p => p.Reference == paymentReference && p.Resolution == TopUpPaymentResolution.Dismissed))
            {
                return order;
            }

            return (await _commands.CommitAsync(new PrepaidChange(order: order.DismissPayment(paymentReference, by, reason, _commands.Now)), cancellationToken).ConfigureAwait(false)).Order!;
        }, cancellationToken);
    }

    /// <summary>Cancels a pending order, or an abnormal one whose payment a person dismisses; cancelling it again changes nothing.</summary>
    /// <param name="accountId">The account the order belongs to.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="by">Who cancels: the customer or a person of the host.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cancelled order.</returns>
    /// <exception cref="NotFoundException">No such order in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">A payment was started or it is settled (code <c>topup.transition_refused</c>).</exception>
    public Task<TopUpOrder> CancelAsync(string accountId, string orderId, string by, string reason, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckActor(by);
        Preconditions.CheckText(reason);
        return _commands.RunAsync("top_up.cancel", async () =>
        {
            var order = await RequireOrderAsync(accountId, orderId, cancellationToken).ConfigureAwait(false);
            return order.Status == TopUpStatus.Cancelled
                ? order
                : (await _commands.CommitAsync(new PrepaidChange(order: order.Cancel(by, reason, _commands.Now)), cancellationToken).ConfigureAwait(false)).Order!;
        }, cancellationToken);
    }

    // Reserves a refund of a completed order's credit (or of an abnormal order's payment): the checks and the commit that moves it to Refunding.
    private async Task<(TopUpRefundResult Result, bool Reserved)> ReserveRefundAsync(TopUpOrder order, Money? credit, string by, string reason, CancellationToken cancellationToken)
    {
        if (order.Status == TopUpStatus.Refunded)
        {
            var last = order.Refunds.Last(r => r.Status == TopUpRefundStatus.Succeeded);
            return credit is null
                ? (new TopUpRefundResult(TopUpRefundOutcome.AlreadyRefunded, order, last, await DebitOfAsync(order, last, cancellationToken).ConfigureAwait(false)), false)
                : (new TopUpRefundResult(TopUpRefundOutcome.RefusedOverRefundable, order, null, null), false);
        }

        TopUpLifecycle.Machine.Fire(order.Status, TopUpTrigger.BeginRefund, default);
        var now = _commands.Now;
        if (order.Status == TopUpStatus.Abnormal)
        {
            var abnormal = order.BeginRefund(credit, reason, by, now);
            var kept = (await _commands.CommitAsync(new PrepaidChange(order: abnormal), cancellationToken).ConfigureAwait(false)).Order!;
            return (new TopUpRefundResult(TopUpRefundOutcome.InProgress, kept, kept.Refunds[^1], null), true);
        }

        var amount = credit ?? order.RefundableCredit;
        Preconditions.CheckArgument(amount.Currency == order.Amount.Currency, nameof(credit), $"Order {order.OrderId} credited {order.Amount.Currency.Code}, not {amount.Currency.Code}.");
        if (amount > order.RefundableCredit)
        {
            return (new TopUpRefundResult(TopUpRefundOutcome.RefusedOverRefundable, order, null, null), false);
        }

        var account = await _commands.Store.RequireAccountAsync(order.AccountId, cancellationToken).ConfigureAwait(false);
        if (amount > account.RefundableAt(now))
        {
            return (new TopUpRefundResult(TopUpRefundOutcome.RefusedOverCreditLimit, order, null, null), false);
        }

        if (amount > account.Invoicing.Invoiceable)
        {
            return (new TopUpRefundResult(TopUpRefundOutcome.RefusedInvoiced, order, null, null), false);
        }

        var refunding = order.BeginRefund(amount, reason, by, now);
        var refund = refunding.Refunds[^1];
        var (debited, entry) = account.PostRefund(amount, refund.IdempotencyKey, now, order.OrderId, $"Refund {refund.Number} of top-up {order.OrderId}: {reason}", CreditKeyFor(order.OrderId));
        var saved = (await _commands.CommitAsync(new PrepaidChange(debited, entry, refunding), cancellationToken).ConfigureAwait(false)).Order!;
        return (new TopUpRefundResult(TopUpRefundOutcome.InProgress, saved, saved.Refunds[^1], entry), true);
    }

    // Reserves the refund of an unexpected payment: a commit that adds the pending refund.
    private async Task<(TopUpRefundResult Result, bool Reserved)> ReservePaymentRefundAsync(
        TopUpOrder order, string paymentReference, string by, string reason, CancellationToken cancellationToken)
    {
        if (order.Payments.FirstOrDefault(p => p.Reference == paymentReference && p.Resolution == TopUpPaymentResolution.Refunded) is not null)
        {
            var done = order.Refunds.Last(r => r.PaymentReference == paymentReference && r.Status == TopUpRefundStatus.Succeeded);
            return (new TopUpRefundResult(TopUpRefundOutcome.AlreadyRefunded, order, done, null), false);
        }

        var saved = (await _commands.CommitAsync(new PrepaidChange(order: order.BeginPaymentRefund(paymentReference, reason, by, _commands.Now)), cancellationToken).ConfigureAwait(false)).Order!;
        return (new TopUpRefundResult(TopUpRefundOutcome.InProgress, saved, saved.Refunds[^1], null), true);
    }

    // Reserves a refund in a commit (or finds one in flight, answered InProgress), then, when this call made the
    // reservation, sends it to the gateway: a second call sees the refund in flight and never asks the gateway.
    private async Task<TopUpRefundResult> ReserveAndSendAsync(
        string accountId, string orderId, string by, string reason, Func<TopUpOrder, Task<(TopUpRefundResult Result, bool Reserved)>> reserve, CancellationToken cancellationToken)
    {
        Preconditions.CheckActor(by);
        Preconditions.CheckText(reason);
        var (result, reserved) = await _commands.RunAsync("top_up.reserve_refund", async () =>
        {
            var order = await RequireOrderAsync(accountId, orderId, cancellationToken).ConfigureAwait(false);
            return order.RefundInFlight is { } inFlight
                ? (new TopUpRefundResult(TopUpRefundOutcome.InProgress, order, inFlight, null), false)
                : await reserve(order).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        if (result.RefusalCode is { } code)
        {
            _commands.Runner.Refused("top_up.refund", code, $"refund of order {orderId}");
        }

        return reserved ? await SendAsync(result.Order, result.Refund!, cancellationToken).ConfigureAwait(false) : result;
    }

    // Counts a payment received by outcome and logs one a person must look at.
    private TopUpConfirmation Received(string command, TopUpConfirmation confirmation)
    {
        var payment = confirmation.Payment;
        var outcome = confirmation.Replayed ? "replayed" : PaymentOutcomeNames[(int)payment.Outcome];
        BillingTelemetry.TopUps.Add(1, new KeyValuePair<string, object?>(BillingTelemetry.Tags.Outcome, outcome));
        if (confirmation.Replayed)
        {
            BillingLog.Replayed(_commands.Runner.Logger, command, payment.Reference);
        }
        else if (payment.Outcome != TopUpPaymentOutcome.Credited)
        {
            BillingLog.TopUpAbnormal(_commands.Runner.Logger, confirmation.Order.OrderId, confirmation.Order.AccountId, payment.Reference, outcome);
        }

        return confirmation;
    }

    // Sends a reserved refund to the gateway and settles it with the answer, on the order as it is now.
    private async Task<TopUpRefundResult> SendAsync(TopUpOrder order, TopUpRefund refund, CancellationToken cancellationToken)
    {
        var answer = await _gateway.RefundAsync(
            new RefundRequest(order.OrderId, refund.PaymentReference, refund.PaymentAmount, refund.Reason, refund.IdempotencyKey), cancellationToken).ConfigureAwait(false);
        return await _commands.RunAsync("top_up.settle_refund", async () =>
        {
            var current = await _commands.Store.RequireOrderAsync(order.OrderId, cancellationToken).ConfigureAwait(false);
            var attempt = current.Refunds.First(r => r.Number == refund.Number);
            if (attempt.Status != TopUpRefundStatus.Pending)
            {
                return await ResultOfAsync(current, attempt, cancellationToken).ConfigureAwait(false);   // settled meanwhile by another call
            }

            var now = _commands.Now;
            var settled = current.SettleRefund(refund.Number, answer.Refunded, answer.RefundReference, answer.DeclineReason, now);
            PrepaidChange change;
            if (answer.Refunded || attempt.Credit is not { } credit)
            {
                change = new PrepaidChange(order: settled);
            }
            else
            {
                var account = await _commands.Store.RequireAccountAsync(current.AccountId, cancellationToken).ConfigureAwait(false);
                var (given, entry) = await _commands.GiveBackAsync(
                    account, LedgerEntryKind.RefundReversal, credit, ReversalKeyFor(current.OrderId, refund.Number), now, current.OrderId,
                    $"Refund {refund.Number} of top-up {current.OrderId} declined: {answer.DeclineReason ?? "declined"}", attempt.IdempotencyKey, cancellationToken).ConfigureAwait(false);
                change = new PrepaidChange(given, entry, settled);
            }

            var saved = (await _commands.CommitAsync(change, cancellationToken).ConfigureAwait(false)).Order!;
            return await ResultOfAsync(saved, saved.Refunds.First(r => r.Number == refund.Number), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TopUpRefundResult> ResultOfAsync(TopUpOrder order, TopUpRefund refund, CancellationToken cancellationToken)
    {
        var outcome = refund.Status switch
        {
            TopUpRefundStatus.Succeeded => TopUpRefundOutcome.Refunded,
            TopUpRefundStatus.Declined => TopUpRefundOutcome.Declined,
            _ => TopUpRefundOutcome.InProgress,
        };
        return new TopUpRefundResult(outcome, order, refund, await DebitOfAsync(order, refund, cancellationToken).ConfigureAwait(false), refund.DeclineReason);
    }

    private async Task<LedgerEntry?> DebitOfAsync(TopUpOrder order, TopUpRefund refund, CancellationToken cancellationToken) =>
        refund.Credit is null ? null : await _commands.Store.FindEntryAsync(order.AccountId, refund.IdempotencyKey, cancellationToken).ConfigureAwait(false);

    private async Task<TopUpOrder> RequireOrderAsync(string accountId, string orderId, CancellationToken cancellationToken)
    {
        Preconditions.CheckId(accountId);
        var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
        return order.AccountId == accountId ? order : throw new NotFoundException("top-up order", orderId);
    }

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

        return await _commands.RunAsync("top_up.refresh", async () =>
        {
            var order = await _commands.Store.RequireOrderAsync(orderId, cancellationToken).ConfigureAwait(false);
            var next = attempt.Status switch
            {
                PaymentAttemptStatus.Pending when order.Status == TopUpStatus.Pending && attempt.PaymentReference is { } reference => order.StartPayment(reference),
                PaymentAttemptStatus.Declined when order.Status is TopUpStatus.Pending or TopUpStatus.Processing => order.Decline(attempt.DeclineReason ?? "declined"),
                _ => order,
            };
            return next == order ? order : (await _commands.CommitAsync(new PrepaidChange(order: next), cancellationToken).ConfigureAwait(false)).Order!;
        }, cancellationToken).ConfigureAwait(false);
    }
}
