using System.Numerics;

namespace Billing.Domain.Utility;

/// <summary>Exact fractions in integers: a × b / c for proportions of amounts that would lose digits or overflow in <see cref="decimal"/>, and quotients floored or rounded by a <see cref="RoundingMode"/>.</summary>
internal static class Fraction
{
    /// <summary>Returns a × b / c rounded toward zero to <paramref name="scale"/> decimals, written with that scale; <see cref="ArgumentOutOfRangeException"/> when it is outside the range of decimal.</summary>
    public static decimal MultiplyDivide(decimal a, decimal b, decimal c, int scale)
    {
        var (na, sa) = Integer(a);
        var (nb, sb) = Integer(b);
        var (nc, sc) = Integer(c);
        if (nc.IsZero)
        {
            throw new DivideByZeroException();
        }

        // a·b/c = (na·nb / nc) · 10^(sc − sa − sb); scaled by 10^scale and truncated.
        var exponent = sc - sa - sb + scale;
        var numerator = na * nb * (exponent > 0 ? BigInteger.Pow(10, exponent) : BigInteger.One);
        var denominator = nc * (exponent < 0 ? BigInteger.Pow(10, -exponent) : BigInteger.One);
        var units = BigInteger.Divide(numerator, denominator);
        if (BigInteger.Abs(units) > new BigInteger(decimal.MaxValue))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "The proportion is outside the range of decimal.");
        }

        return DecimalMath.WithScale((decimal)units / Pow10(scale), scale);
    }

    /// <summary>Rounds <paramref name="numerator"/> / <paramref name="denominator"/> (positive) to a whole number by <paramref name="mode"/>, exactly.</summary>
    public static BigInteger RoundQuotient(BigInteger numerator, BigInteger denominator, RoundingMode mode)
    {
        var (floor, remainder) = FloorDivRem(numerator, denominator);
        if (remainder.IsZero)
        {
            return floor;
        }

        var half = (remainder * 2).CompareTo(denominator);   // below, at or above the midpoint between floor and floor + 1
        var negative = numerator.Sign < 0;
        var up = mode switch
        {
            RoundingMode.HalfToEven => half > 0 || (half == 0 && !floor.IsEven),
            RoundingMode.HalfAwayFromZero => half > 0 || (half == 0 && !negative),
            RoundingMode.HalfTowardZero => half > 0 || (half == 0 && negative),
            RoundingMode.HalfUp => half >= 0,
            RoundingMode.HalfDown => half > 0,
            RoundingMode.Ceiling => true,
            RoundingMode.Floor => false,
            RoundingMode.TowardZero => negative,
            _ => !negative,   // AwayFromZero
        };
        return up ? floor + 1 : floor;
    }

    /// <summary>Returns the floor of <paramref name="numerator"/> / <paramref name="denominator"/> (positive) and the remainder, 0 ≤ remainder &lt; denominator.</summary>
    public static (BigInteger Floor, BigInteger Remainder) FloorDivRem(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        return remainder.Sign < 0 ? (quotient - 1, remainder + denominator) : (quotient, remainder);
    }

    private static (BigInteger Value, int Scale) Integer(decimal value)
    {
        var scale = value.Scale;
        return (new BigInteger(value * Pow10(scale)), scale);
    }

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
