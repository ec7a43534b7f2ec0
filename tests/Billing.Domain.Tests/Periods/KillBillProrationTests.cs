using Billing.Domain.Periods;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Periods;

/// <summary>
/// Kill Bill's proration, to its nine decimals: the examples of its own tests
/// (killbill/killbill, invoice/src/test/java/org/killbill/billing/invoice/generator/TestInvoiceDateUtilsWithoutFixedProration
/// and TestInvoiceDateUtilsWithFixedProration, which sets org.killbill.invoice.proration.fixed.days=30). Its factor is
/// days / days-in-period divided to nine decimals half up: <c>Proration.Factor(…).Rounded(9, RoundingMode.HalfUp)</c>.
/// </summary>
public class KillBillProrationTests
{
    // calculateProRationBeforeFirstBillingPeriod(start, nextBillingCycleDate, MONTHLY): the part from the start to the
    // next billing date, of the month before that date. calculateProRationAfterLastBillingCycleDate(end,
    // previousBillThroughDate, MONTHLY): the part from the last billed date to the end, of the month after that date.
    public static TheoryData<string, string, string, string, decimal, decimal> Examples => new()
    {
        // covered start, covered end, full start, full end, actual days (prorationFixedDays=0), 30-day months
        { "2023-05-23", "2023-06-15", "2023-05-15", "2023-06-15", 0.741935484m, 0.733333333m },   // before the first billing period
        { "2023-06-23", "2023-07-15", "2023-06-15", "2023-07-15", 0.733333333m, 0.733333333m },
        { "2023-02-23", "2023-03-15", "2023-02-15", "2023-03-15", 0.714285714m, 0.733333333m },   // February
        { "2024-02-23", "2024-03-15", "2024-02-15", "2024-03-15", 0.724137931m, 0.733333333m },   // February of a leap year
        { "2023-05-23", "2023-06-15", "2023-05-23", "2023-06-23", 0.741935484m, 0.733333333m },   // after the last billing cycle date
        { "2023-06-23", "2023-07-15", "2023-06-23", "2023-07-23", 0.733333333m, 0.733333333m },
        { "2023-02-23", "2023-03-15", "2023-02-23", "2023-03-23", 0.714285714m, 0.733333333m },
        { "2024-02-23", "2024-03-15", "2024-02-23", "2024-03-23", 0.724137931m, 0.733333333m },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Factor_RoundedToNineDecimalsHalfUp_IsKillBills(string start, string end, string fullStart, string fullEnd, decimal actualDays, decimal thirtyDayMonths)
    {
        var covered = new BillingPeriod(D(start), D(end));
        var full = new BillingPeriod(D(fullStart), D(fullEnd));

        Assert.Equal(actualDays, Proration.Factor(covered, full, ProrationMethod.ActualDays).Rounded(9, RoundingMode.HalfUp).ToDecimal());
        Assert.Equal(thirtyDayMonths, Proration.Factor(covered, full, ProrationMethod.ThirtyDayMonths).Rounded(9, RoundingMode.HalfUp).ToDecimal());
    }

    [Theory]
    [InlineData("2023-05-15", "2023-05-23", "2023-04-23", "2023-05-23")]   // testProRationBeforeFirstBillingPeriod2
    [InlineData("2023-06-15", "2023-06-23", "2023-05-23", "2023-06-23")]
    public void Factor_InThirtyDayMonths_OfAPartWithinOneMonth_CountsItsCalendarDays(string start, string end, string fullStart, string fullEnd) =>
        Assert.Equal(
            0.266666667m,
            Proration.Factor(new BillingPeriod(D(start), D(end)), new BillingPeriod(D(fullStart), D(fullEnd)), ProrationMethod.ThirtyDayMonths).Rounded(9, RoundingMode.HalfUp).ToDecimal());

    // testDaysBetweenWithFixedDaysInMonthForSameMonth and …ForDifferentMonths: 8 days within a month, 22 across one,
    // whatever the month's length; the factor's numerator over a 30-day month is those days.
    [Theory]
    [InlineData("2023-05-15", "2023-05-23", 8)]
    [InlineData("2023-02-15", "2023-02-23", 8)]
    [InlineData("2024-02-15", "2024-02-23", 8)]
    [InlineData("2023-05-23", "2023-06-15", 22)]
    [InlineData("2023-06-23", "2023-07-15", 22)]
    [InlineData("2023-02-23", "2023-03-15", 22)]
    [InlineData("2024-02-23", "2024-03-15", 22)]
    public void ThirtyDayMonths_CountsKillBillsDays(string start, string end, long days)
    {
        var covered = new BillingPeriod(D(start), D(end));
        var month = new BillingPeriod(covered.Start, covered.Start.PlusMonths(1));

        Assert.Equal(new ProrationFactor(days, 30), Proration.Factor(covered, month, ProrationMethod.ThirtyDayMonths));
    }

    // Kill Bill's daysBetweenWithFixedDaysInMonth(start, end, 30), as its source reads, is the count of every part of at
    // most a month (the parts it prorates lie within one monthly period): any start from 2020 to 2030, 1 to 62 days.
    [Property(MaxTest = Laws.Cases)]
    public Property ThirtyDayMonths_CountsAsKillBillsFormula_ForEveryPartOfAtMostAMonth() =>
        Prop.ForAll(
            Arb.From(from offset in Gen.Choose(0, 4017) from length in Gen.Choose(1, 62) select (Start: new LocalDate(2020, 1, 1).PlusDays(offset), Length: length)),
            drawn =>
            {
                var covered = new BillingPeriod(drawn.Start, drawn.Start.PlusDays(drawn.Length));
                var nextMonth = drawn.Start.With(DateAdjusters.StartOfMonth).PlusMonths(2);
                var killBill = covered.Days - (covered.Start.Month == covered.End.Month ? 0 : covered.Start.Calendar.GetDaysInMonth(covered.Start.Year, covered.Start.Month) - 30);
                var month = new BillingPeriod(covered.Start.With(DateAdjusters.StartOfMonth), nextMonth);
                return covered.End > drawn.Start.PlusMonths(1) || Proration.Factor(covered, month, ProrationMethod.ThirtyDayMonths) == new ProrationFactor(killBill, 60);
            });

    [Theory]
    [InlineData(2023, 1)]
    [InlineData(2023, 2)]
    [InlineData(2024, 2)]
    [InlineData(2023, 4)]
    public void ThirtyDayMonths_AWholeMonth_IsOne_AndSplitsWholeMonthsBy30(int year, int month)
    {
        var whole = BillingPeriod.OfMonth(new YearMonth(year, month));
        var firstHalf = new BillingPeriod(whole.Start, whole.Start.PlusDays(15));

        Assert.Equal(ProrationFactor.One, Proration.Factor(whole, whole, ProrationMethod.ThirtyDayMonths));
        Assert.Equal(new ProrationFactor(15, 30), Proration.Factor(firstHalf, whole, ProrationMethod.ThirtyDayMonths));
        Assert.Equal(
            [new Money(15.00m, Currency.FromCode("USD")), new Money(15.00m, Currency.FromCode("USD"))],
            Proration.Split(new Money(30.00m, Currency.FromCode("USD")), [firstHalf, new BillingPeriod(firstHalf.End, whole.End)], ProrationMethod.ThirtyDayMonths));
    }

    [Fact]
    public void Rounded_RoundsByItsMode_ToAFractionOverAPowerOfTen_AndRefusesBadArguments()
    {
        var third = new ProrationFactor(1, 3);

        Assert.Equal(new ProrationFactor(333_333_333, 1_000_000_000), third.Rounded(9, RoundingMode.HalfUp));
        Assert.Equal(new ProrationFactor(334, 1_000), third.Rounded(3, RoundingMode.Ceiling));
        Assert.Equal(new ProrationFactor(1, 2), new ProrationFactor(1, 2).Rounded(1, RoundingMode.HalfToEven));   // 0.5 ends: unchanged
        Assert.Equal(new ProrationFactor(0, 1), new ProrationFactor(1, 2).Rounded(0, RoundingMode.HalfToEven));   // 0.5 to even is 0
        Assert.Equal(ProrationFactor.One, new ProrationFactor(1, 2).Rounded(0, RoundingMode.HalfUp));
        Assert.Throws<ArgumentOutOfRangeException>("decimals", () => third.Rounded(10, RoundingMode.HalfUp));
        Assert.Throws<ArgumentOutOfRangeException>("mode", () => third.Rounded(2, (RoundingMode)99));
        Assert.Throws<ArgumentOutOfRangeException>("numerator", () => new ProrationFactor(3, 1).Rounded(9, RoundingMode.HalfUp));
    }

    // Kill Bill's testWithBCDLargerThanEndMonth (TestInAdvanceBillingIntervalDetail): from 2017-01-31 with a BCD of 31
    // to the billing date after March 31 are three whole monthly periods; in arrear, a range longer than a period is
    // its whole periods plus the shares of the partial ones.
    [Fact]
    public void Factor_OverACycle_CountsWholePeriodsAndTheSharesOfPartialOnes()
    {
        var cycle = new BillingCycle(BillingInterval.Monthly, 31, new YearMonth(2017, 1));

        Assert.Equal(new ProrationFactor(3, 1), Proration.Factor(new BillingPeriod(D("2017-01-31"), D("2017-04-30")), cycle, ProrationMethod.ActualDays));
        Assert.Equal(   // 15 days of [12-31, 01-31), three whole periods, 10 days of [04-30, 05-31)
            new ProrationFactor((3 * 31) + 15 + 10, 31),
            Proration.Factor(new BillingPeriod(D("2017-01-16"), D("2017-05-10")), cycle, ProrationMethod.ActualDays));
        Assert.Equal(
            new ProrationFactor(5, 2),   // half of February, all of March and April in 30-day months
            Proration.Factor(new BillingPeriod(D("2017-02-16"), D("2017-05-01")), new BillingCycle(BillingInterval.Monthly, 1, new YearMonth(2017, 1)), ProrationMethod.ThirtyDayMonths));
        Assert.Throws<ArgumentException>("cycle", () => Proration.Factor(new BillingPeriod(D("2017-01-31"), D("2017-04-30")), default(BillingCycle), ProrationMethod.ActualDays));
    }

    private static LocalDate D(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
