using Billing.Domain.Utility;

namespace Billing.Domain.Periods;

/// <summary>
/// An exact, non-negative fraction <see cref="Numerator"/>/<see cref="Denominator"/> in lowest terms: the share of
/// a billing period that a part of it covers, or a duration in months.
/// </summary>
/// <remarks>
/// Kept as a fraction so that 10/31 stays exact until it is applied to an amount. <c>default(ProrationFactor)</c>
/// is not valid (its denominator is 0); use the constructor or <see cref="Proration"/>.
/// </remarks>
public readonly struct ProrationFactor : IEquatable<ProrationFactor>
{
    /// <summary>The largest numerator or denominator a factor has: 10^9 (a day count, or a factor to nine decimals).</summary>
    public const long MaxTerm = 1_000_000_000;

    /// <summary>Initializes a factor, reduced to lowest terms.</summary>
    /// <param name="numerator">The numerator, 0 to <see cref="MaxTerm"/>.</param>
    /// <param name="denominator">The denominator, 1 to <see cref="MaxTerm"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numerator"/> is negative or <paramref name="denominator"/> is not positive, or either is above <see cref="MaxTerm"/>.</exception>
    public ProrationFactor(long numerator, long denominator)
    {
        if (numerator is < 0 or > MaxTerm)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), numerator, $"A proration factor's numerator is 0 to {MaxTerm:N0}.");
        }

        if (denominator is <= 0 or > MaxTerm)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, $"A proration factor's denominator is 1 to {MaxTerm:N0}.");
        }

        var divisor = (long)System.Numerics.BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = numerator / divisor;
        Denominator = denominator / divisor;
    }

    /// <summary>Gets the factor 1: a whole period.</summary>
    public static ProrationFactor One => new(1, 1);

    /// <summary>Gets the numerator, in lowest terms.</summary>
    public long Numerator { get; }

    /// <summary>Gets the denominator, in lowest terms; at least 1.</summary>
    public long Denominator { get; }

    /// <summary>Gets a value indicating whether the factor is exactly 1.</summary>
    public bool IsOne => Numerator == Denominator;

    /// <summary>Returns <paramref name="price"/> × this factor, exactly when that is finite in decimals, otherwise to the 28 digits a <see cref="decimal"/> holds.</summary>
    /// <param name="price">The full-period price.</param>
    /// <returns>The prorated amount, unrounded; exactly <paramref name="price"/> when the factor is 1.</returns>
    /// <remarks>This can lose money past the 28th digit (a third never ends). Round it with <see cref="Apply(Money, RoundingPolicy)"/>, or share a price across parts with <see cref="Proration.Split(Money, IReadOnlyList{BillingPeriod}, ProrationMethod)"/>.</remarks>
    /// <exception cref="InvalidOperationException"><paramref name="price"/> is <c>default(Money)</c>.</exception>
    public Money Apply(Money price) => price * Numerator / Denominator;

    /// <summary>Returns <paramref name="price"/> × this factor, rounded by <paramref name="policy"/>.</summary>
    /// <param name="price">The full-period price.</param>
    /// <param name="policy">How to round the result.</param>
    /// <returns>The prorated amount, rounded once; exactly <paramref name="price"/> rounded when the factor is 1.</returns>
    /// <remarks>
    /// The product is exact and the quotient carries 28 significant digits, so the one rounding step gives the
    /// correctly rounded fraction for any price and any denominator below 10^12.
    /// </remarks>
    /// <exception cref="InvalidOperationException"><paramref name="price"/> is <c>default(Money)</c>.</exception>
    public Money Apply(Money price, RoundingPolicy policy) => Apply(price).Round(policy);

    /// <summary>Returns the factor as a decimal, rounded to 28 digits when it does not end.</summary>
    /// <returns>The approximate value, for display; calculate with <see cref="Apply(Money)"/>.</returns>
    public decimal ToDecimal() => (decimal)Numerator / Denominator;

    /// <summary>Returns the factor as a decimal rounded to <paramref name="decimals"/> places, half away from zero, such as a duration of 0.548 months on an invoice.</summary>
    /// <param name="decimals">The number of decimals, 0 to 28.</param>
    /// <returns>The rounded value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is out of range.</exception>
    public decimal ToDecimal(int decimals) => new RoundingPolicy(RoundingMode.HalfAwayFromZero).Round(ToDecimal(), decimals);

    /// <summary>
    /// Returns this factor rounded to <paramref name="decimals"/> places by <paramref name="mode"/>, as an exact
    /// fraction over 10^<paramref name="decimals"/>: Kill Bill's factor is <c>Rounded(9, RoundingMode.HalfUp)</c> (its
    /// <c>KillBillMoney.MAX_SCALE</c> and <c>ROUND_HALF_UP</c>), so 23/31 becomes 0.741935484.
    /// </summary>
    /// <param name="decimals">The number of decimals, 0 to 9.</param>
    /// <param name="mode">How to round.</param>
    /// <returns>The rounded factor, to apply to a price as any factor.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is out of range, <paramref name="mode"/> is not a <see cref="RoundingMode"/>, or the rounded numerator is above <see cref="MaxTerm"/> (a factor of 2 or more to nine decimals).</exception>
    public ProrationFactor Rounded(int decimals, RoundingMode mode)
    {
        Preconditions.CheckRange(decimals, 0, 9);
        Preconditions.CheckDefined(mode);
        var scale = System.Numerics.BigInteger.Pow(10, decimals);
        return new ProrationFactor((long)Fraction.RoundQuotient(Numerator * scale, Denominator, mode), (long)scale);
    }

    /// <inheritdoc />
    public bool Equals(ProrationFactor other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ProrationFactor other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>Returns the fraction as <c>10/31</c>.</summary>
    /// <returns>Numerator and denominator.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <summary>Returns a value indicating whether two factors are equal.</summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <returns>True when they are the same fraction.</returns>
    public static bool operator ==(ProrationFactor left, ProrationFactor right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two factors differ.</summary>
    /// <param name="left">The first factor.</param>
    /// <param name="right">The second factor.</param>
    /// <returns>True when they are different fractions.</returns>
    public static bool operator !=(ProrationFactor left, ProrationFactor right) => !left.Equals(right);

    internal ProrationFactor DivideBy(ProrationFactor divisor)
    {
        Preconditions.CheckArgument(divisor.Numerator > 0, nameof(divisor), "Cannot divide by a zero factor.");
        return new ProrationFactor(Numerator * divisor.Denominator, Denominator * divisor.Numerator);   // terms ≤ 10^9: products ≤ 10^18 fit; the constructor refuses them above MaxTerm
    }
}
