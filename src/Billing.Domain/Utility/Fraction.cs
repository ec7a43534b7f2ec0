using System.Numerics;

namespace Billing.Domain.Utility;

/// <summary>Exact a × b / c in integers, for proportions of amounts that would lose digits or overflow in <see cref="decimal"/>.</summary>
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
