namespace Billing.Domain;

/// <summary>
/// Thrown when an operation that works in whole minor units (splitting, allocating) gets an amount with
/// more decimals than its currency has.
/// </summary>
/// <remarks>Round the amount first, with the <see cref="RoundingPolicy"/> that applies, then allocate it.</remarks>
public sealed class AmountNotRoundedException : BillingException
{
    /// <summary>The stable code of this rule: <c>money.amount_not_rounded</c>.</summary>
    public const string ErrorCode = "money.amount_not_rounded";

    /// <summary>Initializes a new instance for the amount that was not in whole minor units.</summary>
    /// <param name="amount">The amount that has more decimals than its currency.</param>
    public AmountNotRoundedException(Money amount)
        : base(ErrorCode, $"{amount} has more decimals than the {amount.Currency.MinorUnits} minor units of {amount.Currency.Code}; round it first.")
    {
        Amount = amount;
    }

    /// <summary>Gets the amount that was not in whole minor units of its currency.</summary>
    public Money Amount { get; }
}
