using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// An order to top up an account's prepaid balance: what is credited, what is paid for it, every payment received
/// for it and every refund of it. Immutable: every move returns the next order, checked against <see cref="TopUpLifecycle"/>.
/// </summary>
/// <remarks>
/// The credited <see cref="Amount"/> and the <see cref="PaymentAmount"/> may differ (fees, exchange); both are
/// kept. A payment completes the order only when it pays exactly <see cref="PaymentAmount"/>. Equality compares
/// every field, the payments and refunds item by item.
/// </remarks>
public sealed record TopUpOrder
{
    private TopUpOrder(string orderId, string accountId, Money amount, Money paymentAmount, string paymentMethod, Instant createdAt)
    {
        OrderId = orderId;
        AccountId = accountId;
        Amount = amount;
        PaymentAmount = paymentAmount;
        PaymentMethod = paymentMethod;
        CreatedAt = createdAt;
    }

    /// <summary>Gets the order's id, unique in the host.</summary>
    public string OrderId { get; }

    /// <summary>Gets the account topped up.</summary>
    public string AccountId { get; }

    /// <summary>Gets the amount ordered: what is credited to the balance when the order is paid as asked.</summary>
    public Money Amount { get; }

    /// <summary>Gets the amount the customer is asked to pay for it, in the payment's currency.</summary>
    public Money PaymentAmount { get; }

    /// <summary>Gets the payment method, as the host names it (e.g. <c>card</c>).</summary>
    public string PaymentMethod { get; }

    /// <summary>Gets when the order was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>Gets the status.</summary>
    public TopUpStatus Status { get; private init; } = TopUpStatus.Pending;

    /// <summary>Gets the gateway's reference of the payment started or credited.</summary>
    public string? PaymentReference { get; private init; }

    /// <summary>Gets when the order completed (was paid and credited).</summary>
    public Instant? CompletedAt { get; private init; }

    /// <summary>Gets what was credited to the balance: <see cref="Amount"/> when paid as asked, what an accepted abnormal payment was worth, or null when nothing was.</summary>
    public Money? CreditedAmount { get; private init; }

    /// <summary>Gets why the order failed, is abnormal, was accepted, refunded or cancelled.</summary>
    public string? StatusReason { get; private init; }

    /// <summary>Gets who cancelled it, when a person did.</summary>
    public string? CancelledBy { get; private init; }

    /// <summary>Gets every payment received for the order, oldest first: seed 000's payment records.</summary>
    public IReadOnlyList<TopUpPayment> Payments { get; private init; } = [];

    /// <summary>Gets every refund of the order, by number.</summary>
    public IReadOnlyList<TopUpRefund> Refunds { get; private init; } = [];

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Gets the amount the last payment received said was paid, if one arrived.</summary>
    public Money? AmountReceived => Payments.Count == 0 ? null : Payments[^1].Amount;

    /// <summary>Gets the payment that was credited (paid as asked, or accepted), if one was.</summary>
    public TopUpPayment? CreditedPayment => Payments.FirstOrDefault(p => p.Outcome == TopUpPaymentOutcome.Credited || p.Resolution == TopUpPaymentResolution.Accepted);

    /// <summary>Gets the refund sent to the gateway and not settled yet, if any: at most one at a time.</summary>
    public TopUpRefund? RefundInFlight => Refunds.FirstOrDefault(r => r.Status == TopUpRefundStatus.Pending);

    /// <summary>Gets the credit refunded so far (succeeded refunds).</summary>
    public Money RefundedCredit => Money.Sum(Refunds.Where(r => r.Status == TopUpRefundStatus.Succeeded && r.Credit is not null).Select(r => r.Credit!.Value), Amount.Currency);

    /// <summary>Gets the credit that can still be refunded: what was credited less what is refunded or being refunded.</summary>
    public Money RefundableCredit => Status is TopUpStatus.Completed or TopUpStatus.PartiallyRefunded && CreditedAmount is { } credited
        ? credited - Money.Sum(Refunds.Where(r => r.Status != TopUpRefundStatus.Declined && r.Credit is not null).Select(r => r.Credit!.Value), Amount.Currency)
        : Money.Zero(Amount.Currency);

    /// <summary>Gets a value indicating whether a person must look at the order: it is Abnormal, or an unexpected payment waits.</summary>
    public bool NeedsReview => Status == TopUpStatus.Abnormal || Payments.Any(p => p.NeedsReview);

