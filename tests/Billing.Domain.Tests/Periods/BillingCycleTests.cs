using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

public class BillingCycleTests
{
    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void StartOf_Day31_ClampsToShortMonthsWithoutDrifting()
    {
        var cycle = new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(2028, 1));

        Assert.Equal(
            [D(2028, 1, 31), D(2028, 2, 29), D(2028, 3, 31), D(2028, 4, 30), D(2028, 5, 31)],
            Enumerable.Range(0, 5).Select(cycle.StartOf));
    }

    [Fact]
    public void StartOf_Day31_CommonYearFebruaryIs28()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 31), BillingInterval.Monthly);

        Assert.Equal(D(2026, 2, 28), cycle.StartOf(1));
        Assert.Equal(D(2026, 3, 31), cycle.StartOf(2));
        Assert.Equal(D(2025, 12, 31), cycle.StartOf(-1));
        Assert.Equal(D(2025, 11, 30), cycle.StartOf(-2));
    }

    [Fact]
    public void StartOf_Quarterly_StepsThreeMonths()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 15), BillingInterval.Quarterly);

        Assert.Equal([D(2026, 1, 15), D(2026, 4, 15), D(2026, 7, 15), D(2026, 10, 15), D(2027, 1, 15)], Enumerable.Range(0, 5).Select(cycle.StartOf));
    }

    [Fact]
    public void StartOf_YearlyOnLeapDay_IsFeb28InCommonYears()
    {
        var cycle = BillingCycle.StartingOn(D(2028, 2, 29), BillingInterval.Yearly);

        Assert.Equal([D(2028, 2, 29), D(2029, 2, 28), D(2030, 2, 28), D(2031, 2, 28), D(2032, 2, 29)], Enumerable.Range(0, 5).Select(cycle.StartOf));
    }

    [Fact]
    public void PeriodAt_RunsFromItsStartToTheNextStart()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 31), BillingInterval.Monthly);

        Assert.Equal(new BillingPeriod(D(2026, 2, 28), D(2026, 3, 31)), cycle.PeriodAt(1));
    }

    [Theory]
    [InlineData(2026, 1, 31, 0)]
    [InlineData(2026, 2, 27, 0)]
    [InlineData(2026, 2, 28, 1)]
    [InlineData(2026, 3, 30, 1)]
    [InlineData(2026, 3, 31, 2)]
    [InlineData(2026, 1, 30, -1)]
    [InlineData(2025, 12, 31, -1)]
    [InlineData(2025, 12, 30, -2)]
    public void IndexOf_FindsThePeriodHoldingTheDay(int year, int month, int day, int expected)
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 31), BillingInterval.Monthly);

        Assert.Equal(expected, cycle.IndexOf(D(year, month, day)));
        Assert.True(cycle.PeriodContaining(D(year, month, day)).Contains(D(year, month, day)));
    }

    [Fact]
    public void IndexOf_QuarterlyBeforeAnchor_IsNegative()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 15), BillingInterval.Quarterly);

        Assert.Equal(-1, cycle.IndexOf(D(2025, 11, 1)));
        Assert.Equal(-1, cycle.IndexOf(D(2025, 10, 15)));
        Assert.Equal(-2, cycle.IndexOf(D(2025, 10, 14)));
    }

    [Fact]
    public void PeriodsOverlapping_CoversTheRangeInOrder()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 15), BillingInterval.Monthly);

        var periods = cycle.PeriodsOverlapping(new BillingPeriod(D(2026, 2, 1), D(2026, 4, 15)));

        Assert.Equal(
            [new BillingPeriod(D(2026, 1, 15), D(2026, 2, 15)), new BillingPeriod(D(2026, 2, 15), D(2026, 3, 15)), new BillingPeriod(D(2026, 3, 15), D(2026, 4, 15))],
            periods);
    }

    [Fact]
    public void PeriodsOverlapping_RangeInsideOnePeriod_IsThatPeriod()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 1), BillingInterval.Yearly);

        Assert.Equal([new BillingPeriod(D(2026, 1, 1), D(2027, 1, 1))], cycle.PeriodsOverlapping(new BillingPeriod(D(2026, 3, 1), D(2026, 3, 2))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void Constructor_BillingDayOutOfRange_ThrowsArgumentOutOfRange(int day) =>
        Assert.Throws<ArgumentOutOfRangeException>("billingDay", () => new BillingCycle(BillingInterval.Monthly, day, new YearMonth(2026, 1)));

    [Fact]
    public void Constructor_ADayIntervalOrDefault_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>("interval", () => new BillingCycle(BillingInterval.ThirtyDays, 1, new YearMonth(2026, 1)));
        Assert.Throws<ArgumentException>("interval", () => new BillingCycle(default, 1, new YearMonth(2026, 1)));
        Assert.Throws<ArgumentException>("interval", () => BillingCycle.StartingOn(D(2026, 1, 1), default));
    }

    [Fact]
    public void ThirtyDays_IgnoresTheBillingDay()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 31), BillingInterval.ThirtyDays);

        Assert.Equal([D(2026, 1, 1), D(2026, 1, 31), D(2026, 3, 2), D(2026, 4, 1), D(2026, 5, 1)], Enumerable.Range(-1, 5).Select(cycle.StartOf));
        Assert.Equal(new BillingPeriod(D(2026, 3, 2), D(2026, 4, 1)), cycle.PeriodContaining(D(2026, 3, 31)));
        Assert.Equal(-1, cycle.IndexOf(D(2026, 1, 30)));
        Assert.Equal("every 30 days from 2026-01-31", cycle.ToString());
    }

    [Fact]
    public void Weeks_StepSevenDaysEach()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 12, 28), BillingInterval.OfWeeks(2));

        Assert.Equal(new BillingPeriod(D(2027, 1, 11), D(2027, 1, 25)), cycle.PeriodAt(1));
        Assert.Equal(14, BillingInterval.OfWeeks(2).Days);
        Assert.Equal(BillingIntervalUnit.Week, cycle.Interval.Unit);
    }

    [Fact]
    public void DayCycle_StartOutsideTheCalendar_ThrowsArgumentOutOfRange()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 1), BillingInterval.OfDays(1_200));

        Assert.Throws<ArgumentOutOfRangeException>("index", () => cycle.StartOf(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => cycle.StartOf(int.MinValue));
        Assert.Equal(LocalDate.MaxIsoValue.PlusDays(-((Period.DaysBetween(D(2026, 1, 1), LocalDate.MaxIsoValue)) % 1_200)), cycle.StartOf(Period.DaysBetween(D(2026, 1, 1), LocalDate.MaxIsoValue) / 1_200));
    }

    [Fact]
    public void Interval_CountsAndDescribesItsUnit()
    {
        Assert.Equal("1 month", BillingInterval.Monthly.ToString());
        Assert.Equal("12 months", BillingInterval.Yearly.ToString());
        Assert.Equal("3 weeks", BillingInterval.OfWeeks(3).ToString());
        Assert.Equal("1 day", BillingInterval.OfDays(1).ToString());
        Assert.Equal(3, BillingInterval.Quarterly.Months);
        Assert.Throws<InvalidOperationException>(() => BillingInterval.ThirtyDays.Months);
        Assert.Throws<InvalidOperationException>(() => BillingInterval.Monthly.Days);
        Assert.Throws<ArgumentOutOfRangeException>("count", () => BillingInterval.OfDays(0));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => BillingInterval.OfMonths(BillingInterval.MaxCount + 1));
        Assert.Equal(BillingInterval.OfMonths(12), BillingInterval.Yearly);
    }

    [Fact]
    public void Equality_ComparesEveryPart()
    {
        var cycle = new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(2026, 1));

        Assert.Equal(BillingCycle.StartingOn(D(2026, 1, 31), BillingInterval.Monthly), cycle);
        Assert.True(cycle != new BillingCycle(BillingInterval.Quarterly, 31, new YearMonth(2026, 1)));
        Assert.True(cycle == new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(2026, 1)));
        Assert.Equal("every 1 month on day 31 from 2026-01", cycle.ToString());
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(200_000)]
    public void StartOf_AnIndexBeyondTheCalendar_IsOutOfRange_NeverOverflow(int index)
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 15), BillingInterval.Yearly);

        Assert.Throws<ArgumentOutOfRangeException>("index", () => cycle.StartOf(index));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => cycle.PeriodAt(index));
    }

    [Fact]
    public void Constructor_NonIsoAnchorMonth_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("anchorMonth", () => new BillingCycle(BillingInterval.Monthly, 1, new YearMonth(2026, 1, CalendarSystem.Julian)));

    [Fact]
    public void IndexOf_DaysBeforeTheAnchor_CountBackwards()
    {
        var cycle = BillingCycle.StartingOn(D(2026, 1, 15), BillingInterval.Quarterly);

        Assert.Equal(-1, cycle.IndexOf(D(2025, 12, 1)));
        Assert.Equal(-1, cycle.IndexOf(D(2025, 10, 15)));
        Assert.Equal(-2, cycle.IndexOf(D(2025, 10, 14)));
        Assert.Equal(-4, cycle.IndexOf(D(2025, 1, 15)));
        Assert.Equal(0, cycle.IndexOf(D(2026, 1, 15)));
    }

    [Fact]
    public void StartOf_BeforeYearOne_UsesTheIsoCalendarsEarlyYears()
    {
        var cycle = new BillingCycle(BillingInterval.Monthly, 15, new YearMonth(1, 1));

        Assert.Equal(new LocalDate(0, 1, 15), cycle.StartOf(-12));
        Assert.Equal(new LocalDate(-1, 12, 15), cycle.StartOf(-13));
        Assert.Equal(-13, cycle.IndexOf(new LocalDate(-1, 12, 20)));
    }

    [Fact]
    public void StartOf_TheCalendarsFirstAndLastMonths_AreInRange()
    {
        var last = new BillingCycle(BillingInterval.Monthly, 1, new YearMonth(9999, 12));
        var first = new BillingCycle(BillingInterval.Monthly, 1, new YearMonth(-9998, 1));

        Assert.Equal(new LocalDate(9999, 12, 1), last.StartOf(0));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => last.StartOf(1));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => last.PeriodAt(0));
        Assert.Equal(new LocalDate(-9998, 1, 1), first.StartOf(0));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => first.StartOf(-1));
    }

    [Theory]
    [InlineData(2025, 12, 10, -1)]   // a remainder before the anchor: truncated to 0, corrected
    [InlineData(2025, 11, 10, -1)]
    [InlineData(2025, 10, 14, -2)]   // a period's first month, before its billing day
    [InlineData(2025, 10, 15, -1)]
    [InlineData(2026, 1, 14, -1)]
    [InlineData(2026, 4, 14, 0)]
    [InlineData(2026, 4, 15, 1)]
    public void IndexOf_Quarterly_AroundTheAnchor(int year, int month, int day, int expected) =>
        Assert.Equal(expected, BillingCycle.StartingOn(D(2026, 1, 15), BillingInterval.Quarterly).IndexOf(D(year, month, day)));

    [Fact]
    public void DayCycle_ReachesTheCalendarsFirstAndLastDays()
    {
        var anchor = D(2026, 1, 1);
        var daily = BillingCycle.StartingOn(anchor, BillingInterval.OfDays(1));

        Assert.Equal(LocalDate.MaxIsoValue, daily.StartOf(Period.DaysBetween(anchor, LocalDate.MaxIsoValue)));
        Assert.Equal(LocalDate.MinIsoValue, daily.StartOf(Period.DaysBetween(anchor, LocalDate.MinIsoValue)));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => daily.StartOf(Period.DaysBetween(anchor, LocalDate.MaxIsoValue) + 1));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => daily.StartOf(Period.DaysBetween(anchor, LocalDate.MinIsoValue) - 1));
    }

    [Fact]
    public void StartingOn_ADateOutsideTheIsoCalendar_ThrowsArgument()
    {
        var julian = new LocalDate(2026, 1, 1, CalendarSystem.Julian);

        Assert.Throws<ArgumentException>("firstPeriodStart", () => BillingCycle.StartingOn(julian, BillingInterval.Monthly));
        Assert.Throws<ArgumentException>("firstPeriodStart", () => BillingCycle.StartingOn(julian, BillingInterval.ThirtyDays));
    }
}
