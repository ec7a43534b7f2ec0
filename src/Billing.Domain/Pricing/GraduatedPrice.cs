namespace Billing.Domain.Pricing;

/// <summary>
/// Graduated (slab) tiers: the quantity fills the tiers in order and each tier prices its own units, plus the
/// flat fee of every tier the quantity reaches.
/// </summary>
/// <remarks>
/// With tiers up to 1,000 at 0.10, up to 10,000 at 0.05 and above at 0.01, 15,000 units cost
/// 1,000 × 0.10 + 9,000 × 0.05 + 5,000 × 0.01 = 600.00. A quantity of zero reaches no tier and costs nothing,
/// flat fees included, unless <see cref="TieredPrice.ZeroQuantity"/> charges the first tier's flat fee. The tier amounts
/// always sum to the price.
/// </remarks>
public sealed record GraduatedPrice : TieredPrice
{
    /// <summary>Initializes graduated tiers.</summary>
    /// <param name="tiers">The tiers, in rising order of bound, the last open-ended, all in one currency.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is null.</exception>
    /// <exception cref="ArgumentException">The tiers are empty, out of order, mixed in currency, or the last has a bound.</exception>
    public GraduatedPrice(IReadOnlyList<PriceTier> tiers)
        : base(tiers)
    {
    }

    /// <inheritdoc />
    public override string Describe() => "graduated tiers";

    private protected override decimal TiersAmount(decimal quantity, List<TierCharge>? tiers)
    {
        var total = 0m;
        var below = 0m;
        for (var i = 0; i < Tiers.Count && quantity > below; i++)
        {
            var tier = Tiers[i];
            var inTier = (tier.UpTo is { } upTo && upTo < quantity ? upTo : quantity) - below;
            var amount = (inTier * tier.UnitPrice.Amount) + tier.FlatFee.Amount;
            total += amount;
            tiers?.Add(new TierCharge(i + 1, inTier, tier.UnitPrice, tier.FlatFee, new Money(amount, Currency)));
            below = tier.UpTo ?? quantity;
        }

        return total;
    }
}
