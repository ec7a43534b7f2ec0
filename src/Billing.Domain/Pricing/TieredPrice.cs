namespace Billing.Domain.Pricing;

/// <summary>A price of back-to-back tiers with inclusive upper bounds, the last open-ended: graduated or volume.</summary>
public abstract record TieredPrice : PriceComponent
{
    private protected TieredPrice(IReadOnlyList<PriceTier> tiers)
    {
        Tiers = Pricing.CheckTiers(tiers, nameof(tiers));
    }

    /// <summary>Gets the tiers, in order.</summary>
    public IReadOnlyList<PriceTier> Tiers { get; }

    /// <inheritdoc />
    public override Currency Currency => Tiers[0].UnitPrice.Currency;

    /// <inheritdoc />
    public override Money? UnitPrice => null;
}
