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

    // easymoney's own examples (frolovdev/easymoney, packages/money/src/money/__tests__/money.test.ts, "allocate" and
    // "allocateTo"), in its minor units: cents of USD here.
    public static TheoryData<long, decimal[], long[]> EasymoneyAllocations => new()
    {
        { 100, [1m, 1m, 1m], [34, 33, 33] },
        { 101, [1m, 1m, 1m], [34, 34, 33] },
        { 5, [3m, 7m], [2, 3] },   // Foemmel's conundrum
        { 5, [7m, 3m], [4, 1] },
        { 5, [7m, 3m, 0m], [4, 1, 0] },
        { -5, [7m, 3m], [-3, -2] },
        { 5, [0m, 7m, 3m], [0, 4, 1] },
        { 5, [7m, 0m, 3m], [4, 0, 1] },
        { 5, [0m, 0m, 1m], [0, 0, 5] },
        { 5, [0m, 3m, 7m], [0, 2, 3] },
        { 0, [0m, 0m, 1m], [0, 0, 0] },
        { 2, [1m, 1m, 1m], [1, 1, 0] },
        { 1, [1m, 1m], [1, 0] },
        { 1, [0.33m, 0.66m], [0, 1] },
        { 101, [3m, 7m], [30, 71] },
        { 101, [7m, 3m], [71, 30] },
    };

    [Theory]
    [MemberData(nameof(EasymoneyAllocations))]
    public void Allocate_FlooredLargestFraction_GivesEasymoneysShares(long cents, decimal[] ratios, long[] expected) =>
        Assert.Equal(expected.Select(c => UsdOf(c / 100m)), UsdOf(cents / 100m).Allocate(AllocationStyle.FlooredLargestFraction, ratios));

    [Theory]
    [InlineData(15, 2, new long[] { 8, 7 })]
    [InlineData(10, 2, new long[] { 5, 5 })]
    [InlineData(15, 3, new long[] { 5, 5, 5 })]
    [InlineData(10, 3, new long[] { 4, 3, 3 })]
    [InlineData(8, 3, new long[] { 3, 3, 2 })]
    public void Split_FlooredLargestFraction_GivesEasymoneysAllocateTo(long cents, int parts, long[] expected) =>
        Assert.Equal(expected.Select(c => UsdOf(c / 100m)), UsdOf(cents / 100m).Split(parts, AllocationStyle.FlooredLargestFraction));

    [Fact]
    public void Allocate_FlooredLargestFraction_DiffersFromTheDefault_OnANegativeAmountAlone()
    {
        Assert.Equal([UsdOf(-0.04m), UsdOf(-0.01m)], UsdOf(-0.05m).Allocate(7m, 3m));
        Assert.Equal([UsdOf(-0.03m), UsdOf(-0.02m)], UsdOf(-0.05m).Allocate(AllocationStyle.FlooredLargestFraction, [7m, 3m]));
        Assert.Equal(UsdOf(0.05m).Allocate(7m, 3m), UsdOf(0.05m).Allocate(AllocationStyle.FlooredLargestFraction, [7m, 3m]));
    }

    // NodaMoney's own examples of SafeDivide (remoss/NodaMoney, MoneyExtensionsSafeDivideTests,
    // GivenIWantToSafelyDivideMoney), EUR, banker's rounding.
    [Theory]
    [InlineData(0.05, 2, new[] { 0.02, 0.03 })]   // Foemmel's conundrum: 0.025 rounds to even
    [InlineData(0.05, 3, new[] { 0.02, 0.02, 0.01 })]
    public void Split_RoundedRemainderLast_GivesNodaMoneysSafeDivide(double amount, int parts, double[] expected) =>
        Assert.Equal(expected.Select(e => EurOf((decimal)e)), EurOf((decimal)amount).Split(parts, AllocationStyle.RoundedRemainderLast));

    [Theory]
    [InlineData(new[] { 2.0, 3, 3 }, new[] { 0.25, 0.38, 0.37 })]   // 0.375 rounds to even, the last takes 0.37
    [InlineData(new[] { 200.0, 300, 1 }, new[] { 0.40, 0.60, 0.00 })]
    public void Allocate_RoundedRemainderLast_GivesNodaMoneysSafeDivideByRatios(double[] ratios, double[] expected) =>
        Assert.Equal(
            expected.Select(e => EurOf((decimal)e)),
            EurOf(1.00m).Allocate(AllocationStyle.RoundedRemainderLast, [.. ratios.Select(r => (decimal)r)]));

    // Stripe's split of an amount_off coupon across items (docs.stripe.com/billing/subscriptions/prorations, "Calculation
    // logic for coupons applied to multiple subscription items"): 5 USD over a 10 USD and a 20 USD item gives
    // discount_amounts 166 and 334, where the largest remainder gives 167 and 333.
    [Fact]
    public void Allocate_RoundedRemainderLastTowardZero_GivesStripesCouponSplit()
    {
        Assert.Equal([UsdOf(1.66m), UsdOf(3.34m)], UsdOf(5.00m).Allocate(AllocationStyle.RoundedRemainderLast, [10.00m, 20.00m], RoundingMode.TowardZero));
        Assert.Equal([UsdOf(1.67m), UsdOf(3.33m)], UsdOf(5.00m).Allocate(10.00m, 20.00m));
    }

    [Fact]
    public void RoundedRemainderLast_RoundsByTheModeGiven_AndItsLastShareCanChangeSign()
    {
        Assert.Equal([EurOf(0.03m), EurOf(0.02m)], EurOf(0.05m).Split(2, AllocationStyle.RoundedRemainderLast, RoundingMode.HalfAwayFromZero));
        Assert.Equal([EurOf(-0.02m), EurOf(-0.03m)], EurOf(-0.05m).Split(2, AllocationStyle.RoundedRemainderLast));
        Assert.Equal([.. Enumerable.Repeat(EurOf(0.01m), 7), EurOf(-0.02m)], EurOf(0.05m).Split(8, AllocationStyle.RoundedRemainderLast));
    }

    [Fact]
    public void AStyleOrModeOutsideItsEnum_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>("style", () => UsdOf(1m).Allocate((AllocationStyle)9, [1m, 1m]));
        Assert.Throws<ArgumentOutOfRangeException>("rounding", () => UsdOf(1m).Split(2, AllocationStyle.RoundedRemainderLast, (RoundingMode)42));
        Assert.Throws<ArgumentOutOfRangeException>("parts", () => UsdOf(1m).Split(0, AllocationStyle.FlooredLargestFraction));
        Assert.Throws<ArgumentException>("ratios", () => UsdOf(1m).Allocate(AllocationStyle.RoundedRemainderLast, [0m, 0m]));
    }

    private static Money EurOf(decimal amount) => new(amount, Eur);
}