    /// <summary>Creates a pending order.</summary>
    /// <param name="orderId">The order's id.</param>
    /// <param name="accountId">The account topped up.</param>
    /// <param name="amount">The amount credited; positive, in minor units.</param>
    /// <param name="paymentAmount">The amount paid for it; positive, in minor units, in any currency.</param>
    /// <param name="paymentMethod">The payment method.</param>
    /// <param name="createdAt">When it is created.</param>
    /// <returns>The pending order, version 0.</returns>
    /// <exception cref="ArgumentException">An id or the method is empty, or an amount has no currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is not positive or above <see cref="Money.MaxAmount"/>.</exception>
    /// <exception cref="AmountNotRoundedException">An amount has more decimals than its currency's minor units.</exception>
    public static TopUpOrder Create(string orderId, string accountId, Money amount, Money paymentAmount, string paymentMethod, Instant createdAt) =>
        new(
            Preconditions.CheckId(orderId),
            Preconditions.CheckId(accountId),
            Preconditions.CheckPayable(amount),
            Preconditions.CheckPayable(paymentAmount),
            Preconditions.CheckId(paymentMethod),
            createdAt);

    /// <summary>Returns whether a confirmation pays exactly what this order asks: the same currency and amount.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <returns>True when it matches.</returns>
    public bool IsPaidBy(PaymentConfirmation confirmation) =>
        Preconditions.CheckNotNull(confirmation).AmountPaid.Currency == PaymentAmount.Currency && confirmation.AmountPaid.Amount == PaymentAmount.Amount;

    /// <summary>Returns what a payment in the payment's currency is worth on the balance: the order's credit in proportion to it, rounded down to a minor unit (exact, however large).</summary>
    /// <param name="payment">A payment in <see cref="PaymentAmount"/>'s currency.</param>
    /// <returns><c>Amount × payment / PaymentAmount</c>, rounded toward zero to the credit currency's minor units.</returns>
    /// <exception cref="ArgumentException">The payment is in another currency.</exception>
    public Money CreditFor(Money payment)
    {
        Preconditions.CheckArgument(payment.Currency == PaymentAmount.Currency, nameof(payment), $"The order is paid in {PaymentAmount.Currency.Code}, not {payment.Currency.Code}.");
        var exact = Fraction.MultiplyDivide(Amount.Amount, payment.Amount, PaymentAmount.Amount, Amount.Currency.MinorUnits);
        return new Money(exact, Amount.Currency);
    }

    /// <summary>Finds the payment a confirmation repeats (same reference and amount), if it was received before.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <returns>The payment, or null for a new one.</returns>
    public TopUpPayment? PaymentRepeatedBy(PaymentConfirmation confirmation)
    {
        Preconditions.CheckNotNull(confirmation);
        return Payments.FirstOrDefault(p => p.IsRepeatedBy(confirmation));
    }

    /// <summary>Records that the gateway accepted the payment request.</summary>
    /// <param name="paymentReference">The gateway's reference.</param>
    /// <returns>The processing order.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order is not pending.</exception>
    public TopUpOrder StartPayment(string paymentReference) =>
        Move(TopUpTrigger.StartPayment) with { PaymentReference = Preconditions.CheckId(paymentReference) };

    /// <summary>Completes the order with a payment that pays it exactly, kept as a credited payment record.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="at">When it is received.</param>
    /// <returns>The completed order.</returns>
    /// <exception cref="ArgumentException">The confirmation is for another order or does not pay it exactly.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order cannot complete from its status.</exception>
    public TopUpOrder Complete(PaymentConfirmation confirmation, Instant at)
    {
        CheckFor(confirmation);
        Preconditions.CheckArgument(IsPaidBy(confirmation), nameof(confirmation), $"{confirmation.AmountPaid} does not pay {PaymentAmount}; flag the order abnormal instead.");
        return Move(TopUpTrigger.Confirm) with
        {
            PaymentReference = confirmation.PaymentReference, CompletedAt = at, CreditedAmount = Amount, StatusReason = null,
            Payments = [.. Payments, Received(confirmation, TopUpPaymentOutcome.Credited, at)],
        };
    }

