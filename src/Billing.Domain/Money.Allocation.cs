using System.Numerics;
using Billing.Domain.Utility;

namespace Billing.Domain;

public readonly partial struct Money
{
    /// <summary>The most shares <see cref="Split(int)"/> and <see cref="Allocate(ReadOnlySpan{decimal})"/> make: 1,000,000.</summary>
    public const int MaxShares = 1_000_000;

    /// <summary>Splits this amount into <paramref name="parts"/> shares that differ by at most one minor unit and sum to it exactly.</summary>
    /// <param name="parts">The number of shares, 1 to <see cref="MaxShares"/>.</param>
    /// <returns>The shares; the first ones get the extra minor units (100.00 USD in 3 gives 33.34, 33.33, 33.33).</returns>
    /// <remarks>A negative amount splits as its absolute value with every share negated.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is less than 1 or more than <see cref="MaxShares"/>.</exception>
    /// <exception cref="AmountNotRoundedException">This amount has more decimals than its currency's minor units: round it first.</exception>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>.</exception>
    public Money[] Split(int parts)
    {
        Preconditions.CheckRange(parts, 1, MaxShares);
        EnsureWholeMinorUnits();

        // Equal weights: every share gets the quotient, the first (remainder) shares one unit more. Both exact in decimal.
        var unit = Currency.MinorUnit;
        var units = Math.Abs(Amount) / unit;
        var remainder = units % parts;
        var quotient = (units - remainder) / parts;
        var result = new Money[parts];
        for (var i = 0; i < parts; i++)
        {
            // Stryker disable once Equality : a zero amount has no units to share, so negating its zero shares changes nothing (equivalent).
            result[i] = FromUnits(Sign < 0 ? -(quotient + (i < remainder ? 1 : 0)) : quotient + (i < remainder ? 1 : 0));
        }

        return result;
    }

    /// <summary>Splits this amount into <paramref name="parts"/> equal shares in an allocation style, in whole minor units that sum to it exactly.</summary>
    /// <param name="parts">The number of shares, 1 to <see cref="MaxShares"/>.</param>
    /// <param name="style">Where the leftover units go: <see cref="AllocationStyle.LargestRemainder"/> gives what <see cref="Split(int)"/> gives.</param>
    /// <param name="rounding">How <see cref="AllocationStyle.RoundedRemainderLast"/> rounds every share but the last; the other styles do not round.</param>
    /// <returns>The shares, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is less than 1 or more than <see cref="MaxShares"/>, or a style or mode is not one of its enum's values.</exception>
    /// <exception cref="AmountNotRoundedException">This amount has more decimals than its currency's minor units: round it first.</exception>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>.</exception>
    public Money[] Split(int parts, AllocationStyle style, RoundingMode rounding = RoundingMode.HalfToEven)
    {
        Preconditions.CheckRange(parts, 1, MaxShares);
        Preconditions.CheckDefined(style);
        Preconditions.CheckDefined(rounding);
        if (style == AllocationStyle.LargestRemainder)
        {
            return Split(parts);
        }

        var weights = new BigInteger[parts];
        weights.AsSpan().Fill(BigInteger.One);
        return AllocateByWeights(weights, style, rounding);
    }

    /// <summary>Allocates this amount in proportion to <paramref name="ratios"/>, in whole minor units that sum to it exactly.</summary>
    /// <param name="ratios">1 to <see cref="MaxShares"/> non-negative ratios, not all zero, such as 70, 20, 10 or 0.5, 0.25, 0.25; computed exactly, whatever their scale.</param>
    /// <returns>One share per ratio, in order. Each is its exact share rounded down to a minor unit, or one minor unit more: the units left over go to the largest remainders, the earlier ratio first on a tie.</returns>
    /// <remarks>A negative amount allocates as its absolute value with every share negated.</remarks>
    /// <exception cref="ArgumentException"><paramref name="ratios"/> is empty, has a negative ratio, or sums to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratios"/> has more than <see cref="MaxShares"/> ratios.</exception>
    /// <exception cref="AmountNotRoundedException">This amount has more decimals than its currency's minor units: round it first.</exception>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>.</exception>
    public Money[] Allocate(params ReadOnlySpan<decimal> ratios) => Allocate(AllocationStyle.LargestRemainder, ratios);

    /// <summary>Allocates this amount in proportion to <paramref name="ratios"/> in an allocation style, in whole minor units that sum to it exactly.</summary>
    /// <param name="style">Where the leftover units go: <see cref="AllocationStyle.LargestRemainder"/> gives what <see cref="Allocate(ReadOnlySpan{decimal})"/> gives.</param>
    /// <param name="ratios">1 to <see cref="MaxShares"/> non-negative ratios, not all zero; computed exactly, whatever their scale.</param>
    /// <param name="rounding">How <see cref="AllocationStyle.RoundedRemainderLast"/> rounds every share but the last; the other styles do not round.</param>
    /// <returns>One share per ratio, in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="ratios"/> is empty, has a negative ratio, or sums to zero.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratios"/> has more than <see cref="MaxShares"/> ratios, or a style or mode is not one of its enum's values.</exception>
    /// <exception cref="AmountNotRoundedException">This amount has more decimals than its currency's minor units: round it first.</exception>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>.</exception>
    public Money[] Allocate(AllocationStyle style, ReadOnlySpan<decimal> ratios, RoundingMode rounding = RoundingMode.HalfToEven)
    {
        Preconditions.CheckDefined(style);
        Preconditions.CheckDefined(rounding);
        Preconditions.CheckArgument(!ratios.IsEmpty, nameof(ratios), "At least one ratio is needed.");
        Preconditions.CheckRange(ratios.Length, 1, MaxShares, nameof(ratios));
        var positive = false;
        foreach (var ratio in ratios)
        {
            Preconditions.CheckArgument(ratio >= 0m, nameof(ratios), $"Ratios may not be negative; got {ratio}.");
            positive |= ratio > 0m;
        }

        Preconditions.CheckArgument(positive, nameof(ratios), "The ratios sum to zero; at least one must be positive.");
        return AllocateByWeights(Allocator.WeightsOf(ratios), style, rounding);
    }

    internal Money[] AllocateByWeights(ReadOnlySpan<BigInteger> weights, AllocationStyle style = AllocationStyle.LargestRemainder, RoundingMode rounding = RoundingMode.HalfToEven)
    {
        EnsureWholeMinorUnits();
        var shares = Allocator.Allocate(Amount / Currency.MinorUnit, weights, style, rounding);
        var result = new Money[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            result[i] = FromUnits(shares[i]);
        }

        return result;
    }

    private void EnsureWholeMinorUnits()
    {
        EnsureInitialized();
        if (!IsInMinorUnits)
        {
            throw new AmountNotRoundedException(this);
        }
    }

    private Money FromUnits(decimal units) => new(DecimalMath.WithScale(units * Currency.MinorUnit, Currency.MinorUnits), Currency);
}
