using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Periods;

/// <summary>
/// A half-open range of billing days, [<see cref="Start"/>, <see cref="End"/>): it holds its start day and
/// every day up to, but not including, its end day.
/// </summary>
/// <remarks>
/// Half-open periods chain without gaps or overlaps: a monthly period [2026-01-01, 2026-02-01) is followed
/// by [2026-02-01, 2026-03-01). A period holds at least one day. Dates are in the ISO calendar.
/// <c>default(BillingPeriod)</c> is not a valid period (its start equals its end); use the constructor.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.BillingPeriodJsonConverter))]
public readonly struct BillingPeriod : IEquatable<BillingPeriod>
{
    /// <summary>Initializes a period from its first day to its exclusive end day.</summary>
    /// <param name="start">The first day of the period.</param>
    /// <param name="end">The day after the last day of the period; later than <paramref name="start"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>, or a date is not in the ISO calendar.</exception>
    public BillingPeriod(LocalDate start, LocalDate end)
    {
        Preconditions.CheckArgument(start.Calendar == CalendarSystem.Iso, nameof(start), "Billing periods use the ISO calendar.");
        Preconditions.CheckArgument(end.Calendar == CalendarSystem.Iso, nameof(end), "Billing periods use the ISO calendar.");
        Preconditions.CheckArgument(end > start, nameof(end), $"The end {end:uuuu-MM-dd} must be after the start {start:uuuu-MM-dd}: a period holds at least one day.");
        Start = start;
        End = end;
    }

    /// <summary>Gets the first day of the period (inclusive).</summary>
    public LocalDate Start { get; }

    /// <summary>Gets the day after the last day of the period (exclusive).</summary>
    public LocalDate End { get; }

    /// <summary>Gets the last day of the period (inclusive), the day before <see cref="End"/>.</summary>
    public LocalDate LastDay => End.PlusDays(-1);

    /// <summary>Gets the number of days in the period.</summary>
    public int Days => Period.DaysBetween(Start, End);

    /// <summary>Returns the period of the whole calendar month <paramref name="month"/>.</summary>
    /// <param name="month">The year and month.</param>
    /// <returns>[first day of the month, first day of the next month).</returns>
    public static BillingPeriod OfMonth(YearMonth month) => new(month.OnDayOfMonth(1), month.PlusMonths(1).OnDayOfMonth(1));

    /// <summary>Returns a value indicating whether <paramref name="date"/> is one of the period's days.</summary>
    /// <param name="date">The day.</param>
    /// <returns>True when <see cref="Start"/> ≤ <paramref name="date"/> &lt; <see cref="End"/>.</returns>
    public bool Contains(LocalDate date) => date >= Start && date < End;

    /// <summary>Returns a value indicating whether every day of <paramref name="other"/> is in this period.</summary>
    /// <param name="other">The other period.</param>
    /// <returns>True when <paramref name="other"/> lies within this period.</returns>
    public bool Contains(BillingPeriod other) => other.Start >= Start && other.End <= End;

    /// <summary>Returns a value indicating whether the two periods share at least one day.</summary>
    /// <param name="other">The other period.</param>
    /// <returns>True when they overlap; periods that only touch ([a, b) and [b, c)) do not.</returns>
    public bool Overlaps(BillingPeriod other) => Start < other.End && other.Start < End;

    /// <summary>Returns the days the two periods share.</summary>
    /// <param name="other">The other period.</param>
    /// <returns>The common period, or null when they do not overlap.</returns>
    public BillingPeriod? Intersect(BillingPeriod other) =>
        Overlaps(other) ? new BillingPeriod(Max(Start, other.Start), Min(End, other.End)) : null;

    /// <summary>Returns the number of whole months the period spans, when it is whole months as a billing cycle counts them.</summary>
    /// <param name="months">The number of whole months when the method returns true; otherwise 0.</param>
    /// <returns>
    /// True when the period runs from a billing day to the same billing day some months later, where a billing
    /// day past the end of a short month falls on its last day: [01-15, 03-15), [01-31, 02-28) and
    /// [02-28, 03-31) (billing day 31) are whole months; [01-15, 02-20) is not.
    /// </returns>
    public bool TryGetWholeMonths(out int months)
    {
        months = 0;
        var monthSpan = ((End.Year - Start.Year) * 12) + End.Month - Start.Month;
        // Stryker disable once Equality : within one month no clause below can hold, so going on also answers false (equivalent).
        if (monthSpan <= 0)
        {
            return false;
        }

        var startIsMonthEnd = Start.Day == Start.Calendar.GetDaysInMonth(Start.Year, Start.Month);
        var endIsMonthEnd = End.Day == End.Calendar.GetDaysInMonth(End.Year, End.Month);
        // Stryker disable once Equality : equal days already hold by the first clause, so < and <=, > and >= answer alike (equivalent).
        var sameBillingDay = Start.Day == End.Day
            || (Start.Day < End.Day && startIsMonthEnd)
            || (Start.Day > End.Day && endIsMonthEnd);
        if (sameBillingDay)
        {
            months = monthSpan;
        }

        return sameBillingDay;
    }

    /// <inheritdoc />
    public bool Equals(BillingPeriod other) => Start == other.Start && End == other.End;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BillingPeriod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <summary>Returns the period as <c>[2026-01-01, 2026-02-01)</c>.</summary>
    /// <returns>The half-open range in ISO dates.</returns>
    public override string ToString() => $"[{Start:uuuu-MM-dd}, {End:uuuu-MM-dd})";

    /// <summary>Returns a value indicating whether two periods are the same.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns>True when start and end are equal.</returns>
    public static bool operator ==(BillingPeriod left, BillingPeriod right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two periods differ.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns>True when start or end differ.</returns>
    public static bool operator !=(BillingPeriod left, BillingPeriod right) => !left.Equals(right);

    // Stryker disable once Equality : of two equal dates either is the answer (equivalent).
    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;

    // Stryker disable once Equality : of two equal dates either is the answer (equivalent).
    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;
}