    /// <summary>Marks the order abnormal: a payment arrived that does not pay it exactly. It is kept; nothing is credited.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="at">When it is received.</param>
    /// <returns>The abnormal order, with the reason.</returns>
    /// <exception cref="ArgumentException">The confirmation is for another order.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order cannot be flagged from its status.</exception>
    public TopUpOrder FlagAbnormal(PaymentConfirmation confirmation, Instant at)
    {
        CheckFor(confirmation);
        return Move(TopUpTrigger.FlagAbnormal) with
        {
            PaymentReference = confirmation.PaymentReference,
            StatusReason = $"Paid {confirmation.AmountPaid} where {PaymentAmount} was expected.",
            Payments = [.. Payments, Received(confirmation, TopUpPaymentOutcome.Mismatched, at)],
        };
    }

    /// <summary>Keeps a payment that arrived for an order already paid, refunded or cancelled (an overpayment), flagged for review; the status does not move.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="at">When it is received.</param>
    /// <returns>The order with the unexpected payment.</returns>
    /// <exception cref="ArgumentException">The confirmation is for another order, or the order still waits for its payment.</exception>
    public TopUpOrder RecordUnexpected(PaymentConfirmation confirmation, Instant at)
    {
        CheckFor(confirmation);
        Preconditions.CheckArgument(
            Status is not (TopUpStatus.Pending or TopUpStatus.Processing or TopUpStatus.Failed), nameof(confirmation), $"Order {OrderId} is {Status}: the payment completes it or flags it abnormal.");
        return this with { Payments = [.. Payments, Received(confirmation, TopUpPaymentOutcome.Unexpected, at)] };
    }

    /// <summary>Records that the gateway declined the payment or it expired.</summary>
    /// <param name="reason">The gateway's reason.</param>
    /// <returns>The failed order.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order is not pending or processing.</exception>
    public TopUpOrder Decline(string reason) => Move(TopUpTrigger.Decline) with { StatusReason = Preconditions.CheckText(reason) };

    /// <summary>Accepts an abnormal order's payment: what it is worth is credited, and the order completes (its ordered amounts stay as they were asked).</summary>
    /// <param name="credit">What the payment is worth on the balance: positive, in minor units of the order's credit currency.</param>
    /// <param name="by">Who accepts it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <returns>The completed order.</returns>
    /// <exception cref="ArgumentException">The credit is in another currency, or a text is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The credit is not positive or above <see cref="Money.MaxAmount"/>.</exception>
    /// <exception cref="AmountNotRoundedException">The credit has more decimals than its currency's minor units.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order is not abnormal.</exception>
    public TopUpOrder Accept(Money credit, string by, string reason, Instant at)
    {
        Preconditions.CheckPayable(credit);
        Preconditions.CheckArgument(credit.Currency == Amount.Currency, nameof(credit), $"The order credits {Amount.Currency.Code}, not {credit.Currency.Code}.");
        var moved = Move(TopUpTrigger.Accept);
        var mismatched = MismatchedPayment();
        return moved with
        {
            CreditedAmount = credit,
            PaymentReference = mismatched.Reference,
            CompletedAt = at,
            StatusReason = Preconditions.CheckText(reason),
            Payments = Replace(mismatched, mismatched.Resolve(TopUpPaymentResolution.Accepted, Preconditions.CheckActor(by), reason, at)),
        };
    }

    /// <summary>
    /// Reserves a refund of part or all of the credit (a completed or partly refunded order), or of the whole
    /// payment of an abnormal order (nothing was credited): the order moves to Refunding with the pending refund.
    /// </summary>
    /// <param name="credit">The credit to refund; null for an abnormal order, whose payment is refunded whole.</param>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who asks.</param>
    /// <param name="at">When.</param>
    /// <returns>The order, Refunding, with the new refund last in <see cref="Refunds"/>.</returns>
    /// <exception cref="ArgumentException">The credit is in another currency, is given for an abnormal order or missing for another, or a text is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The credit is not positive, or more than <see cref="RefundableCredit"/>.</exception>
    /// <exception cref="AmountNotRoundedException">The credit has more decimals than its currency's minor units.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order cannot be refunded from its status.</exception>
    public TopUpOrder BeginRefund(Money? credit, string reason, string by, Instant at)
    {
        Preconditions.CheckText(reason);
        Preconditions.CheckActor(by);
        var moved = Move(TopUpTrigger.BeginRefund);
        TopUpRefund refund;
        if (Status == TopUpStatus.Abnormal)
        {
            Preconditions.CheckArgument(credit is null, nameof(credit), $"Order {OrderId} is abnormal: nothing was credited, so its payment is refunded whole.");
            var mismatched = MismatchedPayment();
            refund = new TopUpRefund(OrderId, Refunds.Count + 1, null, mismatched.Amount, mismatched.Reference, reason, by, at);
        }
        else
        {
            var amount = credit ?? throw new ArgumentException($"Say how much of order {OrderId}'s credit to refund.", nameof(credit));
            Preconditions.CheckPayable(amount, nameof(credit));
            Preconditions.CheckArgument(amount.Currency == Amount.Currency, nameof(credit), $"The order credited {Amount.Currency.Code}, not {amount.Currency.Code}.");
            if (amount > RefundableCredit)
            {
                throw new ArgumentOutOfRangeException(nameof(credit), amount, $"Only {RefundableCredit} of order {OrderId} can still be refunded.");
            }

            refund = new TopUpRefund(OrderId, Refunds.Count + 1, amount, PaymentShareOf(amount), PaymentReference!, reason, by, at);
        }

        return moved with { Refunds = [.. Refunds, refund] };
    }

