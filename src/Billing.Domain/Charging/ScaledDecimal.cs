namespace Billing.Domain.Charging;

/// <summary>Reads a non-negative decimal as an integer at a fixed scale, exactly, when it fits.</summary>
internal static class ScaledDecimal
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
    private static readonly Int128[] WidePowers = BuildWidePowers();
    private static readonly long[] Powers64 = [.. BuildWidePowers().Take(19).Select(p => (long)p)];

    /// <summary>10^power for 0 ≤ power ≤ 9.</summary>
    public static long Power(int power) => Powers[power];

    /// <summary>Writes <paramref name="value"/> × 10^<paramref name="scale"/> to <paramref name="scaled"/> when the value is not negative, has at most <paramref name="scale"/> decimals and the result is at most <paramref name="max"/>.</summary>
    public static bool TryScale(decimal value, int scale, long max, out long scaled)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var decimals = (bits[3] >> 16) & 0xFF;
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || bits[3] < 0 || decimals > scale || mantissa > (ulong)max)
        {
            scaled = 0;
            return value == 0m;
        }

        var factor = Powers[scale - decimals];
        if (mantissa > (ulong)(max / factor))
        {
            scaled = 0;
            return false;
        }

        scaled = (long)mantissa * factor;
        return true;
    }

    /// <summary>Returns the non-negative <paramref name="units"/> × 10^-<paramref name="scale"/> as a decimal written with that scale.</summary>
    public static decimal ToDecimal(long units, byte scale) => new((int)(uint)units, (int)(uint)((ulong)units >> 32), 0, isNegative: false, scale);

    /// <summary>Divides a non-negative <paramref name="value"/> by 10^<paramref name="power"/>, rounding by <paramref name="mode"/>.</summary>
    public static long RoundDivide(Int128 value, int power, RoundingMode mode)
    {
        if (power == 0)
        {
            return (long)value;
        }

        // Most amounts fit 64 bits, where division is a single instruction.
        if (value <= long.MaxValue)
        {
            var narrow = (long)value;
            var divisor64 = Powers64[power];
            var quotient64 = narrow / divisor64;
            return RoundUp(narrow - (quotient64 * divisor64), divisor64, (quotient64 & 1) == 0, mode) ? quotient64 + 1 : quotient64;
        }

        var divisor = WidePowers[power];
        var quotient = value / divisor;
        return (long)(RoundUp((long)(value - (quotient * divisor)), (long)divisor, Int128.IsEvenInteger(quotient), mode) ? quotient + 1 : quotient);
    }

    private static bool RoundUp(long remainder, long divisor, bool even, RoundingMode mode)
    {
        if (remainder == 0)
        {
            return false;
        }

        var half = remainder.CompareTo(divisor - remainder); // remainder vs. half the divisor, without overflow
        return mode switch
        {
            RoundingMode.HalfToEven => half > 0 || (half == 0 && !even),
            RoundingMode.HalfAwayFromZero or RoundingMode.HalfUp => half >= 0,
            RoundingMode.HalfTowardZero or RoundingMode.HalfDown => half > 0,
            RoundingMode.Ceiling or RoundingMode.AwayFromZero => true,
            _ => false,
        };
    }

    private static Int128[] BuildWidePowers()
    {
        var powers = new Int128[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
