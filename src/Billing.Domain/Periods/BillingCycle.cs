using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Periods;

/// <summary>
/// A sequence of back-to-back billing periods that start on a billing day (1 to 31) every month, quarter or year.
/// </summary>
/// <remarks>
/// Period <c>n</c> is computed from the anchor, never from period <c>n − 1</c>: with billing day 31 and a
/// monthly frequency the periods start on Jan 31, Feb 28 (29 in a leap year), Mar 31, Apr 30..., so a short
/// month never drags the billing day down for good. A billing day past the end of a month falls on its last
/// day. Period 0 starts in the anchor month; negative indexes are the periods before it.
/// </remarks>
public readonly struct BillingCycle : IEquatable<BillingCycle>
{
    /// <summary>Initializes a cycle.</summary>
    /// <param name="frequency">How often a period starts.</param>
    /// <param name="billingDay">The day of the month periods start on, 1 to 31.</param>
    /// <param name="anchorMonth">The month period 0 starts in.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frequency"/> is undefined, or <paramref name="billingDay"/> is outside 1 to 31.</exception>
    /// <exception cref="ArgumentException"><paramref name="anchorMonth"/> is not in the ISO calendar.</exception>
    public BillingCycle(BillingFrequency frequency, int billingDay, YearMonth anchorMonth)
    {
        if (!Enum.IsDefined(frequency))
        {
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown billing frequency.");
        }

        Preconditions.CheckArgument(anchorMonth.Calendar == CalendarSystem.Iso, nameof(anchorMonth), "Billing cycles use the ISO calendar.");
        Frequency = frequency;
        BillingDay = Preconditions.CheckRange(billingDay, 1, 31);
        AnchorMonth = anchorMonth;
    }

    /// <summary>Gets how often a period starts.</summary>
    public BillingFrequency Frequency { get; }

    /// <summary>Gets the day of the month periods start on, 1 to 31.</summary>
    public int BillingDay { get; }

    /// <summary>Gets the month period 0 starts in.</summary>
    public YearMonth AnchorMonth { get; }

    /// <summary>Returns the cycle whose period 0 starts on <paramref name="firstPeriodStart"/>, with that date's day as the billing day.</summary>
    /// <param name="firstPeriodStart">The start of period 0.</param>
    /// <param name="frequency">How often a period starts.</param>
    /// <returns>The cycle.</returns>
    public static BillingCycle StartingOn(LocalDate firstPeriodStart, BillingFrequency frequency) =>
        new(frequency, firstPeriodStart.Day, firstPeriodStart.ToYearMonth());

    /// <summary>Returns the first day of period <paramref name="index"/>.</summary>
    /// <param name="index">The period's index; 0 starts in the anchor month, negative indexes come before it.</param>
    /// <returns>The billing day in that period's first month, or that month's last day when it is shorter.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period would start outside the years the ISO calendar holds.</exception>
    public LocalDate StartOf(int index)
    {
        var months = (AnchorMonth.Year * 12L) + AnchorMonth.Month - 1 + ((long)index * (int)Frequency);
        var year = Math.DivRem(months, 12L, out var monthOfYear) - (monthOfYear < 0 ? 1 : 0);
        if (year < CalendarSystem.Iso.MinYear || year > CalendarSystem.Iso.MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Period {index} of this cycle would start outside the years {CalendarSystem.Iso.MinYear} to {CalendarSystem.Iso.MaxYear}.");
        }

        var month = new YearMonth((int)year, (int)(monthOfYear < 0 ? monthOfYear + 12 : monthOfYear) + 1);
        var daysInMonth = month.Calendar.GetDaysInMonth(month.Year, month.Month);
        return month.OnDayOfMonth(Math.Min(BillingDay, daysInMonth));
    }

    /// <summary>Returns period <paramref name="index"/>.</summary>
    /// <param name="index">The period's index; 0 starts in the anchor month.</param>
    /// <returns>[<see cref="StartOf(int)"/> of index, <see cref="StartOf(int)"/> of index + 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period would start or end outside the years the ISO calendar holds.</exception>
    public BillingPeriod PeriodAt(int index) =>
        index == int.MaxValue
            ? throw new ArgumentOutOfRangeException(nameof(index), index, "The last period index has no end.")
            : new(StartOf(index), StartOf(index + 1));

    /// <summary>Returns the index of the period that holds <paramref name="date"/>.</summary>
    /// <param name="date">A day.</param>
    /// <returns>The index, negative for a day before period 0.</returns>
    public int IndexOf(LocalDate date)
    {
        var months = ((date.Year - AnchorMonth.Year) * 12) + date.Month - AnchorMonth.Month;
        var length = (int)Frequency;
        var index = (months / length) - (months % length < 0 ? 1 : 0); // floor division
        return StartOf(index) > date ? index - 1 : index;
    }

    /// <summary>Returns the period that holds <paramref name="date"/>.</summary>
    /// <param name="date">A day.</param>
    /// <returns>The period with <see cref="BillingPeriod.Start"/> ≤ <paramref name="date"/> &lt; <see cref="BillingPeriod.End"/>.</returns>
    public BillingPeriod PeriodContaining(LocalDate date) => PeriodAt(IndexOf(date));

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
        Frequency == other.Frequency && BillingDay == other.BillingDay && AnchorMonth == other.AnchorMonth;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BillingCycle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Frequency, BillingDay, AnchorMonth);

    /// <summary>Returns the cycle as <c>Monthly on day 31 from 2026-01</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"{Frequency} on day {BillingDay} from {AnchorMonth:uuuu-MM}";

    /// <summary>Returns a value indicating whether two cycles are the same.</summary>
    /// <param name="left">The first cycle.</param>
    /// <param name="right">The second cycle.</param>
    /// <returns>True when frequency, billing day and anchor month are equal.</returns>
    public static bool operator ==(BillingCycle left, BillingCycle right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two cycles differ.</summary>
    /// <param name="left">The first cycle.</param>
    /// <param name="right">The second cycle.</param>
    /// <returns>True when frequency, billing day or anchor month differ.</returns>
    public static bool operator !=(BillingCycle left, BillingCycle right) => !left.Equals(right);
}
