namespace Billing.Domain.Tests;

public class RoundingPolicyTests
{
    // The table in RoundingMode's documentation, at 2 decimals.
    public static TheoryData<RoundingMode, decimal, decimal> Table => new()
    {
        { RoundingMode.HalfToEven, 2.345m, 2.34m }, { RoundingMode.HalfToEven, -2.345m, -2.34m }, { RoundingMode.HalfToEven, 2.355m, 2.36m }, { RoundingMode.HalfToEven, 2.341m, 2.34m },
        { RoundingMode.HalfAwayFromZero, 2.345m, 2.35m }, { RoundingMode.HalfAwayFromZero, -2.345m, -2.35m }, { RoundingMode.HalfAwayFromZero, 2.341m, 2.34m },
        { RoundingMode.HalfTowardZero, 2.345m, 2.34m }, { RoundingMode.HalfTowardZero, -2.345m, -2.34m }, { RoundingMode.HalfTowardZero, 2.3451m, 2.35m }, { RoundingMode.HalfTowardZero, -2.3451m, -2.35m },
        { RoundingMode.HalfUp, 2.345m, 2.35m }, { RoundingMode.HalfUp, -2.345m, -2.34m }, { RoundingMode.HalfUp, -2.346m, -2.35m },
        { RoundingMode.HalfDown, 2.345m, 2.34m }, { RoundingMode.HalfDown, -2.345m, -2.35m }, { RoundingMode.HalfDown, 2.346m, 2.35m },
        { RoundingMode.Ceiling, 2.341m, 2.35m }, { RoundingMode.Ceiling, -2.345m, -2.34m },
        { RoundingMode.Floor, 2.349m, 2.34m }, { RoundingMode.Floor, -2.341m, -2.35m },
        { RoundingMode.TowardZero, 2.349m, 2.34m }, { RoundingMode.TowardZero, -2.349m, -2.34m },
        { RoundingMode.AwayFromZero, 2.341m, 2.35m }, { RoundingMode.AwayFromZero, -2.341m, -2.35m },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Round_Mode_GivesDocumentedResult(RoundingMode mode, decimal value, decimal expected)
    {
        var usd = Currency.FromCode("USD");

        Assert.Equal(new Money(expected, usd), new Money(value, usd).Round(new RoundingPolicy(mode)));
        Assert.Equal(expected, new RoundingPolicy(mode).Round(value, 2));
    }

    [Fact]
    public void Round_UsesCurrencyMinorUnitsUnlessScaleIsStated()
    {
        Assert.Equal(1235m, new Money(1234.5m, Currency.FromCode("JPY")).Round(RoundingPolicy.Commercial).Amount);
        Assert.Equal(1234m, new Money(1234.5m, Currency.FromCode("JPY")).Round(RoundingPolicy.Bankers).Amount);
        Assert.Equal(1.235m, new Money(1.2345m, Currency.FromCode("KWD")).Round(RoundingPolicy.Commercial).Amount);
        Assert.Equal(1.2346m, new Money(1.234567m, Currency.FromCode("USD")).Round(RoundingPolicy.Commercial.WithScale(4)).Amount);
    }

    [Fact]
    public void Round_WritesExactlyThePolicyScale()
    {
        var rounded = new Money(1.5m, Currency.FromCode("USD")).Round(RoundingPolicy.Bankers);

        Assert.Equal("1.50", rounded.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, (int)rounded.Amount.Scale);
    }

    [Fact]
    public void Default_IsBankersAtMinorUnits()
    {
        Assert.Equal(RoundingPolicy.Bankers, default);
        Assert.Equal(RoundingMode.HalfToEven, default(RoundingPolicy).Mode);
        Assert.Null(default(RoundingPolicy).Scale);
        Assert.Equal(3, default(RoundingPolicy).ScaleFor(Currency.FromCode("KWD")));
    }

    [Fact]
    public void WithScale_FixesTheScaleForEveryCurrency()
    {
        var policy = RoundingPolicy.Commercial.WithScale(4);

        Assert.Equal(4, policy.Scale);
        Assert.Equal(4, policy.ScaleFor(Currency.FromCode("JPY")));
        Assert.Equal(RoundingMode.HalfAwayFromZero, policy.Mode);
        Assert.NotEqual(RoundingPolicy.Commercial, policy);
        Assert.Equal("HalfAwayFromZero@4", policy.ToString());
        Assert.Equal("HalfToEven@minor-units", RoundingPolicy.Bankers.ToString());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(29)]
    public void Constructor_ScaleOutOfRange_ThrowsArgumentOutOfRange(int scale) =>
        Assert.Throws<ArgumentOutOfRangeException>("scale", () => new RoundingPolicy(RoundingMode.Floor, scale));

    [Fact]
    public void Constructor_UndefinedMode_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>("mode", () => new RoundingPolicy((RoundingMode)99));

    [Fact]
    public void Round_DefaultMoney_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("money", () => RoundingPolicy.Bankers.Round(default(Money)));

    [Fact]
    public void Round_HalfTowardZeroAtMaximumScale_KeepsTheValue() =>
        Assert.Equal(0.1234567890123456789012345678m, new RoundingPolicy(RoundingMode.HalfTowardZero).Round(0.1234567890123456789012345678m, 28));

    [Fact]
    public void Equality_ComparesModeAndScale()
    {
        Assert.True(RoundingPolicy.Commercial != RoundingPolicy.Bankers);
        Assert.False(RoundingPolicy.Commercial != new RoundingPolicy(RoundingMode.HalfAwayFromZero));
        Assert.True(RoundingPolicy.Bankers != RoundingPolicy.Bankers.WithScale(2));
    }

    [Theory]
    [InlineData(RoundingMode.HalfToEven)]
    [InlineData(RoundingMode.HalfTowardZero)]
    [InlineData(RoundingMode.Ceiling)]
    public void Round_AtTheLargestScale_KeepsEveryDecimal(RoundingMode mode) =>
        Assert.Equal(0.1234567890123456789012345678m, new RoundingPolicy(mode).Round(0.1234567890123456789012345678m, Currency.MaxMinorUnits));

    [Fact]
    public void Round_HalfTowardZero_OneBelowTheLargestScale_RoundsUpPastTheHalf() =>
        Assert.Equal(0.123456789012345678901234568m, new RoundingPolicy(RoundingMode.HalfTowardZero).Round(0.1234567890123456789012345678m, Currency.MaxMinorUnits - 1));
}
