using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

/// <summary>
/// A billing day of 29 to 31: Stripe's rule and Kill Bill's clamping are one rule, which <see cref="BillingCycle"/> is:
/// every period starts on the billing day of its own month, or that month's last day when it is shorter, computed from
/// the anchor (never from the period before), so a short month never drags the day down for good.
/// </summary>
public class AnchorConventionTests
{
    // Stripe, "Setting the subscription billing cycle date" (docs.stripe.com/subscriptions/billing-cycle): "A monthly
    // subscription with a billing cycle anchor date of January 31 bills the last day of the month closest to the anchor
    // date, so February 28 (or February 29 in a leap year), then March 31, April 30, and so on."
    [Theory]
    [InlineData(2026, new[] { "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31" })]
    [InlineData(2028, new[] { "2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30", "2028-05-31" })]
    public void Stripe_AnAnchorOnThe31st_BillsOnTheLastDayOfShorterMonths_ThenOnThe31stAgain(int year, string[] dates)
    {
        var cycle = new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(year, 1));

        Assert.Equal(dates.Select(D), Enumerable.Range(0, dates.Length).Select(cycle.StartOf));
    }

    // Stripe, same page: "A weekly subscription with a billing cycle anchor date of Friday, June 3 bills every Friday thereafter."
    [Fact]
    public void Stripe_AWeeklyAnchor_BillsOnItsWeekday()
    {
        var cycle = BillingCycle.StartingOn(D("2022-06-03"), BillingInterval.OfWeeks(1));

        Assert.All(Enumerable.Range(0, 10).Select(cycle.StartOf), start => Assert.Equal(IsoDayOfWeek.Friday, start.DayOfWeek));
    }

    // Kill Bill, invoice/src/test/java/org/killbill/billing/invoice/generator/TestInAdvanceBillingIntervalDetail: the
    // first billing cycle date of a subscription starting on a day with a billing cycle day (BCD), monthly and annual
    // (the BCD in the start's month of each year); THIRTY_DAYS ignores the BCD and starts on the start.
    [Theory]
    [InlineData("2012-01-16", 17, "2012-01-17", "2012-01-17")]   // testCalculateFirstBillingCycleDate1
    [InlineData("2012-02-16", 30, "2012-02-29", "2012-02-29")]   // …2: the BCD past February's end falls on its last day
    [InlineData("2012-01-31", 30, "2012-02-29", "2013-01-30")]   // …3: the BCD before the start
    [InlineData("2012-02-16", 14, "2012-03-14", "2013-02-14")]   // …4
    public void KillBill_FirstBillingCycleDate_IsTheFirstBillingDayOnOrAfterTheStart(string start, int billingDay, string monthly, string annual)
    {
        var from = D(start);

        Assert.Equal(D(monthly), new BillingCycle(BillingInterval.Monthly, billingDay, from.ToYearMonth()).FirstStartOnOrAfter(from));
        Assert.Equal(D(annual), new BillingCycle(BillingInterval.Yearly, billingDay, from.ToYearMonth()).FirstStartOnOrAfter(from));
        Assert.Equal(from, BillingCycle.StartingOn(from, BillingInterval.ThirtyDays).FirstStartOnOrAfter(from));
    }

    // Kill Bill, same suite: the monthly cases it checks alone.
    [Theory]
    [InlineData("2012-07-16", 15, "2012-08-15")]   // testNextBCDShouldNotBeInThePast
    [InlineData("2012-03-02", 3, "2012-03-03")]    // testBeforeBCDWithOnOrAfter
    [InlineData("2012-03-03", 3, "2012-03-03")]    // testEqualBCDWithOnOrAfter
    [InlineData("2012-03-04", 3, "2012-04-03")]    // testAfterBCDWithOnOrAfter
    public void KillBill_FirstMonthlyBillingCycleDate(string start, int billingDay, string expected) =>
        Assert.Equal(D(expected), new BillingCycle(BillingInterval.Monthly, billingDay, D(start).ToYearMonth()).FirstStartOnOrAfter(D(start)));

    // Kill Bill, testBCD31StartingWith30DayMonth: a BCD of 31 from April 30 ends the first period on May 31, the 31st again.
    [Fact]
    public void KillBill_ABcdOf31_StartingInA30DayMonth_EndsItsFirstPeriodOnThe31st() =>
        Assert.Equal(
            new BillingPeriod(D("2012-04-30"), D("2012-05-31")),
            new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(2012, 4)).PeriodContaining(D("2012-04-30")));

    [Fact]
    public void ThirtyDays_IgnoresTheCalendar() =>
        Assert.Equal(D("2012-03-01"), BillingCycle.StartingOn(D("2012-01-31"), BillingInterval.ThirtyDays).StartOf(1));

    private static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
