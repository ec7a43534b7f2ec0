using System.Numerics;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Periods;

/// <summary>
/// Prorates prices over partial billing periods, by actual days or by months, exactly.
/// </summary>
/// <remarks>
/// The factor of a whole period is exactly 1, so a prorated full period equals the full price. To share one
/// price across the parts of a split period use <see cref="Split(Money, IReadOnlyList{BillingPeriod}, ProrationMethod)"/>:
/// its rounded parts always sum to the price.
/// </remarks>
public static class Proration
{
    /// <summary>Returns the share of <paramref name="full"/> that <paramref name="covered"/> makes up.</summary>
    /// <param name="covered">The part of the period that is charged; it lies within <paramref name="full"/>.</param>
    /// <param name="full">The whole billing period the full price is for.</param>
    /// <param name="method">Whether to measure by days or by months.</param>
    /// <returns>covered / full as an exact fraction; exactly 1 when they are the same period.</returns>
    /// <exception cref="ArgumentException"><paramref name="covered"/> is not within <paramref name="full"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is undefined.</exception>
    public static ProrationFactor Factor(BillingPeriod covered, BillingPeriod full, ProrationMethod method)
    {
        Preconditions.CheckDefined(method);
        Preconditions.CheckArgument(full.Contains(covered), nameof(covered), $"The covered period {covered} is not within the full period {full}.");
        // The whole period is exactly 1 by every method, also one that counts it as no days (a 31st alone in 30-day months).
        return covered == full ? ProrationFactor.One : Measure(covered, method).DivideBy(Measure(full, method));
    }

    /// <summary>
    /// Returns how many periods of <paramref name="cycle"/> <paramref name="covered"/> makes up: each period it covers
    /// whole counts 1, each one it covers in part its share by <paramref name="method"/>. Above 1 when the range spans
    /// several periods, as Kill Bill's in-arrear intervals do (whole periods plus the leading and trailing prorations).
    /// </summary>
    /// <param name="covered">The range charged, any length.</param>
    /// <param name="cycle">The cycle whose periods the full price is for.</param>
    /// <param name="method">Whether to measure the partial periods by days, by months or in 30-day months.</param>
    /// <returns>The number of periods, as an exact fraction.</returns>
    /// <exception cref="ArgumentException"><paramref name="cycle"/> is <c>default</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is undefined, or the range spans so many periods that the fraction's terms pass <see cref="ProrationFactor.MaxTerm"/>.</exception>
    public static ProrationFactor Factor(BillingPeriod covered, BillingCycle cycle, ProrationMethod method)
    {
        Preconditions.CheckArgument(cycle.Interval.Count > 0, nameof(cycle), "The cycle is default: make it with BillingCycle's constructor or StartingOn.");
        Preconditions.CheckDefined(method);
        var (numerator, denominator) = (BigInteger.Zero, BigInteger.One);
        foreach (var period in cycle.PeriodsOverlapping(covered))
        {
            var share = Factor(period.Intersect(covered)!.Value, period, method);
            (numerator, denominator) = ((numerator * share.Denominator) + (share.Numerator * denominator), denominator * share.Denominator);
            var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
            (numerator, denominator) = (numerator / divisor, denominator / divisor);
        }

        return numerator > ProrationFactor.MaxTerm || denominator > ProrationFactor.MaxTerm
            ? throw new ArgumentOutOfRangeException(nameof(covered), covered, "The range spans too many periods for an exact factor.")
            : new ProrationFactor((long)numerator, (long)denominator);
    }

    /// <summary>
    /// Returns the share of <paramref name="full"/> that <paramref name="covered"/> makes up, by the second, as Stripe
    /// prorates: the seconds covered over the seconds of the period ("calculated down to the second", using the current
    /// billing period's start and end times).
    /// </summary>
    /// <param name="covered">The part of the period that is charged or credited, such as from a change to the period's end.</param>
    /// <param name="full">The whole billing period the full price is for, at least one second long.</param>
    /// <returns>
    /// covered / full in whole seconds, as an exact fraction; exactly 1 when they are the same. Each instant counts to
    /// the whole second at or before it, as Stripe's Unix timestamps do (its own example takes the proration date as
    /// <c>Math.floor(Date.now() / 1000)</c>).
    /// </returns>
    /// <exception cref="ArgumentException">An interval is unbounded, <paramref name="full"/> is shorter than a second, or <paramref name="covered"/> is not within <paramref name="full"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="full"/> is longer than <see cref="ProrationFactor.MaxTerm"/> seconds (about 31 years).</exception>
    public static ProrationFactor Factor(Interval covered, Interval full)
    {
        var (start, end) = UnixSeconds(full);
        var (coveredStart, coveredEnd) = UnixSeconds(covered);
        Preconditions.CheckArgument(end > start, nameof(full), $"The period {full} is shorter than a second.");
        Preconditions.CheckArgument(coveredStart >= start && coveredEnd <= end, nameof(covered), $"The covered interval {covered} is not within the period {full}.");
        return end - start > ProrationFactor.MaxTerm
            ? throw new ArgumentOutOfRangeException(nameof(full), full, $"A period by the second is at most {ProrationFactor.MaxTerm:N0} seconds.")
            : new ProrationFactor(coveredEnd - coveredStart, end - start);
    }