    /// <summary>Reserves the refund of an unexpected payment (one that needs review); the status does not move.</summary>
    /// <param name="paymentReference">The payment.</param>
    /// <param name="reason">Why.</param>
    /// <param name="by">Who asks.</param>
    /// <param name="at">When.</param>
    /// <returns>The order with the pending refund last in <see cref="Refunds"/>.</returns>
    /// <exception cref="ArgumentException">No unexpected payment waiting for review has that reference, a refund is in flight, or a text is empty.</exception>
    public TopUpOrder BeginPaymentRefund(string paymentReference, string reason, string by, Instant at)
    {
        var payment = UnexpectedPayment(paymentReference);
        Preconditions.CheckArgument(RefundInFlight is null, nameof(paymentReference), $"Order {OrderId} has a refund in flight; wait for it to settle.");
        var refund = new TopUpRefund(OrderId, Refunds.Count + 1, null, payment.Amount, payment.Reference, Preconditions.CheckText(reason), Preconditions.CheckActor(by), at);
        return this with { Refunds = [.. Refunds, refund] };
    }

    /// <summary>Settles a pending refund with the gateway's answer, and moves the order where the table says.</summary>
    /// <param name="number">The refund's number.</param>
    /// <param name="refunded">True when the gateway refunded.</param>
    /// <param name="gatewayReference">The gateway's refund reference.</param>
    /// <param name="declineReason">Why it declined.</param>
    /// <param name="at">When the answer is recorded.</param>
    /// <returns>The order.</returns>
    /// <exception cref="ArgumentException">No pending refund has that number.</exception>
    public TopUpOrder SettleRefund(int number, bool refunded, string? gatewayReference, string? declineReason, Instant at)
    {
        var refund = Refunds.FirstOrDefault(r => r.Number == number && r.Status == TopUpRefundStatus.Pending)
            ?? throw new ArgumentException($"Order {OrderId} has no pending refund {number}.", nameof(number));
        var settled = this with { Refunds = [.. Refunds.Select(r => r.Number == number ? r.Settle(refunded, gatewayReference, declineReason, at) : r)] };
        var payment = Payments.FirstOrDefault(p => p.Reference == refund.PaymentReference && p.NeedsReview);
        if (refunded && payment is not null)
        {
            settled = settled with { Payments = Replace(payment, payment.Resolve(TopUpPaymentResolution.Refunded, refund.RequestedBy, refund.Reason, at)) };
        }

        if (Status != TopUpStatus.Refunding)
        {
            return settled;   // an unexpected payment's refund: the order stays where it is
        }

        var progress = refund.Credit is null ? TopUpRefundProgress.NothingCredited
            : settled.RefundedCredit.IsZero ? TopUpRefundProgress.NothingRefunded
            : settled.RefundedCredit == CreditedAmount ? TopUpRefundProgress.AllRefunded
            : TopUpRefundProgress.PartlyRefunded;
        var status = TopUpLifecycle.Machine.Fire(Status, refunded ? TopUpTrigger.RefundSucceeded : TopUpTrigger.RefundDeclined, progress).Destination;
        return settled with { Status = status, StatusReason = refunded ? refund.Reason : StatusReason };
    }

