using Billing.Domain.Utility;

namespace Billing.Domain.Pricing;

/// <summary>One tier of a tiered price: the units up to and including <see cref="UpTo"/>, at a unit price, plus an optional flat fee.</summary>
/// <remarks>
/// Tiers are back to back: a tier covers the quantity above the previous tier's bound, up to and including its
/// own; the first starts above zero. The bound is continuous, so a fractional quantity between two integer
/// bounds (1000.5 with tiers up to 1000 and above) puts 1000 in the first tier and 0.5 in the next.
/// </remarks>
public sealed record PriceTier
{
    /// <summary>Initializes a tier.</summary>
    /// <param name="upTo">The inclusive upper bound, or null for the last, open-ended tier.</param>
    /// <param name="unitPrice">The price of each unit in the tier; not negative.</param>
    /// <param name="flatFee">A fee charged once when the quantity reaches the tier; zero when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="upTo"/> is not positive, or a price is negative.</exception>
    /// <exception cref="ArgumentException">The flat fee is in another currency than the unit price.</exception>
    public PriceTier(decimal? upTo, Money unitPrice, Money? flatFee = null)
    {
        if (upTo <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(upTo), upTo, "A tier's bound is positive.");
        }

        Pricing.CheckNotNegative(unitPrice, nameof(unitPrice));
        var fee = flatFee ?? Money.Zero(unitPrice.Currency);
        Pricing.CheckNotNegative(fee, nameof(flatFee));
        Preconditions.CheckArgument(fee.Currency == unitPrice.Currency, nameof(flatFee), "A tier's flat fee is in the currency of its unit price.");
        UpTo = upTo;
        UnitPrice = unitPrice;
        FlatFee = fee;
    }

    /// <summary>Gets the inclusive upper bound of the tier.</summary>
    /// <value>The bound, or null for the last tier, which has none.</value>
    public decimal? UpTo { get; }

    /// <summary>Gets the price of each unit in the tier.</summary>
    public Money UnitPrice { get; }

    /// <summary>Gets the fee charged once when the quantity reaches the tier; zero when there is none.</summary>
    public Money FlatFee { get; }
}
