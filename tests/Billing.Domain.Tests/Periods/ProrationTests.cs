using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

public class ProrationTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly BillingPeriod January = BillingPeriod.OfMonth(new YearMonth(2026, 1));

    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Factor_ByDays_IsCoveredDaysOverPeriodDays()
    {
        var factor = Proration.Factor(new BillingPeriod(D(2026, 1, 1), D(2026, 1, 11)), January, ProrationMethod.ActualDays);

        Assert.Equal(new ProrationFactor(10, 31), factor);
        Assert.Equal(new Money(32.26m, Usd), factor.Apply(new Money(100m, Usd), RoundingPolicy.Commercial));
    }

    [Fact]
    public void Factor_ByMonths_OfAQuarter_UsesMonthsNotDays()
    {
        var quarter = new BillingPeriod(D(2026, 1, 1), D(2026, 4, 1));
        var covered = new BillingPeriod(D(2026, 1, 20), D(2026, 3, 1));

        // [01-20, 02-20) is one month; [02-20, 03-01) is 9 of the 28 days to 03-20: 37/28 months of 3.
        Assert.Equal(new ProrationFactor(37, 84), Proration.Factor(covered, quarter, ProrationMethod.Months));
        Assert.Equal(new ProrationFactor(40, 90), Proration.Factor(covered, quarter, ProrationMethod.ActualDays));
    }

    [Theory]
    [InlineData(ProrationMethod.ActualDays)]
    [InlineData(ProrationMethod.Months)]
    public void Factor_WholePeriod_IsExactlyOne(ProrationMethod method)
    {
        var factor = Proration.Factor(January, January, method);

        Assert.True(factor.IsOne);
        Assert.Equal(new Money(99.99m, Usd), factor.Apply(new Money(99.99m, Usd)));
    }

    [Fact]
    public void Factor_CoveredOutsideFull_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("covered", () =>
            Proration.Factor(new BillingPeriod(D(2025, 12, 20), D(2026, 1, 10)), January, ProrationMethod.ActualDays));

    [Fact]
    public void Factor_BySecond_IsCoveredSecondsOverPeriodSeconds_EachInstantToTheSecondBelow()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var month = new Interval(start, Instant.FromUtc(2026, 2, 1, 0, 0));
        var lastHour = new Interval(Instant.FromUtc(2026, 1, 31, 23, 0), month.End);

        Assert.Equal(new ProrationFactor(3600, 31 * 86400), Proration.Factor(lastHour, month));
        Assert.True(Proration.Factor(month, month).IsOne);
        Assert.Equal(new ProrationFactor(0, 1), Proration.Factor(new Interval(month.End, month.End), month));
        Assert.Equal(
            Proration.Factor(new Interval(start + Duration.FromSeconds(1), month.End), month),
            Proration.Factor(new Interval(start + Duration.FromMilliseconds(1999), month.End), month));
    }

    [Fact]
    public void Factor_BySecond_BadIntervals_ThrowArgument()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var month = new Interval(start, Instant.FromUtc(2026, 2, 1, 0, 0));

        Assert.Throws<ArgumentException>("covered", () => Proration.Factor(new Interval(start - Duration.FromSeconds(1), month.End), month));
        Assert.Throws<ArgumentException>("covered", () => Proration.Factor(new Interval(start, null), month));
        Assert.Throws<ArgumentException>("full", () => Proration.Factor(new Interval(null, month.End), new Interval(null, month.End)));
        Assert.Throws<ArgumentException>("full", () => Proration.Factor(new Interval(start, start), new Interval(start, start + Duration.FromMilliseconds(999))));
        Assert.Throws<ArgumentOutOfRangeException>("full", () => Proration.Factor(month, new Interval(start, start + Duration.FromSeconds(ProrationFactor.MaxTerm + 1))));
    }

    [Fact]
    public void Factor_UndefinedMethod_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>("method", () => Proration.Factor(January, January, (ProrationMethod)7));

    [Theory]
    [InlineData("2026-01-01", "2026-04-01", 3, 1)]
    [InlineData("2026-01-15", "2026-02-01", 17, 31)]
    [InlineData("2026-01-15", "2026-03-10", 51, 28)]
    [InlineData("2026-01-31", "2026-02-28", 1, 1)]
    [InlineData("2026-01-31", "2026-03-31", 2, 1)]
    [InlineData("2026-02-10", "2026-02-11", 1, 28)]
    [InlineData("2026-01-01", "2027-01-01", 12, 1)]
    [InlineData("2033-02-28", "2033-03-31", 1, 1)]
    [InlineData("2026-02-28", "2026-04-15", 45, 30)]
    public void DurationInMonths_CountsWholeMonthsAndTheRestByDays(string start, string end, long numerator, long denominator)
    {
        var period = new BillingPeriod(NodaTime.Text.LocalDatePattern.Iso.Parse(start).Value, NodaTime.Text.LocalDatePattern.Iso.Parse(end).Value);

        Assert.Equal(new ProrationFactor(numerator, denominator), Proration.DurationInMonths(period));
    }

    [Fact]
    public void Split_ByDays_SumsToThePriceAndGivesTheExtraCentToTheLargestRemainder()
    {
        var parts = Proration.Split(
            new Money(100m, Usd),
            [new BillingPeriod(D(2026, 1, 1), D(2026, 1, 11)), new BillingPeriod(D(2026, 1, 11), D(2026, 2, 1))],
            ProrationMethod.ActualDays);

        Assert.Equal([new Money(32.26m, Usd), new Money(67.74m, Usd)], parts);
    }

    [Fact]
    public void Split_ByMonths_WeighsEachPartsMonths()
    {
        // One whole month and half of the next (14 of 28 days): 2 : 1.
        var parts = Proration.Split(
            new Money(90m, Usd),
            [new BillingPeriod(D(2026, 1, 15), D(2026, 2, 15)), new BillingPeriod(D(2026, 2, 15), D(2026, 3, 1))],
            ProrationMethod.Months);

        Assert.Equal([new Money(60m, Usd), new Money(30m, Usd)], parts);
    }

    [Fact]
    public void Split_GapOrOverlap_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>("parts", () => Proration.Split(new Money(1m, Usd),
            [new BillingPeriod(D(2026, 1, 1), D(2026, 1, 10)), new BillingPeriod(D(2026, 1, 11), D(2026, 2, 1))], ProrationMethod.ActualDays));
        Assert.Throws<ArgumentException>("parts", () => Proration.Split(new Money(1m, Usd), [], ProrationMethod.ActualDays));
        Assert.Throws<ArgumentNullException>("parts", () => Proration.Split(new Money(1m, Usd), null!, ProrationMethod.ActualDays));
    }

    [Fact]
    public void Split_UnroundedPrice_ThrowsAmountNotRounded() =>
        Assert.Throws<AmountNotRoundedException>(() => Proration.Split(new Money(1.001m, Usd), [January], ProrationMethod.ActualDays));
}