    /// <summary>Dismisses an unexpected payment after review: it was settled outside the library; nothing moves.</summary>
    /// <param name="paymentReference">The payment.</param>
    /// <param name="by">Who reviewed it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <returns>The order.</returns>
    /// <exception cref="ArgumentException">No unexpected payment waiting for review has that reference, or a text is empty.</exception>
    public TopUpOrder DismissPayment(string paymentReference, string by, string reason, Instant at)
    {
        var payment = UnexpectedPayment(paymentReference);
        Preconditions.CheckArgument(RefundInFlight?.PaymentReference != payment.Reference, nameof(paymentReference), $"Payment {paymentReference} is being refunded.");
        return this with { Payments = Replace(payment, payment.Resolve(TopUpPaymentResolution.Dismissed, Preconditions.CheckActor(by), Preconditions.CheckText(reason), at)) };
    }

    /// <summary>Cancels the order: a pending one before any payment was started, or an abnormal one whose payment a person dismisses.</summary>
    /// <param name="by">Who cancels.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <returns>The cancelled order.</returns>
    /// <exception cref="ArgumentException">A text is empty.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The order is not pending or abnormal.</exception>
    public TopUpOrder Cancel(string by, string reason, Instant at)
    {
        Preconditions.CheckActor(by);
        Preconditions.CheckText(reason);
        var cancelled = Move(TopUpTrigger.Cancel) with { StatusReason = reason, CancelledBy = by };
        return Status == TopUpStatus.Abnormal
            ? cancelled with { Payments = Replace(MismatchedPayment(), MismatchedPayment().Resolve(TopUpPaymentResolution.Dismissed, by, reason, at)) }
            : cancelled;
    }

    /// <inheritdoc/>
    public bool Equals(TopUpOrder? other) =>
        other is not null
        && (OrderId, AccountId, Amount, PaymentAmount, PaymentMethod, CreatedAt, Status, PaymentReference, CompletedAt, CreditedAmount, StatusReason, CancelledBy, Version)
            == (other.OrderId, other.AccountId, other.Amount, other.PaymentAmount, other.PaymentMethod, other.CreatedAt, other.Status, other.PaymentReference, other.CompletedAt, other.CreditedAmount, other.StatusReason, other.CancelledBy, other.Version)
        && Payments.SequenceEqual(other.Payments) && Refunds.SequenceEqual(other.Refunds);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(OrderId, Status, Version, Payments.Count, Refunds.Count);

