using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Billing.Domain.Charging;

namespace Billing.Domain.Tests.Charging;

public class ScaledDecimalTests
{
    public static TheoryData<decimal> Probes =>
    [
        0m, 1m, -1m, 0.5m, 123.456m, -12_345_678_901_234.567_890_123_4m, decimal.MaxValue, decimal.MinValue, 1e-28m,
        4_294_967_296m /* 2^32: the low word's second half */, 18_446_744_073_709_551_616m /* 2^64: the high word */,
    ];

    [Theory]
    [MemberData(nameof(Probes))]
    public void BothReaders_ReturnTheSameParts_AndTheLayoutCheckPasses(decimal value)
    {
        Assert.Equal(ScaledDecimal.ReadBits(value), ScaledDecimal.ReadLayout(value));
        Assert.True(ScaledDecimal.CheckLayout(value));
    }

    [Fact]
    public void ReadBits_SplitsFlagsHighAndLow()
    {
        var value = new decimal(lo: 7, mid: 5, hi: 3, isNegative: true, scale: 4);

        Assert.Equal((unchecked((int)0x8004_0000), 3u, (5ul << 32) | 7u), ScaledDecimal.ReadBits(value));
        Assert.True(ScaledDecimal.LayoutIsKnown);
    }

    [Theory]
    [InlineData(5, 0, 5, true, 5)]                  // exactly the maximum: taken
    [InlineData(6, 0, 5, false, 0)]                 // above it
    [InlineData(0.5, 1, 5, true, 5)]                // 0.5 at scale 1 is 5: exactly the maximum after scaling
    [InlineData(0.6, 1, 5, false, 0)]
    [InlineData(1.25, 3, 10_000, true, 1_250)]      // fewer decimals than the scale: multiplied up
    [InlineData(1.2345, 3, 10_000, false, 0)]       // more decimals than the scale
    [InlineData(-1, 3, 10_000, false, 0)]           // negative
    [InlineData(0, 3, 10_000, true, 0)]
    public void TryScale_TakesNonNegativeValuesWithinTheScaleAndMaximum(double value, int scale, long max, bool taken, long scaled)
    {
        Assert.Equal(taken, ScaledDecimal.TryScale((decimal)value, scale, max, out var result));
        Assert.Equal(scaled, result);
    }

    [Fact]
    public void TryScale_NegativeZeroAndAWideZero_AreZero()
    {
        Assert.True(ScaledDecimal.TryScale(-0.000m, 3, 10, out var negativeZero));
        Assert.True(ScaledDecimal.TryScale(0.00000000m, 3, 10, out var wideZero));   // more decimals than the scale, yet zero

        Assert.Equal((0L, 0L), (negativeZero, wideZero));
    }

    [Theory]
    [InlineData("0.95000000", 6, 950_000)]                        // a per-million price read from a NUMERIC(18, 8) column
    [InlineData("7.00000000", 6, 7_000_000)]
    [InlineData("1.0000000000000000000000000000", 6, 1_000_000)]   // 28 decimals: a mantissa above 64 bits, yet 1
    [InlineData("12.500", 1, 125)]
    public void TryScale_TrailingZerosBeyondTheScale_AreTheSameValue(string text, int scale, long expected)
    {
        Assert.True(ScaledDecimal.TryScale(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), scale, long.MaxValue, out var scaled));
        Assert.Equal(expected, scaled);
    }

    [Property(MaxTest = Laws.Cases)]
    public Property TryScale_AnswersAlikeForValueEqualDecimals() =>
        Prop.ForAll(
            Arb.From(from units in Gen.Choose(0, int.MaxValue) from decimals in Gen.Choose(0, 9) from zeros in Gen.Choose(0, 18) from scale in Gen.Choose(0, 8) select (units, decimals, zeros, scale)),
            c =>
            {
                var value = new decimal(c.units, 0, 0, false, (byte)c.decimals);
                var padded = value * new decimal(1, 0, 0, false, 0) + new decimal(0, 0, 0, false, (byte)Math.Min(28, c.decimals + c.zeros));   // the same value, more decimals
                var taken = ScaledDecimal.TryScale(value, c.scale, long.MaxValue, out var scaled);
                return padded == value && taken == ScaledDecimal.TryScale(padded, c.scale, long.MaxValue, out var paddedScaled) && scaled == paddedScaled;
            });

    [Fact]
    public void TryScale_AMantissaAbove64Bits_IsRefused() =>
        Assert.False(ScaledDecimal.TryScale(18_446_744_073_709_551_616m, 0, long.MaxValue, out _));

    [Fact]
    public void ToDecimal_WritesTheUnitsAtTheScale()
    {
        var value = ScaledDecimal.ToDecimal(123_456_789_012_345, 4);

        Assert.Equal(12_345_678_901.2345m, value);
        Assert.Equal(4, value.Scale);
        Assert.Equal(long.MaxValue / 100m, ScaledDecimal.ToDecimal(long.MaxValue, 2));
    }

    [Fact]
    public void DividePowerOfTen_EveryPower_Truncates()
    {
        const long value = 987_654_321_987_654_321;
        for (var power = 1; power <= 18; power++)
        {
            Assert.Equal(value / ScaledDecimal.Power(power), ScaledDecimal.DividePowerOfTen(value, power));
        }
    }

    [Fact]
    public void Power_EveryPower_IsTenToIt()
    {
        var expected = 1L;
        for (var power = 0; power <= 18; power++, expected *= 10)
        {
            Assert.Equal(expected, ScaledDecimal.Power(power));
        }
    }

    [Theory]
    [InlineData(25, 1, RoundingMode.HalfToEven, 2)]          // a tie, to the even quotient
    [InlineData(35, 1, RoundingMode.HalfToEven, 4)]
    [InlineData(25, 1, RoundingMode.HalfAwayFromZero, 3)]
    [InlineData(25, 1, RoundingMode.HalfTowardZero, 2)]
    [InlineData(26, 1, RoundingMode.HalfTowardZero, 3)]
    [InlineData(21, 1, RoundingMode.Ceiling, 3)]
    [InlineData(29, 1, RoundingMode.Floor, 2)]
    [InlineData(7, 0, RoundingMode.HalfToEven, 7)]           // power 0: the value itself
    [InlineData(1_999_999_999_999_999_995, 1, RoundingMode.HalfUp, 200_000_000_000_000_000)]
    public void RoundDivide_RoundsByTheMode(long value, int power, RoundingMode mode, long expected)
    {
        Assert.Equal(expected, ScaledDecimal.RoundDivide(value, power, mode));
        if (power > 0)
        {
            Assert.Equal(expected, ScaledDecimal.RoundDivide((Int128)value, power, mode));
        }
    }

    [Theory]
    [InlineData(25, RoundingMode.HalfToEven, 2)]            // 2.5 × 10^19 / 10^19: a tie above 64 bits, to the even quotient
    [InlineData(35, RoundingMode.HalfToEven, 4)]
    [InlineData(25, RoundingMode.HalfAwayFromZero, 3)]
    [InlineData(26, RoundingMode.HalfTowardZero, 3)]
    [InlineData(29, RoundingMode.Floor, 2)]
    public void RoundDivide_Above64Bits_RoundsIn128(long tenths, RoundingMode mode, long expected)
    {
        var value = (Int128)tenths * 1_000_000_000_000_000_000;   // above long.MaxValue

        Assert.Equal(expected, ScaledDecimal.RoundDivide(value, 19, mode));
    }
}