    private static (long Start, long End) UnixSeconds(Interval interval, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(interval))] string? paramName = null)
    {
        Preconditions.CheckArgument(interval.HasStart && interval.HasEnd, paramName ?? nameof(interval), $"The interval {interval} is unbounded: prorating needs its start and end.");
        return (interval.Start.ToUnixTimeSeconds(), interval.End.ToUnixTimeSeconds());
    }

    /// <summary>Returns the length of <paramref name="period"/> in months, exactly: seed 001's "Duration: the covered period in months".</summary>
    /// <param name="period">The period.</param>
    /// <returns>
    /// The whole months when the period is whole months (<see cref="BillingPeriod.TryGetWholeMonths(out int)"/>).
    /// Otherwise the whole months counted from the period's start on its day of the month (a start on a
    /// month's last day counts to each month's last day), plus the days left over divided by the days of the
    /// month-long period they fall in: [01-01, 04-01) is 3; [01-31, 02-28) is 1; [01-15, 02-01) is 17/31;
    /// [01-15, 03-10) is 1 + 23/28 in a common year.
    /// </returns>
    public static ProrationFactor DurationInMonths(BillingPeriod period)
    {
        if (period.TryGetWholeMonths(out var wholeMonths))
        {
            return new ProrationFactor(wholeMonths, 1);
        }

        var start = period.Start;
        var billingDay = start.Day == start.Calendar.GetDaysInMonth(start.Year, start.Month) ? 31 : start.Day;
        var months = new BillingCycle(BillingInterval.Monthly, billingDay, start.ToYearMonth());
        var whole = months.IndexOf(period.LastDay); // months 0 .. whole - 1 are covered in full
        var lastStart = months.StartOf(whole);
        var monthDays = Period.DaysBetween(lastStart, months.StartOf(whole + 1));
        var leftDays = Period.DaysBetween(lastStart, period.End);
        return new ProrationFactor(((long)whole * monthDays) + leftDays, monthDays);
    }

    /// <summary>Shares <paramref name="price"/> across back-to-back <paramref name="parts"/> of a period, in whole minor units that sum to it exactly.</summary>
    /// <param name="price">The price of the whole period the parts make up, in whole minor units.</param>
    /// <param name="parts">The parts, in order, each starting where the one before ends.</param>
    /// <param name="method">Whether each part weighs its days or its months.</param>
    /// <returns>One amount per part, in order, in proportion to the parts' lengths; extra minor units go as in <see cref="Money.Allocate(ReadOnlySpan{decimal})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty or has a gap or an overlap.</exception>
    /// <exception cref="AmountNotRoundedException"><paramref name="price"/> has more decimals than its currency: round it first.</exception>
    public static Money[] Split(Money price, IReadOnlyList<BillingPeriod> parts, ProrationMethod method)
    {
        Preconditions.CheckNotNull(parts);
        Preconditions.CheckArgument(parts.Count > 0, nameof(parts), "At least one part is needed.");
        var measures = new ProrationFactor[parts.Count];
        var commonDenominator = 1L;
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0 && parts[i].Start != parts[i - 1].End)
            {
                throw new ArgumentException($"Part {i} {parts[i]} does not start where part {i - 1} {parts[i - 1]} ends.", nameof(parts));
            }

            measures[i] = Measure(parts[i], method);
            // Denominators are 1 or divide a month's length (28 to 31): their least common multiple is at most
            // lcm(28, 29, 30, 31) = 377,580, far from overflowing.
            commonDenominator = commonDenominator / (long)BigInteger.GreatestCommonDivisor(commonDenominator, measures[i].Denominator) * measures[i].Denominator;
        }

        var weights = new BigInteger[parts.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = new BigInteger(measures[i].Numerator) * (commonDenominator / measures[i].Denominator);
        }

        if (weights.All(w => w.IsZero))
        {
            // Only a period that counts as no days (a 31st alone, in 30-day months) has parts that all weigh nothing:
            // its price goes by calendar days.
            return Split(price, parts, ProrationMethod.ActualDays);
        }

        return price.AllocateByWeights(weights);
    }

    // Every month 30 days: 30 per month boundary crossed, plus the difference of the days of the month. Within a month
    // these are the calendar days; across one boundary, the calendar days less (the first month's last day − 30), as
    // Kill Bill's daysBetweenWithFixedDaysInMonth counts them; across more, each month in between counts 30. The count is
    // additive over back-to-back parts and never negative (a 31st counts as the next month's 1st).
    private static long DaysInThirtyDayMonths(BillingPeriod period)
    {
        var (start, end) = (period.Start, period.End);
        var months = ((end.Year - (long)start.Year) * 12) + end.Month - start.Month;
        return (30 * months) + end.Day - start.Day;
    }

    private static ProrationFactor Measure(BillingPeriod period, ProrationMethod method) => method switch
    {
        ProrationMethod.ActualDays => new ProrationFactor(period.Days, 1),
        ProrationMethod.Months => DurationInMonths(period),
        ProrationMethod.ThirtyDayMonths => new ProrationFactor(DaysInThirtyDayMonths(period), 1),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown proration method."),
    };
}