    /// <summary>Prints every field, the payments and refunds item by item (for logs and tests).</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"OrderId = {OrderId}, AccountId = {AccountId}, Amount = {Amount}, PaymentAmount = {PaymentAmount}, ")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"PaymentMethod = {PaymentMethod}, CreatedAt = {CreatedAt}, Status = {Status}, PaymentReference = {PaymentReference}, ")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"CompletedAt = {CompletedAt}, CreditedAmount = {CreditedAmount}, StatusReason = {StatusReason}, CancelledBy = {CancelledBy}, ")
            .Append("Payments = [").AppendJoin(", ", Payments).Append("], Refunds = [").AppendJoin(", ", Refunds).Append(']')
            .Append(System.Globalization.CultureInfo.InvariantCulture, $", Version = {Version}");
        return true;
    }

    /// <summary>
    /// Rebuilds an order from the fields a storage adapter stored (each property of the same name), with its payments and
    /// refunds in the order they were received and requested. The creation's fields are checked as <see cref="Create"/>
    /// checks them; the completion (instant and credit, both or neither, the credit in the order's currency) must be there
    /// for a status that follows one.
    /// </summary>
    /// <param name="orderId">The order's id.</param>
    /// <param name="accountId">The account topped up.</param>
    /// <param name="amount">The amount credited; positive, in minor units.</param>
    /// <param name="paymentAmount">The amount asked for it; positive, in minor units.</param>
    /// <param name="paymentMethod">The payment method.</param>
    /// <param name="createdAt">When it was created.</param>
    /// <param name="status">Its status.</param>
    /// <param name="paymentReference">The provider's reference of the payment that completed it, or null.</param>
    /// <param name="completedAt">When it was completed, or null.</param>
    /// <param name="creditedAmount">What its completion credited, or null.</param>
    /// <param name="statusReason">Why it is in its status, or null.</param>
    /// <param name="cancelledBy">Who cancelled it, or null.</param>
    /// <param name="payments">The payments received, oldest first.</param>
    /// <param name="refunds">The refunds requested, oldest first.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <returns>The order, equal to the one that was saved.</returns>
    /// <exception cref="ArgumentException">An id or the method is empty, an amount has no currency or the wrong one, or the completion does not fit the status.</exception>
    /// <exception cref="ArgumentNullException">An id, the method, the payments, the refunds or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is not positive, the status is not defined, or the version is below 1.</exception>
    /// <exception cref="AmountNotRoundedException">An amount has more decimals than its currency's minor units.</exception>
    public static TopUpOrder Restore(
        string orderId, string accountId, Money amount, Money paymentAmount, string paymentMethod, Instant createdAt, TopUpStatus status, string? paymentReference,
        Instant? completedAt, Money? creditedAmount, string? statusReason, string? cancelledBy, IReadOnlyList<TopUpPayment> payments, IReadOnlyList<TopUpRefund> refunds,
        long version)
    {
        var created = Create(orderId, accountId, amount, paymentAmount, paymentMethod, createdAt);
        Preconditions.CheckArgument(Preconditions.CheckNotNull(payments).All(p => p is not null), nameof(payments), "An order's payments are not null.");
        Preconditions.CheckArgument(Preconditions.CheckNotNull(refunds).All(r => r is not null), nameof(refunds), "An order's refunds are not null.");
        Preconditions.CheckArgument((completedAt is null) == (creditedAmount is null), nameof(completedAt), "An order's completion has its instant and its credit, or neither.");
        var completes = Preconditions.CheckDefined(status) is TopUpStatus.Completed or TopUpStatus.Refunding or TopUpStatus.PartiallyRefunded or TopUpStatus.Refunded;
        Preconditions.CheckArgument(!completes || completedAt is not null, nameof(status), $"An order {status} was completed: its completion is stored.");
        return created with
        {
            Status = status,
            PaymentReference = paymentReference,
            CompletedAt = completedAt,
            CreditedAmount = creditedAmount is { } credit ? Preconditions.CheckCurrency(credit, amount.Currency, nameof(creditedAmount)) : null,
            StatusReason = statusReason,
            CancelledBy = cancelledBy,
            Payments = [.. payments],
            Refunds = [.. refunds],
            Version = Preconditions.CheckStoredVersion(version),
        };
    }

    private static TopUpPayment Received(PaymentConfirmation confirmation, TopUpPaymentOutcome outcome, Instant at) =>
        new(confirmation.PaymentReference, confirmation.AmountPaid, confirmation.PaidAt, at, outcome);

    // The share of the payment a credit refund gives back: proportional, rounded down to the payment's minor units; the
    // refund that empties the order gives back exactly what is left of the payment, so the shares sum to it.
    private Money PaymentShareOf(Money credit)
    {
        var paid = CreditedPayment!.Amount;
        var given = Money.Sum(Refunds.Where(r => r.Status != TopUpRefundStatus.Declined && r.Credit is not null).Select(r => r.PaymentAmount), paid.Currency);
        return credit == RefundableCredit
            ? paid - given
            : new Money(Fraction.MultiplyDivide(paid.Amount, credit.Amount, CreditedAmount!.Value.Amount, paid.Currency.MinorUnits), paid.Currency);
    }

    private TopUpPayment MismatchedPayment() =>
        Payments.LastOrDefault(p => p.Outcome == TopUpPaymentOutcome.Mismatched && p.NeedsReview)
        ?? throw new InvalidOperationException($"Abnormal order {OrderId} has no mismatched payment to resolve.");

    private TopUpPayment UnexpectedPayment(string paymentReference)
    {
        Preconditions.CheckId(paymentReference);
        return Payments.FirstOrDefault(p => p.Reference == paymentReference && p.Outcome == TopUpPaymentOutcome.Unexpected && p.NeedsReview)
            ?? throw new ArgumentException($"Order {OrderId} has no unexpected payment {paymentReference} waiting for review.", nameof(paymentReference));
    }

    private IReadOnlyList<TopUpPayment> Replace(TopUpPayment payment, TopUpPayment with) => [.. Payments.Select(p => ReferenceEquals(p, payment) ? with : p)];

    private void CheckFor(PaymentConfirmation confirmation) =>
        Preconditions.CheckArgument(Preconditions.CheckNotNull(confirmation).OrderId == OrderId, nameof(confirmation), $"The confirmation is for order {confirmation.OrderId}, not {OrderId}.");

    private TopUpOrder Move(TopUpTrigger trigger) => this with { Status = TopUpLifecycle.Machine.Fire(Status, trigger, TopUpRefundProgress.NothingRefunded).Destination };
}
