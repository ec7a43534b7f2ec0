using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// An order to top up an account's prepaid balance: what is credited, what is paid for it, and where its
/// payment is. Immutable: every move returns the next order, checked against <see cref="TopUpLifecycle"/>.
/// </summary>
/// <remarks>
/// The credited <see cref="Amount"/> and the <see cref="PaymentAmount"/> may differ (fees, exchange); both are
/// kept. A confirmation completes the order only when it pays exactly <see cref="PaymentAmount"/>.
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

    /// <summary>Gets the amount credited to the balance when the order completes.</summary>
    public Money Amount { get; }

    /// <summary>Gets the amount the customer pays for it, in the payment's currency.</summary>
    public Money PaymentAmount { get; }

    /// <summary>Gets the payment method, as the host names it (e.g. <c>card</c>).</summary>
    public string PaymentMethod { get; }

    /// <summary>Gets when the order was created.</summary>
    public Instant CreatedAt { get; }

    /// <summary>Gets the status.</summary>
    public TopUpStatus Status { get; private init; } = TopUpStatus.Pending;

    /// <summary>Gets the gateway's payment reference, once a payment was started or confirmed.</summary>
    public string? PaymentReference { get; private init; }

    /// <summary>Gets the amount the last confirmation said was paid, if one arrived.</summary>
    public Money? AmountReceived { get; private init; }

    /// <summary>Gets when the order completed (was paid and credited).</summary>
    public Instant? CompletedAt { get; private init; }

    /// <summary>Gets why the order failed, is abnormal, was refunded or cancelled.</summary>
    public string? StatusReason { get; private init; }

    /// <summary>Gets the gateway's refund reference, once refunded.</summary>
    public string? RefundReference { get; private init; }

    /// <summary>Gets when the order was refunded.</summary>
    public Instant? RefundedAt { get; private init; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Creates a pending order.</summary>
    /// <param name="orderId">The order's id.</param>
    /// <param name="accountId">The account topped up.</param>
    /// <param name="amount">The amount credited; positive, in minor units.</param>
    /// <param name="paymentAmount">The amount paid for it; positive, in minor units, in any currency.</param>
    /// <param name="paymentMethod">The payment method.</param>
    /// <param name="createdAt">When it is created.</param>
    /// <returns>The pending order, version 0.</returns>
    /// <exception cref="ArgumentException">An id or the method is empty, or an amount has no currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An amount is not positive.</exception>
    /// <exception cref="AmountNotRoundedException">An amount has more decimals than its currency's minor units.</exception>
    public static TopUpOrder Create(string orderId, string accountId, Money amount, Money paymentAmount, string paymentMethod, Instant createdAt) =>
        new(
            Preconditions.CheckText(orderId),
            Preconditions.CheckText(accountId),
            CheckPayable(amount),
            CheckPayable(paymentAmount),
            Preconditions.CheckText(paymentMethod),
            createdAt);

    /// <summary>Returns whether a confirmation pays exactly what this order asks: the same currency and amount.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <returns>True when it matches.</returns>
    public bool IsPaidBy(PaymentConfirmation confirmation) =>
        Preconditions.CheckNotNull(confirmation).AmountPaid.Currency == PaymentAmount.Currency && confirmation.AmountPaid.Amount == PaymentAmount.Amount;

    /// <summary>Records that the gateway accepted the payment request.</summary>
    /// <param name="paymentReference">The gateway's reference.</param>
    /// <returns>The processing order.</returns>
    /// <exception cref="StateMachines.TransitionRefusedException">The order is not pending.</exception>
    public TopUpOrder StartPayment(string paymentReference) =>
        Move(TopUpTrigger.StartPayment) with { PaymentReference = Preconditions.CheckText(paymentReference) };

    /// <summary>Completes the order with a confirmation that pays it exactly.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <param name="at">When it is processed.</param>
    /// <returns>The completed order.</returns>
    /// <exception cref="ArgumentException">The confirmation is for another order or does not pay it exactly.</exception>
    /// <exception cref="StateMachines.TransitionRefusedException">The order cannot complete from its status.</exception>
    public TopUpOrder Complete(PaymentConfirmation confirmation, Instant at)
    {
        CheckFor(confirmation);
        Preconditions.CheckArgument(IsPaidBy(confirmation), nameof(confirmation), $"{confirmation.AmountPaid} does not pay {PaymentAmount}; flag the order abnormal instead.");
        return Move(TopUpTrigger.Confirm) with
        {
            PaymentReference = confirmation.PaymentReference, AmountReceived = confirmation.AmountPaid, CompletedAt = at, StatusReason = null,
        };
    }

    /// <summary>Marks the order abnormal: a confirmation arrived that does not pay it exactly. Nothing is credited.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <returns>The abnormal order, with the reason.</returns>
    /// <exception cref="ArgumentException">The confirmation is for another order.</exception>
    /// <exception cref="StateMachines.TransitionRefusedException">The order cannot be flagged from its status.</exception>
    public TopUpOrder FlagAbnormal(PaymentConfirmation confirmation)
    {
        CheckFor(confirmation);
        return Move(TopUpTrigger.FlagAbnormal) with
        {
            PaymentReference = confirmation.PaymentReference,
            AmountReceived = confirmation.AmountPaid,
            StatusReason = $"Paid {confirmation.AmountPaid} where {PaymentAmount} was expected.",
        };
    }

    /// <summary>Records that the gateway declined the payment or it expired.</summary>
    /// <param name="reason">The gateway's reason.</param>
    /// <returns>The failed order.</returns>
    /// <exception cref="StateMachines.TransitionRefusedException">The order is not pending or processing.</exception>
    public TopUpOrder Decline(string reason) => Move(TopUpTrigger.Decline) with { StatusReason = Preconditions.CheckText(reason) };

    /// <summary>Records that the gateway refunded the payment.</summary>
    /// <param name="refundReference">The gateway's refund reference.</param>
    /// <param name="reason">Why it was refunded.</param>
    /// <param name="at">When.</param>
    /// <returns>The refunded order.</returns>
    /// <exception cref="StateMachines.TransitionRefusedException">The order is not completed.</exception>
    public TopUpOrder Refund(string refundReference, string reason, Instant at) =>
        Move(TopUpTrigger.Refund) with { RefundReference = Preconditions.CheckText(refundReference), StatusReason = Preconditions.CheckText(reason), RefundedAt = at };

    /// <summary>Cancels the order before any payment was started.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The cancelled order.</returns>
    /// <exception cref="StateMachines.TransitionRefusedException">The order is not pending.</exception>
    public TopUpOrder Cancel(string reason) => Move(TopUpTrigger.Cancel) with { StatusReason = Preconditions.CheckText(reason) };

    /// <summary>Rebuilds an order as a storage adapter stored it; no rule is checked.</summary>
    internal static TopUpOrder Restore(
        string orderId, string accountId, Money amount, Money paymentAmount, string paymentMethod, Instant createdAt, TopUpStatus status, string? paymentReference,
        Money? amountReceived, Instant? completedAt, string? statusReason, string? refundReference, Instant? refundedAt, long version) =>
        new(orderId, accountId, amount, paymentAmount, paymentMethod, createdAt)
        {
            Status = status, PaymentReference = paymentReference, AmountReceived = amountReceived, CompletedAt = completedAt, StatusReason = statusReason,
            RefundReference = refundReference, RefundedAt = refundedAt, Version = version,
        };

    private static Money CheckPayable(Money amount, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(amount))] string? paramName = null)
    {
        Preconditions.CheckInitialized(amount.Currency, paramName);
        if (amount.Amount <= 0m)
        {
            throw new ArgumentOutOfRangeException(paramName, amount, "A top-up amount is positive.");
        }

        return amount.IsInMinorUnits ? amount : throw new AmountNotRoundedException(amount);
    }

    private void CheckFor(PaymentConfirmation confirmation) =>
        Preconditions.CheckArgument(Preconditions.CheckNotNull(confirmation).OrderId == OrderId, nameof(confirmation), $"The confirmation is for order {confirmation.OrderId}, not {OrderId}.");

    private TopUpOrder Move(TopUpTrigger trigger) => this with { Status = TopUpLifecycle.Machine.Fire(Status, trigger, default).Destination };
}
