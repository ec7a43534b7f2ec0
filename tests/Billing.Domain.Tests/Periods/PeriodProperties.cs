using Billing.Domain.Periods;
using Billing.Domain.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Interval = NodaTime.Interval;

namespace Billing.Domain.Tests.Periods;

public class PeriodProperties
{
    private static readonly Arbitrary<BillingPeriod> AnyPeriod = BillingArbitraries.AnyBillingPeriod();

    private static Arbitrary<ProrationMethod> Methods => Arb.From(Gen.Elements(Enum.GetValues<ProrationMethod>()));

    private static Gen<BillingCycle> MonthGen =>
        from interval in Gen.Elements(BillingInterval.Monthly, BillingInterval.Quarterly, BillingInterval.Yearly, BillingInterval.OfMonths(2))
        from day in Gen.Choose(1, 31)
        from year in Gen.Choose(2000, 2040)
        from month in Gen.Choose(1, 12)
        select new BillingCycle(interval, day, new YearMonth(year, month));

    // Days and weeks from any start, Kill Bill's 30 days among them.
    private static Gen<BillingCycle> DayGen =>
        from interval in Gen.OneOf(Gen.Constant(BillingInterval.ThirtyDays), Gen.Choose(1, 60).Select(BillingInterval.OfDays), Gen.Choose(1, 8).Select(BillingInterval.OfWeeks))
        from start in BillingArbitraries.AnyBillingPeriod().Generator.Select(p => p.Start)
        select BillingCycle.StartingOn(start, interval);

    private static Arbitrary<BillingCycle> MonthCycles => Arb.From(MonthGen);

    private static Arbitrary<BillingCycle> Cycles => Arb.From(Gen.OneOf(MonthGen, DayGen));

    private static Arbitrary<int> Indexes => Arb.From(Gen.Choose(-100, 100));

