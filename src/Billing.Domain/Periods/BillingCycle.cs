using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Periods;

/// <summary>
/// A sequence of back-to-back billing periods of one <see cref="BillingInterval"/>: every N months from a billing
/// day (1 to 31), or every N days or weeks from the first period's start.
/// </summary>
/// <remarks>
/// Period <c>n</c> is computed from the anchor, never from period <c>n − 1</c>: with billing day 31 and a
/// monthly interval the periods start on Jan 31, Feb 28 (29 in a leap year), Mar 31, Apr 30..., so a short
/// month never drags the billing day down for good. A billing day past the end of a month falls on its last
/// day. Day and week intervals ignore the calendar: 30 days from Jan 31 is Mar 2. Period 0 starts at the anchor;
/// negative indexes are the periods before it.
/// </remarks>
public readonly struct BillingCycle : IEquatable<BillingCycle>
{
    private readonly LocalDate _anchor;   // the start of period 0 of a day or week interval; default for months

    /// <summary>Initializes a cycle of months that start on a billing day.</summary>
    /// <param name="interval">How long a period is: a month interval.</param>
    /// <param name="billingDay">The day of the month periods start on, 1 to 31.</param>
    /// <param name="anchorMonth">The month period 0 starts in.</param>
    /// <exception cref="ArgumentException"><paramref name="interval"/> counts days or weeks (use <see cref="StartingOn"/>) or is <c>default</c>, or <paramref name="anchorMonth"/> is not in the ISO calendar.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="billingDay"/> is outside 1 to 31.</exception>
    public BillingCycle(BillingInterval interval, int billingDay, YearMonth anchorMonth)
    {
        Preconditions.CheckArgument(interval.IsMonthly, nameof(interval), $"A cycle of {interval} starts on a date, not a billing day: use StartingOn.");   // default is 0 days
        Preconditions.CheckArgument(anchorMonth.Calendar == CalendarSystem.Iso, nameof(anchorMonth), "Billing cycles use the ISO calendar.");
        Interval = interval;
        BillingDay = Preconditions.CheckRange(billingDay, 1, 31);
        AnchorMonth = anchorMonth;
    }

    private BillingCycle(BillingInterval interval, LocalDate anchor)
    {
        Interval = interval;
        BillingDay = anchor.Day;
        AnchorMonth = anchor.ToYearMonth();
        _anchor = anchor;
    }

    /// <summary>Gets how long each period is.</summary>
    public BillingInterval Interval { get; }

    /// <summary>Gets the day of the month periods of a month interval start on, 1 to 31; for days and weeks, the first period's day.</summary>
    public int BillingDay { get; }

    /// <summary>Gets the month period 0 starts in.</summary>
    public YearMonth AnchorMonth { get; }

    /// <summary>Returns the cycle whose period 0 starts on <paramref name="firstPeriodStart"/>; for months, with that date's day as the billing day.</summary>
    /// <param name="firstPeriodStart">The start of period 0.</param>
    /// <param name="interval">How long each period is.</param>
    /// <returns>The cycle.</returns>
    /// <exception cref="ArgumentException"><paramref name="interval"/> is <c>default</c>, or the date is not in the ISO calendar.</exception>
    public static BillingCycle StartingOn(LocalDate firstPeriodStart, BillingInterval interval)
    {
        Preconditions.CheckArgument(interval.Count > 0, nameof(interval), "The interval is default: use BillingInterval's factories.");
        Preconditions.CheckArgument(firstPeriodStart.Calendar == CalendarSystem.Iso, nameof(firstPeriodStart), "Billing cycles use the ISO calendar.");
        return interval.IsMonthly
            ? new(interval, firstPeriodStart.Day, firstPeriodStart.ToYearMonth())
            : new(interval, firstPeriodStart);
    }

    /// <summary>Returns the first day of period <paramref name="index"/>.</summary>
    /// <param name="index">The period's index; 0 starts at the anchor, negative indexes come before it.</param>
    /// <returns>For months, the billing day in that period's first month, or that month's last day when it is shorter; for days and weeks, the anchor plus index periods.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period would start outside the years the ISO calendar holds.</exception>
    public LocalDate StartOf(int index)
    {
        if (!Interval.IsMonthly)
        {
            var days = (long)index * Interval.Days;
            if (days < Period.DaysBetween(_anchor, LocalDate.MinIsoValue) || days > Period.DaysBetween(_anchor, LocalDate.MaxIsoValue))
            {
                throw OutsideTheCalendar(index);
            }

            return _anchor.PlusDays((int)days);
        }

        var months = (AnchorMonth.Year * 12L) + AnchorMonth.Month - 1 + ((long)index * Interval.Months);
        var year = Math.DivRem(months, 12L, out var monthOfYear) - (monthOfYear < 0 ? 1 : 0);
        if (year < CalendarSystem.Iso.MinYear || year > CalendarSystem.Iso.MaxYear)
        {
            throw OutsideTheCalendar(index);
        }

        var month = new YearMonth((int)year, (int)(monthOfYear < 0 ? monthOfYear + 12 : monthOfYear) + 1);
        var daysInMonth = month.Calendar.GetDaysInMonth(month.Year, month.Month);
        return month.OnDayOfMonth(Math.Min(BillingDay, daysInMonth));
    }

    /// <summary>Returns period <paramref name="index"/>.</summary>
    /// <param name="index">The period's index; 0 starts at the anchor.</param>
    /// <returns>[<see cref="StartOf(int)"/> of index, <see cref="StartOf(int)"/> of index + 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period would start or end outside the years the ISO calendar holds.</exception>
    public BillingPeriod PeriodAt(int index) =>
        new(StartOf(index), StartOf(index + 1));   // StartOf(int.MaxValue) is past the calendar already, so index + 1 never wraps

    /// <summary>Returns the index of the period that holds <paramref name="date"/>.</summary>
    /// <param name="date">A day.</param>
    /// <returns>The index, negative for a day before period 0.</returns>
    public int IndexOf(LocalDate date)
    {
        var steps = Interval.IsMonthly ? ((date.Year - AnchorMonth.Year) * 12) + date.Month - AnchorMonth.Month : Period.DaysBetween(_anchor, date);
        var length = Interval.IsMonthly ? Interval.Months : Interval.Days;

        // The estimate is one period late in two cases: truncated division of steps before the anchor that leave a
        // remainder, and (months) a day before the billing day in a month a period starts in. They never meet (a
        // remainder means no period starts in the date's month), so one step back corrects either.
        var index = steps / length;
        return StartOf(index) > date ? index - 1 : index;
    }

    /// <summary>Returns the period that holds <paramref name="date"/>.</summary>
    /// <param name="date">A day.</param>
    /// <returns>The period with <see cref="BillingPeriod.Start"/> ≤ <paramref name="date"/> &lt; <see cref="BillingPeriod.End"/>.</returns>
    public BillingPeriod PeriodContaining(LocalDate date) => PeriodAt(IndexOf(date));

    /// <summary>Returns the first billing date on or after <paramref name="date"/>: where the first full period after a start mid-period begins (Kill Bill's first billing cycle date).</summary>
    /// <param name="date">A day.</param>
    /// <returns><paramref name="date"/> when a period starts on it, else the start of the next period.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The next period would start outside the years the ISO calendar holds.</exception>
    public LocalDate FirstStartOnOrAfter(LocalDate date)
    {
        var index = IndexOf(date);
        return StartOf(index) == date ? date : StartOf(index + 1);
    }

    /// <summary>Returns every period of the cycle that shares at least one day with <paramref name="range"/>, in order.</summary>
    /// <param name="range">The days to cover.</param>
    /// <returns>The periods, the first holding <paramref name="range"/>'s start and the last its last day.</returns>
    public IReadOnlyList<BillingPeriod> PeriodsOverlapping(BillingPeriod range)
    {
        var first = IndexOf(range.Start);
        var last = IndexOf(range.LastDay);
        var periods = new BillingPeriod[last - first + 1];
        for (var i = 0; i < periods.Length; i++)
        {
            periods[i] = PeriodAt(first + i);
        }

        return periods;
    }

    /// <inheritdoc />
    public bool Equals(BillingCycle other) =>
        Interval == other.Interval && BillingDay == other.BillingDay && AnchorMonth == other.AnchorMonth && _anchor == other._anchor;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BillingCycle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Interval, BillingDay, AnchorMonth, _anchor);

    /// <summary>Returns the cycle as <c>every 1 month on day 31 from 2026-01</c> or <c>every 30 days from 2026-01-31</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        Interval.IsMonthly ? $"every {Interval} on day {BillingDay} from {AnchorMonth:uuuu-MM}" : $"every {Interval} from {_anchor:uuuu-MM-dd}";

    /// <summary>Returns a value indicating whether two cycles are the same.</summary>
    /// <param name="left">The first cycle.</param>
    /// <param name="right">The second cycle.</param>
    /// <returns>True when interval, billing day and anchor are equal.</returns>
    public static bool operator ==(BillingCycle left, BillingCycle right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two cycles differ.</summary>
    /// <param name="left">The first cycle.</param>
    /// <param name="right">The second cycle.</param>
    /// <returns>True when interval, billing day or anchor differ.</returns>
    public static bool operator !=(BillingCycle left, BillingCycle right) => !left.Equals(right);

    private static ArgumentOutOfRangeException OutsideTheCalendar(int index) =>
        new(nameof(index), index, $"Period {index} of this cycle would start outside the years {CalendarSystem.Iso.MinYear} to {CalendarSystem.Iso.MaxYear}.");
}
