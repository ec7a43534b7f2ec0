namespace Billing.Domain.Pricing;

/// <summary>The same price for every unit: quantity × unit price.</summary>
public sealed record PerUnitPrice : PriceComponent
{
    /// <summary>Initializes a per-unit price.</summary>
    /// <param name="unitPrice">The price of one unit; not negative, with any number of decimals (0.000125 USD).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unitPrice"/> is negative.</exception>
    public PerUnitPrice(Money unitPrice)
    {
        Pricing.CheckNotNegative(unitPrice, nameof(unitPrice));
        PricePerUnit = unitPrice;
    }

    /// <summary>Gets the price of one unit.</summary>
    public Money PricePerUnit { get; }

    /// <inheritdoc />
    public override Currency Currency => PricePerUnit.Currency;

    /// <inheritdoc />
    public override Money? UnitPrice => PricePerUnit;

    /// <inheritdoc />
    public override string Describe() => "per unit";

    private protected override decimal Amount(decimal quantity, List<TierCharge>? tiers) => quantity * PricePerUnit.Amount;
}
