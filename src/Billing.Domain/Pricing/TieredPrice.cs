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

    /// <summary>Gets what a quantity of zero costs: nothing (the default) or the first tier's flat fee.</summary>
    public ZeroQuantityPolicy ZeroQuantity { get; init => field = Utility.Preconditions.CheckDefined(value, nameof(ZeroQuantity)); }

    private protected sealed override decimal Amount(decimal quantity, List<TierCharge>? tiers)
    {
        if (quantity != 0m)
        {
            return TiersAmount(quantity, tiers);
        }

        if (ZeroQuantity == ZeroQuantityPolicy.ChargesNothing)
        {
            return 0m;
        }

        var first = Tiers[0];
        tiers?.Add(new TierCharge(1, 0m, first.UnitPrice, first.FlatFee, first.FlatFee));
        return first.FlatFee.Amount;
    }

    /// <summary>Returns the exact price of a quantity above zero, with what each tier priced.</summary>
    private protected abstract decimal TiersAmount(decimal quantity, List<TierCharge>? tiers);
}
