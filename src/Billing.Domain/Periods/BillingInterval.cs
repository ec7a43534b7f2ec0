using Billing.Domain.Utility;

namespace Billing.Domain.Periods;

/// <summary>The unit a <see cref="BillingInterval"/> counts in.</summary>
public enum BillingIntervalUnit
{
    /// <summary>Days: periods of a fixed number of days, whatever the billing day (Kill Bill's <c>THIRTY_DAYS</c> is 30 of them).</summary>
    Day,

    /// <summary>Weeks of seven days.</summary>
    Week,

    /// <summary>Calendar months: periods start on the billing day, clamped to short months.</summary>
    Month,
}

/// <summary>
/// How long each period of a billing cycle is: N days, N weeks or N months (a year is 12 months). Day and week
/// intervals step a fixed number of days from the first period's start; month intervals step calendar months
/// from the billing day (see <see cref="BillingCycle"/>).
/// </summary>
public readonly record struct BillingInterval
{
    /// <summary>The largest count of any unit: 1,200 (a hundred years of months).</summary>
    public const int MaxCount = 1_200;

    private BillingInterval(BillingIntervalUnit unit, int count)
    {
        Unit = unit;   // the factories pass defined units only
        Count = Preconditions.CheckRange(count, 1, MaxCount);
    }

    /// <summary>Gets one month.</summary>
    public static BillingInterval Monthly { get; } = new(BillingIntervalUnit.Month, 1);

    /// <summary>Gets three months.</summary>
    public static BillingInterval Quarterly { get; } = new(BillingIntervalUnit.Month, 3);

    /// <summary>Gets twelve months: a year, which keeps a Feb 29 billing day (Feb 28 in common years).</summary>
    public static BillingInterval Yearly { get; } = new(BillingIntervalUnit.Month, 12);

    /// <summary>Gets 30 days, whatever the billing day: Kill Bill's <c>THIRTY_DAYS</c> billing period.</summary>
    public static BillingInterval ThirtyDays { get; } = new(BillingIntervalUnit.Day, 30);

    /// <summary>Gets the unit.</summary>
    public BillingIntervalUnit Unit { get; }

    /// <summary>Gets how many units a period lasts, 1 to <see cref="MaxCount"/>.</summary>
    public int Count { get; }

    /// <summary>Gets a value indicating whether periods step calendar months (else a fixed number of days).</summary>
    public bool IsMonthly => Unit == BillingIntervalUnit.Month;

    /// <summary>Gets the months a period lasts, for month intervals.</summary>
    /// <exception cref="InvalidOperationException">The interval counts days or weeks.</exception>
    public int Months => IsMonthly ? Count : throw new InvalidOperationException($"An interval of {this} has no whole months.");

    /// <summary>Gets the days a period lasts, for day and week intervals.</summary>
    /// <exception cref="InvalidOperationException">The interval counts months.</exception>
    public int Days => Unit switch
    {
        BillingIntervalUnit.Day => Count,
        BillingIntervalUnit.Week => Count * 7,
        _ => throw new InvalidOperationException($"An interval of {this} has no fixed number of days."),
    };

    /// <summary>Returns an interval of <paramref name="count"/> days.</summary>
    /// <param name="count">1 to <see cref="MaxCount"/>.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public static BillingInterval OfDays(int count) => new(BillingIntervalUnit.Day, count);

    /// <summary>Returns an interval of <paramref name="count"/> weeks.</summary>
    /// <param name="count">1 to <see cref="MaxCount"/>.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public static BillingInterval OfWeeks(int count) => new(BillingIntervalUnit.Week, count);

    /// <summary>Returns an interval of <paramref name="count"/> months.</summary>
    /// <param name="count">1 to <see cref="MaxCount"/>.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public static BillingInterval OfMonths(int count) => new(BillingIntervalUnit.Month, count);

    /// <summary>Returns the interval as <c>1 month</c>, <c>2 weeks</c> or <c>30 days</c>.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        $"{Count} {Unit switch { BillingIntervalUnit.Day => "day", BillingIntervalUnit.Week => "week", _ => "month" }}{(Count == 1 ? "" : "s")}";
}
