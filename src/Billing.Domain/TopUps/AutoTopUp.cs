using Billing.Domain.Utility;

namespace Billing.Domain.TopUps;

/// <summary>
/// An account's automatic top-up: when a debit takes the balance below <see cref="Threshold"/>, an order of
/// <see cref="Amount"/> credit for <see cref="PaymentAmount"/> is created and its payment started through the payment
/// port (<see cref="AutoTopUpService"/>): one per crossing, at most one in flight, a failed one not tried again until
/// the balance crosses the threshold again.
/// </summary>
public sealed record AutoTopUp
{
    /// <summary>Initializes an automatic top-up.</summary>
    /// <param name="threshold">The balance below which it tops up, in the ledger's currency and its minor units (may be below zero with a credit limit).</param>
    /// <param name="amount">The credit of each order, more than 0, in the ledger's currency and its minor units.</param>
    /// <param name="paymentAmount">What each order is paid, more than 0, in minor units; fees or another currency make it differ from the credit.</param>
    /// <param name="paymentMethod">The payment method the gateway charges, such as a saved card's reference.</param>
    /// <exception cref="ArgumentException">The threshold and the credit are in different currencies, or the method is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The credit or the payment is not more than 0.</exception>
    /// <exception cref="AmountNotRoundedException">An amount has more decimals than its currency's minor units.</exception>
    public AutoTopUp(Money threshold, Money amount, Money paymentAmount, string paymentMethod)
    {
        Preconditions.CheckArgument(threshold.Currency == amount.Currency, nameof(threshold), $"The threshold is in {threshold.Currency.Code}, the credit in {amount.Currency.Code}.");
        Threshold = Preconditions.CheckMinorUnits(threshold);
        Amount = Preconditions.CheckPayable(amount);
        PaymentAmount = Preconditions.CheckPayable(paymentAmount);
        PaymentMethod = Preconditions.CheckText(paymentMethod);
    }

    /// <summary>Gets the balance below which it tops up.</summary>
    public Money Threshold { get; }

    /// <summary>Gets the credit of each order.</summary>
    public Money Amount { get; }

    /// <summary>Gets what each order is paid.</summary>
    public Money PaymentAmount { get; }

    /// <summary>Gets the payment method the gateway charges.</summary>
    public string PaymentMethod { get; }
}
