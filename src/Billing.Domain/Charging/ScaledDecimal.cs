using System.Runtime.CompilerServices;

namespace Billing.Domain.Charging;

/// <summary>Reads a non-negative decimal as an integer at a fixed scale, exactly, when it fits.</summary>
internal static class ScaledDecimal
{
    private static readonly long[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];
    private static readonly Int128[] WidePowers = BuildWidePowers();

    /// <summary>10^power for 0 ≤ power ≤ 18; a constant when the power is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Power(int power) => power switch
    {
        0 => 1,
        1 => 10,
        2 => 100,
        3 => 1_000,
        4 => 10_000,
        5 => 100_000,
        6 => 1_000_000,
        7 => 10_000_000,
        8 => 100_000_000,
        9 => 1_000_000_000,
        10 => 10_000_000_000,
        11 => 100_000_000_000,
        12 => 1_000_000_000_000,
        13 => 10_000_000_000_000,
        14 => 100_000_000_000_000,
        15 => 1_000_000_000_000_000,
        16 => 10_000_000_000_000_000,
        17 => 100_000_000_000_000_000,
        _ => 1_000_000_000_000_000_000,
    };

    /// <summary>Writes <paramref name="value"/> × 10^<paramref name="scale"/> to <paramref name="scaled"/> when the value is not negative, has at most <paramref name="scale"/> decimals by value (trailing zeros do not count) and the result is at most <paramref name="max"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryScale(decimal value, int scale, long max, out long scaled)
    {
        // Stryker disable once Conditional : both readers return the same parts (tested); only speed tells them apart (equivalent)
        var (flags, high, low) = LayoutIsKnown ? ReadLayout(value) : ReadBits(value);

        // Stryker disable once Bitwise : without the mask a negative value's sign bit makes decimals > scale, and flags < 0 refuses it anyway (equivalent)
        var decimals = (flags >> 16) & 0xFF;
        if (high != 0 || flags < 0 || decimals > scale || low > (ulong)max)
        {
            // A value-equal decimal with trailing zeros past the scale (0.95000000 from a NUMERIC(18, 8) column) is the
            // same value: rounding to the scale drops them and the rounded value is scaled instead.
            scaled = 0;
            return value == 0m || (flags >= 0 && decimals > scale && decimal.Round(value, scale) is var rounded && rounded == value && TryScale(rounded, scale, max, out scaled));
        }

        // low × 10^(scale - decimals) without a division: the 128-bit product must fit under max.
        var high64 = Math.BigMul(low, (ulong)Powers[scale - decimals], out var product);
        scaled = (long)product;
        return high64 == 0 && product <= (ulong)max;
    }

    /// <summary>Reads a decimal's flags, high 32 and low 64 bits of its mantissa straight from its memory layout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (int Flags, uint High, ulong Low) ReadLayout(decimal value)
    {
        ref readonly var parts = ref Unsafe.As<decimal, DecimalParts>(ref Unsafe.AsRef(in value));
        return (parts.Flags, parts.High, parts.Low);
    }

