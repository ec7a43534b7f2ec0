namespace Billing.Domain.Utility;

/// <summary>Exact helpers over <see cref="decimal"/> that the BCL does not have.</summary>
internal static class DecimalMath
{
    private static readonly decimal[] Units = BuildUnits();
    private static readonly decimal[] ZerosWithScale = BuildZeros();

    /// <summary>Returns 10^-<paramref name="scale"/>: the value of one unit at that scale.</summary>
    public static decimal Unit(int scale) => Units[scale];

    /// <summary>Returns <paramref name="value"/> written with exactly <paramref name="scale"/> decimals; it must need no more.</summary>
    // Stryker disable once Arithmetic : subtracting a zero with the scale gives the same value and scale (equivalent).
    public static decimal WithScale(decimal value, int scale) => value + ZerosWithScale[scale];

    /// <summary>Returns the fewest decimals that write <paramref name="value"/> exactly (1.50 gives 1).</summary>
    public static int SignificantScale(decimal value)
    {
        var scale = (int)value.Scale;
        while (scale > 0 && decimal.Round(value, scale - 1, MidpointRounding.ToZero) == value)
        {
            scale--;
        }

        return scale;
    }

    /// <summary>Rounds <paramref name="value"/> to <paramref name="scale"/> decimals by <paramref name="mode"/>, written with exactly that many decimals.</summary>
    public static decimal Round(decimal value, int scale, RoundingMode mode)
    {
        var rounded = mode switch
        {
            RoundingMode.HalfToEven => decimal.Round(value, scale, MidpointRounding.ToEven),
            RoundingMode.HalfAwayFromZero => decimal.Round(value, scale, MidpointRounding.AwayFromZero),
            RoundingMode.HalfTowardZero => RoundHalfTowardZero(value, scale),
            // Stryker disable once Equality : zero rounds to zero either way (equivalent).
            RoundingMode.HalfUp => value >= 0
                ? decimal.Round(value, scale, MidpointRounding.AwayFromZero)
                : RoundHalfTowardZero(value, scale),
            // Stryker disable once Equality : zero rounds to zero either way (equivalent).
            RoundingMode.HalfDown => value >= 0
                ? RoundHalfTowardZero(value, scale)
                : decimal.Round(value, scale, MidpointRounding.AwayFromZero),
            RoundingMode.Ceiling => decimal.Round(value, scale, MidpointRounding.ToPositiveInfinity),
            RoundingMode.Floor => decimal.Round(value, scale, MidpointRounding.ToNegativeInfinity),
            RoundingMode.TowardZero => decimal.Round(value, scale, MidpointRounding.ToZero),
            // Stryker disable once Equality : zero rounds to zero either way (equivalent).
            RoundingMode.AwayFromZero => value >= 0
                ? decimal.Round(value, scale, MidpointRounding.ToPositiveInfinity)
                : decimal.Round(value, scale, MidpointRounding.ToNegativeInfinity),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode."),
        };
        return WithScale(rounded, scale);
    }

    private static decimal RoundHalfTowardZero(decimal value, int scale)
    {
        var truncated = decimal.Round(value, scale, MidpointRounding.ToZero);
        if (scale >= Currency.MaxMinorUnits)
        {
            return truncated;
        }

        // Half of one unit at this scale, exact: 5 × 10^-(scale + 1).
        var half = new decimal(5, 0, 0, isNegative: false, scale: (byte)(scale + 1));
        var remainder = Math.Abs(value - truncated);
        return remainder > half ? truncated + (Math.Sign(value) * Units[scale]) : truncated;
    }

    private static decimal[] BuildUnits()
    {
        var units = new decimal[Currency.MaxMinorUnits + 1];
        for (var scale = 0; scale < units.Length; scale++)
        {
            units[scale] = new decimal(1, 0, 0, isNegative: false, scale: (byte)scale);
        }

        return units;
    }

    private static decimal[] BuildZeros()
    {
        var zeros = new decimal[Currency.MaxMinorUnits + 1];
        for (var scale = 0; scale < zeros.Length; scale++)
        {
            // Stryker disable once Boolean : adding a negative zero keeps a value's sign, as a positive one does (equivalent).
            zeros[scale] = new decimal(0, 0, 0, isNegative: false, scale: (byte)scale);
        }

        return zeros;
    }
}
