namespace Billing.Domain.Tests;

public partial class MoneyTests
{
    public static TheoryData<decimal, string, int, decimal[]> Splits => new()
    {
        { 100.00m, "USD", 3, [33.34m, 33.33m, 33.33m] },
        { -100.00m, "USD", 3, [-33.34m, -33.33m, -33.33m] },
        { 0.05m, "USD", 3, [0.02m, 0.02m, 0.01m] },
        { 0.01m, "USD", 3, [0.01m, 0m, 0m] },
        { 100m, "JPY", 3, [34m, 33m, 33m] },
        { 1.000m, "KWD", 3, [0.334m, 0.333m, 0.333m] },
        { 10.00m, "USD", 1, [10.00m] },
        { 0m, "USD", 2, [0m, 0m] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Split_SharesAreWithinOneMinorUnitAndSumToWhole(decimal amount, string code, int parts, decimal[] expected)
    {
        var currency = Currency.FromCode(code);

        var shares = new Money(amount, currency).Split(parts);

        Assert.Equal(expected.Select(e => new Money(e, currency)), shares);
        Assert.All(shares, s => Assert.Equal(currency.MinorUnits, (int)s.Amount.Scale));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Split_LessThanOnePart_ThrowsArgumentOutOfRange(int parts) =>
        Assert.Throws<ArgumentOutOfRangeException>("parts", () => UsdOf(1m).Split(parts));

    [Fact]
    public void Split_AmountNotInMinorUnits_ThrowsAmountNotRounded()
    {
        var exception = Assert.Throws<AmountNotRoundedException>(() => UsdOf(10.005m).Split(2));

        Assert.Equal("money.amount_not_rounded", exception.Code);
        Assert.Equal(UsdOf(10.005m), exception.Amount);
    }

    public static TheoryData<decimal, decimal[], decimal[]> Allocations => new()
    {
        { 100.00m, [70m, 20m, 10m], [70.00m, 20.00m, 10.00m] },
        { 0.05m, [1m, 1m], [0.03m, 0.02m] },
        { 10.00m, [0.5m, 0.25m, 0.25m], [5.00m, 2.50m, 2.50m] },
        { 1.00m, [1m, 0m], [1.00m, 0.00m] },
        // 100 cents by 1:2:4 = 14.28.., 28.57.., 57.14..: floors 14, 28, 57 leave one cent for the largest remainder (the second).
        { 1.00m, [1m, 2m, 4m], [0.14m, 0.29m, 0.57m] },
        { -1.00m, [1m, 2m, 4m], [-0.14m, -0.29m, -0.57m] },
        // Ratios of different scales are combined exactly: 1 : 0.001.
        { 10.01m, [1m, 0.001m], [10.00m, 0.01m] },
        // 1/3 as a decimal needs all 96 bits of its mantissa: each ratio is read exactly, high bits too.
        { 100.00m, [1m / 3m, 2m / 3m], [33.33m, 66.67m] },
        { 4.00m, [1m / 3m, 1m], [1.00m, 3.00m] },
    };

    [Theory]
    [MemberData(nameof(Allocations))]
    public void Allocate_SharesByRatioInWholeMinorUnits(decimal amount, decimal[] ratios, decimal[] expected) =>
        Assert.Equal(expected.Select(UsdOf), UsdOf(amount).Allocate(ratios));

    [Fact]
    public void Allocate_EqualRatios_IsTheSameAsSplit() =>
        Assert.Equal(UsdOf(100m).Split(7), UsdOf(100m).Allocate(1m, 1m, 1m, 1m, 1m, 1m, 1m));

    [Fact]
    public void Allocate_BadRatios_ThrowsArgument()
    {
        Assert.Contains("At least one ratio", Assert.Throws<ArgumentException>("ratios", () => UsdOf(1m).Allocate()).Message, StringComparison.Ordinal);
        Assert.Contains("may not be negative; got -1", Assert.Throws<ArgumentException>("ratios", () => UsdOf(1m).Allocate(1m, -1m)).Message, StringComparison.Ordinal);
        Assert.Contains("sum to zero", Assert.Throws<ArgumentException>("ratios", () => UsdOf(1m).Allocate(0m, 0m)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocate_AmountNotInMinorUnits_ThrowsAmountNotRounded() =>
        Assert.Throws<AmountNotRoundedException>(() => new Money(1.5m, Jpy).Allocate(1m, 1m));
}
