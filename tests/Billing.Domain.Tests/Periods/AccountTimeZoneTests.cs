using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

public class AccountTimeZoneTests
{
    private static AccountTimeZone Zone(string id) => new(DateTimeZoneProviders.Tzdb[id]);

    [Fact]
    public void BillingDayOf_UsesTheAccountZone()
    {
        var instant = Instant.FromUtc(2026, 1, 31, 20, 0);

        Assert.Equal(new LocalDate(2026, 2, 1), Zone("Asia/Tokyo").BillingDayOf(instant));
        Assert.Equal(new LocalDate(2026, 1, 31), Zone("America/New_York").BillingDayOf(instant));
    }

    [Fact]
    public void ToInterval_SpansTheZonesDaysAcrossDaylightSaving()
    {
        var amsterdam = Zone("Europe/Amsterdam");
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));

        var interval = amsterdam.ToInterval(march);

        Assert.Equal(Instant.FromUtc(2026, 2, 28, 23, 0), interval.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 22, 0), interval.End);
        Assert.Equal(Duration.FromHours((31 * 24) - 1), interval.Duration);
    }

    [Fact]
    public void StartOf_DayWhoseMidnightIsSkipped_IsTheFirstInstantThatExists()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 2022-09-11.
        var start = Zone("America/Santiago").StartOf(new LocalDate(2022, 9, 11));

        Assert.Equal(Instant.FromUtc(2022, 9, 11, 4, 0), start);
    }

    [Fact]
    public void Contains_TellsWhetherTheInstantFallsOnThePeriodsDays()
    {
        var tokyo = Zone("Asia/Tokyo");
        var january = BillingPeriod.OfMonth(new YearMonth(2026, 1));

        Assert.False(tokyo.Contains(january, Instant.FromUtc(2026, 1, 31, 20, 0)));
        Assert.True(tokyo.Contains(january, Instant.FromUtc(2026, 1, 31, 14, 59)));
        Assert.Equal("Asia/Tokyo", tokyo.ToString());
    }

    [Fact]
    public void Constructor_NullZone_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("zone", () => new AccountTimeZone(null!));
}
