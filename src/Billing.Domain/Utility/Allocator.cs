using System.Numerics;

namespace Billing.Domain.Utility;

/// <summary>
/// Shares a whole number of units out by integer weights, exactly, in one of the <see cref="AllocationStyle"/>s.
/// </summary>
/// <remarks>
/// <see cref="AllocationStyle.LargestRemainder"/>: each share is the floor of its exact quotient or one more; the
/// units left after the floors go one each to the shares with the largest remainders, the lower index first on a tie;
/// a negative whole is shared as its absolute value and every share negated, so the extra units land in the same
/// places as for the positive whole. <see cref="AllocationStyle.FlooredLargestFraction"/> does the same on the signed
/// whole. <see cref="AllocationStyle.RoundedRemainderLast"/> rounds every quotient but the last, which takes the rest.
/// The shares always sum to the whole.
/// </remarks>
internal static class Allocator
{
    /// <summary>Shares <paramref name="units"/> (an integral decimal) by <paramref name="weights"/> (non-negative, not all zero).</summary>
    public static decimal[] Allocate(decimal units, ReadOnlySpan<BigInteger> weights, AllocationStyle style = AllocationStyle.LargestRemainder, RoundingMode rounding = RoundingMode.HalfToEven)
    {
        var whole = new BigInteger(units);
        var total = BigInteger.Zero;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var shares = style switch
        {
            // Stryker disable once Equality : zero units share out as zeros, negated or not (equivalent).
            AllocationStyle.LargestRemainder when whole < 0 => Negated(LargestRemainder(-whole, weights, total)),
            AllocationStyle.LargestRemainder or AllocationStyle.FlooredLargestFraction => LargestRemainder(whole, weights, total),
            _ => RoundedRemainderLast(whole, weights, total, rounding),
        };
        var result = new decimal[shares.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (decimal)shares[i];
        }

        return result;
    }

    // Floors every share (towards negative infinity), then gives the units left, fewer than the shares, one each to the
    // largest remainders, the lower index first among equals.
    private static BigInteger[] LargestRemainder(BigInteger whole, ReadOnlySpan<BigInteger> weights, BigInteger total)
    {
        var shares = new BigInteger[weights.Length];
        var remainders = new BigInteger[weights.Length];
        var given = BigInteger.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            (shares[i], remainders[i]) = Fraction.FloorDivRem(whole * weights[i], total);
            given += shares[i];
        }

        var left = (int)(whole - given); // fewer than weights.Length: each floor loses less than one unit
        // Stryker disable once Equality : with nothing left, handing out the leftovers hands out nothing (equivalent).
        if (left > 0)
        {
            var order = new int[weights.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            // Stable on index: the largest remainder first, the lower index first among equals.
            Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : a.CompareTo(b));
            for (var i = 0; i < left; i++)
            {
                shares[order[i]] += 1;
            }
        }

        return shares;
    }

    private static BigInteger[] RoundedRemainderLast(BigInteger whole, ReadOnlySpan<BigInteger> weights, BigInteger total, RoundingMode rounding)
    {
        var shares = new BigInteger[weights.Length];
        var rest = whole;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            shares[i] = Fraction.RoundQuotient(whole * weights[i], total, rounding);
            rest -= shares[i];
        }

        shares[^1] = rest;
        return shares;
    }

    private static BigInteger[] Negated(BigInteger[] shares)
    {
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = -shares[i];
        }

        return shares;
    }

    /// <summary>Turns non-negative decimal ratios into integer weights in the same proportion, exactly.</summary>
    public static BigInteger[] WeightsOf(ReadOnlySpan<decimal> ratios)
    {
        var scale = 0;
        foreach (var ratio in ratios)
        {
            scale = Math.Max(scale, (int)ratio.Scale);
        }

        var weights = new BigInteger[ratios.Length];
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < ratios.Length; i++)
        {
            // ratio = mantissa × 10^-ratio.Scale, so mantissa × 10^(scale - ratio.Scale) is the ratio × 10^scale.
            decimal.GetBits(ratios[i], bits);
            var mantissa = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
            weights[i] = mantissa * BigInteger.Pow(10, scale - (int)ratios[i].Scale);
        }

        return weights;
    }
}
