namespace Billing.Domain.Pricing;

/// <summary>One tier of a <see cref="GraduatedPercentagePrice"/>: the running total up to and including <see cref="UpTo"/>, at a rate, with a flat fee charged once.</summary>
public sealed record PercentageTier
{
    /// <summary>Initializes a tier.</summary>
    /// <param name="upTo">The tier's inclusive upper bound of the running total; null for the last, open-ended tier.</param>
    /// <param name="percent">The rate, 0 to 100.</param>
    /// <param name="flatFee">The fee charged once, with the transaction that first reaches the tier.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0 to 100, or <paramref name="upTo"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="flatFee"/> is negative or has no currency.</exception>
    public PercentageTier(decimal? upTo, decimal percent, Money flatFee)
    {
        UpTo = upTo is null or > 0m ? upTo : throw new ArgumentOutOfRangeException(nameof(upTo), upTo, "A tier's bound is positive.");
        Percent = percent is >= 0m and <= 100m ? percent : throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is between 0 and 100.");
        Pricing.CheckNotNegative(flatFee, nameof(flatFee));
        FlatFee = flatFee;
    }

    /// <summary>Gets the tier's inclusive upper bound; null for the last tier.</summary>
    public decimal? UpTo { get; }

    /// <summary>Gets the rate, 0 to 100.</summary>
    public decimal Percent { get; }

    /// <summary>Gets the fee charged once, when the running total first enters the tier.</summary>
    public Money FlatFee { get; }
}