    // Where to cut a period, as day offsets taken modulo its length: none, a few anywhere in it, a few near its start,
    // and now and then hundreds (so that a long period is cut into single days). Shrinking drops cuts.
    private static Arbitrary<int[]> Cuts =>
        Arb.From(
            from count in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 10)), (1, Gen.Choose(100, 800)))
            from cuts in Gen.Frequency((3, Gen.Choose(0, 1_000_000)), (1, Gen.Choose(0, 40))).ArrayOf(count)
            select cuts,
            cuts => Enumerable.Range(0, cuts.Length).Select(i => cuts.Where((_, j) => j != i).ToArray()));

    [Property(MaxTest = Laws.Cases)]
    public Property Intersect_IsCommutativeAndWithinBoth() =>
        Prop.ForAll(AnyPeriod, AnyPeriod, (a, b) =>
        {
            var ab = a.Intersect(b);
            return ab == b.Intersect(a)
                && (ab is null) != a.Overlaps(b)
                && (ab is not { } i || (a.Contains(i) && b.Contains(i)));
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Cycle_PeriodsChainWithoutGapsAndStartOnTheAnchoredDay() =>
        Prop.ForAll(MonthCycles, Indexes, (cycle, n) =>
        {
            var period = cycle.PeriodAt(n);
            var month = cycle.AnchorMonth.PlusMonths(n * cycle.Interval.Months);
            var expectedDay = Math.Min(cycle.BillingDay, CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
            return period.End == cycle.PeriodAt(n + 1).Start
                && period.Start == month.OnDayOfMonth(expectedDay)
                && period.TryGetWholeMonths(out var months) && months == cycle.Interval.Months
                && Proration.DurationInMonths(period) == new ProrationFactor(cycle.Interval.Months, 1);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Cycle_OfDays_PeriodsAreThatManyDaysFromTheFirstStart() =>
        Prop.ForAll(Arb.From(DayGen), Indexes, (cycle, n) =>
        {
            var period = cycle.PeriodAt(n);
            return period.Days == cycle.Interval.Days
                && period.End == cycle.PeriodAt(n + 1).Start
                && period.Start == cycle.StartOf(0).PlusDays(n * cycle.Interval.Days)
                && cycle.IndexOf(period.Start) == n && cycle.IndexOf(period.LastDay) == n;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Cycle_PeriodContainingADayHoldsIt() =>
        Prop.ForAll(Cycles, AnyPeriod, (cycle, range) =>
            cycle.PeriodContaining(range.Start).Contains(range.Start)
            && cycle.PeriodContaining(range.LastDay).Contains(range.LastDay));

    [Property(MaxTest = Laws.Cases)]
    public Property Cycle_PeriodsOverlappingARangeCoverItBackToBack() =>
        Prop.ForAll(Cycles, AnyPeriod, (cycle, range) =>
        {
            var periods = cycle.PeriodsOverlapping(range);
            return periods.All(p => p.Overlaps(range))
                && periods[0].Contains(range.Start)
                && periods[^1].Contains(range.LastDay)
                && periods.Zip(periods.Skip(1)).All(pair => pair.First.End == pair.Second.Start);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Proration_FullPeriodEqualsTheFullPriceExactly() =>
        Prop.ForAll(AnyPeriod, BillingArbitraries.AnyMoney(), Methods, (period, price, method) =>
        {
            var factor = Proration.Factor(period, period, method);
            return factor.IsOne && factor.Apply(price) == price && factor.Apply(price, RoundingPolicy.Bankers) == price;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Proration_PartsOfASplitPeriodSumToThePrice() =>
        Prop.ForAll(AnyPeriod, Cuts, BillingArbitraries.AnyMoney(), (period, cuts, price) =>
        {
            var parts = SplitAt(period, cuts);
            return Enum.GetValues<ProrationMethod>().All(method =>
            {
                var shares = Proration.Split(price, parts, method);
                return shares.Length == parts.Count
                    && Money.Sum(shares, price.Currency) == price
                    && shares.All(s => s.IsInMinorUnits);
            });
        });

    // Over a cycle, k whole periods count k by every method, and by the day counts (calendar or 30-day months) a range
    // cut in two counts what its halves count. (A month measure is not additive: each part is measured in the month that
    // starts on its own first day.)
    [Property(MaxTest = Laws.Cases)]
    public Property Proration_OverACycle_CountsWholePeriods_AndAddsUpOverParts() =>
        Prop.ForAll(Cycles, Indexes, Arb.From(from k in Gen.Choose(1, 24) from cut in Gen.Choose(1, 400) from method in Methods.Generator select (k, cut, method)), (cycle, n, drawn) =>
        {
            var range = new BillingPeriod(cycle.StartOf(n), cycle.StartOf(n + drawn.k));
            var whole = Proration.Factor(range, cycle, drawn.method) == new ProrationFactor(drawn.k, 1);
            var cut = range.Start.PlusDays(Math.Min(drawn.cut, range.Days - 1));
            if (cut <= range.Start || drawn.method == ProrationMethod.Months)
            {
                return whole;
            }

            var first = Proration.Factor(new BillingPeriod(range.Start, cut), cycle, drawn.method);
            var second = Proration.Factor(new BillingPeriod(cut, range.End), cycle, drawn.method);
            return whole && (System.Numerics.BigInteger)first.Numerator * second.Denominator + (System.Numerics.BigInteger)second.Numerator * first.Denominator
                == (System.Numerics.BigInteger)drawn.k * first.Denominator * second.Denominator;
        });

    // The first billing date on or after a day is a period's start, not before the day, with no period starting in between.
    [Property(MaxTest = Laws.Cases)]
    public Property Cycle_FirstStartOnOrAfter_IsTheNextPeriodStart() =>
        Prop.ForAll(Cycles, Indexes, Arb.From(Gen.Choose(0, 400)), (cycle, n, offset) =>
        {
            var day = cycle.StartOf(n).PlusDays(offset);
            var first = cycle.FirstStartOnOrAfter(day);
            var index = cycle.IndexOf(first);
            return first >= day && cycle.StartOf(index) == first && (first == day || cycle.StartOf(index - 1) < day);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Proration_FactorOfAPartIsBetweenZeroAndOne() =>
        Prop.ForAll(AnyPeriod, Cuts, Methods, (period, cuts, method) =>
            SplitAt(period, cuts).All(part =>
            {
                var factor = Proration.Factor(part, period, method);
                // In 30-day months a part can count no days at all: a 31st alone is the next month's 1st.
                return (factor.Numerator > 0 || (method == ProrationMethod.ThirtyDayMonths && part.Days == 1 && part.Start.Day == 31))
                    && factor.Numerator <= factor.Denominator;
            }));

    // Stripe's measure: by the second. Cut a period anywhere to the second (at midnight now and then): the two parts'
    // factors add up to exactly 1, and a part from midnight to midnight UTC is its calendar days' share.
    [Property(MaxTest = Laws.Cases)]
    public Property Proration_BySecond_PartsAddUpToOne_AndWholeDaysAreActualDays() =>
        Prop.ForAll(AnyPeriod, Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Elements(true, false)), (period, cut, atMidnight) =>
        {
            var full = new Interval(Midnight(period.Start), Midnight(period.End));
            var seconds = (long)period.Days * 86_400;
            var offset = atMidnight ? cut % (period.Days + 1) * 86_400L : cut % (seconds + 1);
            var at = full.Start + Duration.FromSeconds(offset);
            var (first, second) = (Proration.Factor(new Interval(full.Start, at), full), Proration.Factor(new Interval(at, full.End), full));
            var sum = (first.Numerator * second.Denominator) + (second.Numerator * first.Denominator);
            return sum == first.Denominator * second.Denominator
                && (!atMidnight || offset == 0 || first == Proration.Factor(new BillingPeriod(period.Start, period.Start.PlusDays((int)(offset / 86_400))), period, ProrationMethod.ActualDays));
        });

    private static Instant Midnight(LocalDate day) => day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    private static List<BillingPeriod> SplitAt(BillingPeriod period, int[] cuts)
    {
        var days = cuts.Select(c => (Math.Abs(c % period.Days) + 1) % period.Days).Where(d => d > 0).Distinct().Order();
        var parts = new List<BillingPeriod>();
        var start = period.Start;
        foreach (var day in days)
        {
            parts.Add(new BillingPeriod(start, period.Start.PlusDays(day)));
            start = period.Start.PlusDays(day);
        }

        parts.Add(new BillingPeriod(start, period.End));
        return parts;
    }
}