    /// <summary>Reads the same parts as <see cref="ReadLayout"/> through <see cref="decimal.GetBits(decimal, Span{int})"/>, for a runtime whose layout differs.</summary>
    internal static (int Flags, uint High, ulong Low) ReadBits(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        return (bits[3], (uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
    }

    /// <summary>Returns the non-negative <paramref name="units"/> × 10^-<paramref name="scale"/> as a decimal written with that scale.</summary>
    // Stryker disable once Bitwise : >> and >>> are the same shift on an unsigned value (equivalent)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal ToDecimal(long units, byte scale) => new((int)(uint)units, (int)(uint)((ulong)units >> 32), 0, isNegative: false, scale);

    /// <summary>Divides a non-negative <paramref name="value"/> by 10^<paramref name="power"/> (1 to 18), rounding by <paramref name="mode"/>.</summary>
    public static long RoundDivide(Int128 value, int power, RoundingMode mode)
    {
        // Most amounts fit 64 bits; dividing by a constant power of ten there compiles to a multiplication. Skipping
        // this, or taking long.MaxValue itself the 128-bit way, gives the same quotient, only slower.
        // Stryker disable once Equality,Block : the 128-bit division below gives the same result (equivalent)
        if (value <= long.MaxValue)
        {
            return RoundDivide((long)value, power, mode);
        }

        var divisor = WidePowers[power];
        var quotient = value / divisor;
        return (long)(RoundUp((long)(value - (quotient * divisor)), (long)divisor, Int128.IsEvenInteger(quotient), mode) ? quotient + 1 : quotient);
    }

    /// <summary>
    /// Divides a non-negative value by 10^power (1 to 18), truncating. Each power is a constant and the division
    /// unsigned, so it compiles to a multiplication and a shift, with no sign fix-up. A negative value (garbage a
    /// branch-free caller computes and then discards) gives a meaningless quotient, never an exception.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long DividePowerOfTen(long value, int power) => (long)(power switch
    {
        1 => (ulong)value / 10,
        2 => (ulong)value / 100,
        3 => (ulong)value / 1_000,
        4 => (ulong)value / 10_000,
        5 => (ulong)value / 100_000,
        6 => (ulong)value / 1_000_000,
        7 => (ulong)value / 10_000_000,
        8 => (ulong)value / 100_000_000,
        9 => (ulong)value / 1_000_000_000,
        10 => (ulong)value / 10_000_000_000,
        11 => (ulong)value / 100_000_000_000,
        12 => (ulong)value / 1_000_000_000_000,
        13 => (ulong)value / 10_000_000_000_000,
        14 => (ulong)value / 100_000_000_000_000,
        15 => (ulong)value / 1_000_000_000_000_000,
        16 => (ulong)value / 10_000_000_000_000_000,
        17 => (ulong)value / 100_000_000_000_000_000,
        _ => (ulong)value / 1_000_000_000_000_000_000,
    });

    /// <summary>Returns whether a non-negative quotient with this remainder of this divisor rounds up by the mode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RoundUp(long remainder, long divisor, bool even, RoundingMode mode)
    {
        // Comparisons joined with & and |, not && and ||: no branch on the data, which is random in a batch.
        var other = divisor - remainder;   // remainder vs. half the divisor, without overflow
        return mode switch
        {
            RoundingMode.HalfToEven => (remainder > other) | ((remainder == other) & !even),
            RoundingMode.HalfAwayFromZero or RoundingMode.HalfUp => remainder >= other,
            RoundingMode.HalfTowardZero or RoundingMode.HalfDown => remainder > other,
            RoundingMode.Ceiling or RoundingMode.AwayFromZero => remainder != 0,
            _ => false,
        };
    }

    // System.Decimal has been { int flags; uint hi32; ulong lo64; } since .NET Core 3.0. Checked once against
    // decimal.GetBits; if a runtime ever lays it out otherwise, TryScale reads through GetBits instead.
    // Stryker disable once Logical,Unary : both probes pass on every runtime this runs on, so && and || agree, and so does either sign of the first (equivalent)
    internal static readonly bool LayoutIsKnown = CheckLayout(-12_345_678_901_234.567_890_123_4m) && CheckLayout(79_228_162_514_264_337_593_543_950_335m);

    internal static bool CheckLayout(decimal probe)
    {
        // Stryker disable once Block,Boolean : the body is unreachable while decimal is 16 bytes (equivalent)
        if (Unsafe.SizeOf<DecimalParts>() != sizeof(decimal))
        {
            return false;
        }

        // Stryker disable once Logical : the parts of a probe are all equal or the layout is unknown; no runtime makes one differ alone (equivalent)
        return ReadLayout(probe) == ReadBits(probe);
    }

    /// <summary>Divides a non-negative <paramref name="value"/> by 10^<paramref name="power"/> (0 to 18), rounding by <paramref name="mode"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RoundDivide(long value, int power, RoundingMode mode)
    {
        if (power == 0)
        {
            return value;
        }

        var quotient = DividePowerOfTen(value, power);
        var divisor = Power(power);
        return quotient + (RoundUp(value - (quotient * divisor), divisor, (quotient & 1) == 0, mode) ? 1 : 0);   // an add, not a branch
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

    private readonly struct DecimalParts
    {
        public readonly int Flags;
        public readonly uint High;
        public readonly ulong Low;
    }
}
