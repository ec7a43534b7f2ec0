using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

public class BillingPeriodTests
{
    private static LocalDate D(int year, int month, int day) => new(year, month, day);

    private static BillingPeriod P(string start, string end) =>
        new(NodaTime.Text.LocalDatePattern.Iso.Parse(start).Value, NodaTime.Text.LocalDatePattern.Iso.Parse(end).Value);

    [Fact]
    public void Constructor_EndNotAfterStart_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>("end", () => new BillingPeriod(D(2026, 1, 1), D(2026, 1, 1)));
        Assert.Throws<ArgumentException>("end", () => new BillingPeriod(D(2026, 1, 2), D(2026, 1, 1)));
    }

    [Fact]
    public void Constructor_NonIsoCalendar_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("start", () =>
            new BillingPeriod(new LocalDate(2026, 1, 1, CalendarSystem.Julian), D(2026, 2, 1)));

    [Fact]
    public void Days_CountsEveryDayOfTheHalfOpenRange()
    {
        Assert.Equal(31, P("2026-01-01", "2026-02-01").Days);
        Assert.Equal(29, P("2028-02-01", "2028-03-01").Days);
        Assert.Equal(1, P("2026-01-01", "2026-01-02").Days);
        Assert.Equal(365, P("2026-01-01", "2027-01-01").Days);
    }

    [Fact]
    public void LastDay_IsTheDayBeforeEnd() => Assert.Equal(D(2026, 1, 31), P("2026-01-01", "2026-02-01").LastDay);

    [Fact]
    public void Contains_HoldsStartAndExcludesEnd()
    {
        var january = P("2026-01-01", "2026-02-01");

        Assert.True(january.Contains(D(2026, 1, 1)));
        Assert.True(january.Contains(D(2026, 1, 31)));
        Assert.False(january.Contains(D(2026, 2, 1)));
        Assert.False(january.Contains(D(2025, 12, 31)));
    }

    [Fact]
    public void Contains_Period_IsTrueOnlyWhenEveryDayIsInside()
    {
        var january = P("2026-01-01", "2026-02-01");

        Assert.True(january.Contains(january));
        Assert.True(january.Contains(P("2026-01-10", "2026-02-01")));
        Assert.False(january.Contains(P("2026-01-10", "2026-02-02")));
        Assert.False(january.Contains(P("2025-12-31", "2026-01-02")));
    }

    [Fact]
    public void Overlaps_TouchingPeriodsDoNotOverlap()
    {
        Assert.False(P("2026-01-01", "2026-02-01").Overlaps(P("2026-02-01", "2026-03-01")));
        Assert.True(P("2026-01-01", "2026-02-02").Overlaps(P("2026-02-01", "2026-03-01")));
        Assert.False(P("2026-02-01", "2026-03-01").Overlaps(P("2026-01-01", "2026-02-01")));   // either way round
        Assert.True(P("2026-02-01", "2026-03-01").Overlaps(P("2026-01-01", "2026-02-02")));
    }

    [Fact]
    public void Intersect_ReturnsTheSharedDaysOrNull()
    {
        Assert.Equal(P("2026-01-15", "2026-02-01"), P("2026-01-01", "2026-02-01").Intersect(P("2026-01-15", "2026-03-01")));
        Assert.Null(P("2026-01-01", "2026-02-01").Intersect(P("2026-02-01", "2026-03-01")));
    }

    [Fact]
    public void OfMonth_IsTheWholeCalendarMonth() =>
        Assert.Equal(P("2028-02-01", "2028-03-01"), BillingPeriod.OfMonth(new YearMonth(2028, 2)));

    [Theory]
    [InlineData("2026-01-01", "2026-02-01", 1)]
    [InlineData("2026-01-15", "2026-03-15", 2)]
    [InlineData("2026-01-31", "2026-02-28", 1)]
    [InlineData("2026-02-28", "2026-03-31", 1)]
    [InlineData("2026-02-28", "2026-03-28", 1)]
    [InlineData("2026-01-30", "2026-02-28", 1)]
    [InlineData("2026-01-01", "2027-01-01", 12)]
    [InlineData("2026-01-15", "2026-02-20", 0)]
    [InlineData("2026-01-01", "2026-01-31", 0)]
    [InlineData("2026-03-31", "2026-04-29", 0)]
    public void TryGetWholeMonths_CountsMonthsFromBillingDayToBillingDay(string start, string end, int expected)
    {
        var whole = P(start, end).TryGetWholeMonths(out var months);

        Assert.Equal(expected > 0, whole);
        Assert.Equal(expected, months);
    }

    [Fact]
    public void Equality_ComparesStartAndEnd()
    {
        Assert.Equal(P("2026-01-01", "2026-02-01"), P("2026-01-01", "2026-02-01"));
        Assert.True(P("2026-01-01", "2026-02-01") == P("2026-01-01", "2026-02-01"));
        Assert.True(P("2026-01-01", "2026-02-01") != P("2026-01-01", "2026-02-02"));
        Assert.Equal(P("2026-01-01", "2026-02-01").GetHashCode(), P("2026-01-01", "2026-02-01").GetHashCode());
    }

    [Fact]
    public void ToString_IsHalfOpenIsoRange() =>
        Assert.Equal("[2026-01-01, 2026-02-01)", P("2026-01-01", "2026-02-01").ToString());

    [Fact]
    public void Constructor_NonIsoEnd_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("end", () => new BillingPeriod(D(2026, 1, 1), new LocalDate(2026, 2, 1, CalendarSystem.Julian)));

    [Theory]
    [InlineData("2026-01-31", "2026-02-15", false, 0)]   // not a month-end start, so the billing days differ
    [InlineData("2026-01-15", "2026-01-31", false, 0)]   // within one month
    [InlineData("2026-02-28", "2026-03-28", true, 1)]    // the same day: a month
    [InlineData("2026-02-28", "2026-03-31", true, 1)]    // a month-end start runs to the next month's end
    [InlineData("2026-01-31", "2026-02-28", true, 1)]    // a billing day past February's end falls on its last day
    [InlineData("2026-01-30", "2026-02-28", true, 1)]
    [InlineData("2026-03-30", "2026-04-30", true, 1)]
    [InlineData("2026-04-30", "2026-05-30", true, 1)]
    [InlineData("2026-04-30", "2026-05-31", true, 1)]
    [InlineData("2026-03-31", "2026-04-29", false, 0)]
    [InlineData("2026-03-29", "2026-04-30", false, 0)]
    public void TryGetWholeMonths_AtMonthEnds(string start, string end, bool whole, int months)
    {
        Assert.Equal(whole, P(start, end).TryGetWholeMonths(out var counted));
        Assert.Equal(months, counted);
    }
}
