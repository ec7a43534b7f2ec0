namespace Billing.Domain.Pricing;

/// <summary>
/// Volume tiers: the tier the whole quantity falls in prices every unit, plus that tier's flat fee.
/// </summary>
/// <remarks>
/// With tiers up to 10,000 at 0.0010, up to 50,000 at 0.0008, up to 100,000 at 0.0006 and above at 0.0004,
/// each with a 10.00 flat fee, 65,000 units cost 65,000 × 0.0006 + 10 = 49.00. A quantity on a bound belongs
/// to the tier it closes (10,000 is in the first). A quantity of zero costs nothing, flat fee included,
/// unless <see cref="TieredPrice.ZeroQuantity"/> charges the first tier's flat fee.
/// </remarks>
public sealed record VolumePrice : TieredPrice
{
    /// <summary>Initializes volume tiers.</summary>
    /// <param name="tiers">The tiers, in rising order of bound, the last open-ended, all in one currency.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is null.</exception>
    /// <exception cref="ArgumentException">The tiers are empty, out of order, mixed in currency, or the last has a bound.</exception>
    public VolumePrice(IReadOnlyList<PriceTier> tiers)
        : base(tiers)
    {
    }

    /// <inheritdoc />
    public override string Describe() => "volume tiers";

    private protected override decimal TiersAmount(decimal quantity, List<TierCharge>? tiers)
    {
        var index = 0;
        while (Tiers[index].UpTo is { } upTo && quantity > upTo)
        {
            index++;
        }

        var tier = Tiers[index];
        var amount = (quantity * tier.UnitPrice.Amount) + tier.FlatFee.Amount;
        tiers?.Add(new TierCharge(index + 1, quantity, tier.UnitPrice, tier.FlatFee, new Money(amount, Currency)));
        return amount;
    }
}
