namespace Billing.Domain.Pricing;

/// <summary>
/// How a quantity is priced: a recurring fee, a unit price, graduated or volume tiers, packages, or a percentage
/// of an amount. Prices are exact and unrounded; the charge engine rounds where its policy says.
/// </summary>
public abstract record PriceComponent
{
    private protected PriceComponent()
    {
    }

    /// <summary>Gets the currency of every price in the component.</summary>
    public abstract Currency Currency { get; }

    /// <summary>Gets the unit price an invoice line shows for this component, if it has a single one.</summary>
    /// <value>The unit price, or null for tiered prices, whose unit price depends on the quantity.</value>
    public abstract Money? UnitPrice { get; }

    /// <summary>Gets what the price does with a negative quantity: refuse it (the default) or price it as zero.</summary>
    public NegativeQuantityPolicy NegativeQuantities { get; init => field = Utility.Preconditions.CheckDefined(value, nameof(NegativeQuantities)); }

    /// <summary>The largest quantity any price prices: 10^12 units. With prices at most <see cref="Money.MaxAmount"/>, no product overflows.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000m;

    /// <summary>Returns the quantity this price prices for a measured one: the same when it is zero or more; for a negative one, zero or a refusal as <see cref="NegativeQuantities"/> says.</summary>
    /// <param name="measured">The quantity a meter or gateway reported.</param>
    /// <returns>The quantity to price.</returns>
    /// <exception cref="NegativeQuantityException"><paramref name="measured"/> is negative and the price refuses negative quantities.</exception>
    public decimal QuantityFor(decimal measured) =>
        measured >= 0m ? measured
        : NegativeQuantities == NegativeQuantityPolicy.ClampToZero ? 0m
        : throw new NegativeQuantityException(measured, Describe());

    /// <summary>Returns the exact, unrounded price of <paramref name="quantity"/>.</summary>
    /// <param name="quantity">The quantity, up to <see cref="MaxQuantity"/>; a negative one as <see cref="NegativeQuantities"/> says.</param>
    /// <returns>The price.</returns>
    /// <exception cref="NegativeQuantityException"><paramref name="quantity"/> is negative and the price refuses negative quantities.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is above <see cref="MaxQuantity"/>.</exception>
    public Money Price(decimal quantity) => Price(QuantityFor(quantity), tiers: null);

    /// <summary>Returns the exact price of <paramref name="quantity"/> with what each tier priced.</summary>
    /// <param name="quantity">The quantity, up to <see cref="MaxQuantity"/>; a negative one as <see cref="NegativeQuantities"/> says.</param>
    /// <returns>The price and the tiers hit, in order; empty for components without tiers.</returns>
    /// <exception cref="NegativeQuantityException"><paramref name="quantity"/> is negative and the price refuses negative quantities.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is above <see cref="MaxQuantity"/>.</exception>
    public (Money Price, IReadOnlyList<TierCharge> Tiers) PriceWithTiers(decimal quantity)
    {
        var tiers = new List<TierCharge>();
        return (Price(QuantityFor(quantity), tiers), tiers);
    }

    /// <summary>Returns a short name of the pricing model for explanations: <c>per unit</c>, <c>graduated</c>...</summary>
    /// <returns>The model's name.</returns>
    public abstract string Describe();

    internal Money Price(decimal quantity, List<TierCharge>? tiers)
    {
        if (quantity < 0m || quantity > MaxQuantity)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, $"A quantity is 0 to {MaxQuantity:N0}.");
        }

        return new Money(Amount(quantity, tiers), Currency);
    }

    private protected abstract decimal Amount(decimal quantity, List<TierCharge>? tiers);
}
