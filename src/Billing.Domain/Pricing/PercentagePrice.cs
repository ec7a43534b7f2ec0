namespace Billing.Domain.Pricing;

/// <summary>A percentage of an amount, such as 1.2 % of the transaction volume: the quantity is the amount in the component's currency.</summary>
public sealed record PercentagePrice : PriceComponent
{
    /// <summary>Initializes a percentage price.</summary>
    /// <param name="percent">The percentage, 0 to 100: 1.2 for 1.2 %.</param>
    /// <param name="currency">The currency of the amount the percentage is taken of.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0 to 100.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public PercentagePrice(decimal percent, Currency currency)
    {
        if (percent is < 0m or > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is between 0 and 100.");
        }

        Percent = percent;
        PriceCurrency = Utility.Preconditions.CheckInitialized(currency);
    }

    /// <summary>Gets the percentage, 0 to 100.</summary>
    public decimal Percent { get; }

    /// <inheritdoc />
    public override Currency Currency => PriceCurrency;

    /// <inheritdoc />
    public override Money? UnitPrice => null;

    private Currency PriceCurrency { get; }

    /// <inheritdoc />
    public override string Describe() => $"{Percent} % of the amount";

    private protected override decimal Amount(decimal quantity, List<TierCharge>? tiers) => quantity * Percent / 100m;
}
