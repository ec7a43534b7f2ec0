namespace Billing.Domain.Charging;

/// <summary>A reduction of a charge line: a percentage or a fixed amount. A line's discounts apply in the order listed, each to what the ones before left, and never take a line below zero.</summary>
public abstract record Discount
{
    private protected Discount()
    {
    }

    /// <summary>Returns a percentage discount.</summary>
    /// <param name="percent">The percentage off, 0 to 100.</param>
    /// <returns>The discount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0 to 100.</exception>
    public static Discount Percent(decimal percent) => new PercentDiscount(percent);

    /// <summary>Returns a fixed-amount discount.</summary>
    /// <param name="amount">The amount off, not negative, in the line's currency.</param>
    /// <returns>The discount.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public static Discount Fixed(Money amount) => new FixedDiscount(amount);

    internal abstract decimal AmountOff(decimal running);

    internal abstract bool IsIn(Currency currency);
}

/// <summary>A percentage off what the discounts before it left.</summary>
public sealed record PercentDiscount : Discount
{
    /// <summary>Initializes a percentage discount.</summary>
    /// <param name="percent">The percentage off, 0 to 100.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0 to 100.</exception>
    public PercentDiscount(decimal percent)
    {
        Value = percent is >= 0m and <= 100m ? percent : throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is between 0 and 100.");
    }

    /// <summary>Gets the percentage off, 0 to 100.</summary>
    public decimal Value { get; }

    /// <summary>Returns the discount as <c>10 %</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"{Value} %";

    internal override decimal AmountOff(decimal running) => running * Value / 100m;

    internal override bool IsIn(Currency currency) => true;
}

/// <summary>A fixed amount off, at most what the discounts before it left.</summary>
public sealed record FixedDiscount : Discount
{
    /// <summary>Initializes a fixed-amount discount.</summary>
    /// <param name="amount">The amount off, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative.</exception>
    public FixedDiscount(Money amount)
    {
        Pricing.Pricing.CheckNotNegative(amount, nameof(amount));
        Amount = amount;
    }

    /// <summary>Gets the amount off.</summary>
    public Money Amount { get; }

    /// <summary>Returns the discount as <c>5.00 USD</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => Amount.ToString();

    internal override decimal AmountOff(decimal running) => Math.Min(Amount.Amount, running);

    internal override bool IsIn(Currency currency) => Amount.Currency == currency;
}
