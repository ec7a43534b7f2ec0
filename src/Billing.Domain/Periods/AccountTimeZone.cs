using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Periods;

/// <summary>
/// The time zone an account is billed in: it turns instants (when a payment or a call happened) into billing
/// days, and billing periods into the instants they span.
/// </summary>
/// <remarks>
/// A billing day starts at the zone's start of day, which is not always midnight (some zones skip midnight
/// on a daylight-saving change) and a day is not always 24 hours long.
/// </remarks>
public sealed class AccountTimeZone
{
    /// <summary>Initializes the billing time zone of an account.</summary>
    /// <param name="zone">The zone, such as <c>DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public AccountTimeZone(DateTimeZone zone)
    {
        Zone = Preconditions.CheckNotNull(zone);
    }

    /// <summary>Gets the time zone that billing days are counted in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Returns the billing day that <paramref name="instant"/> falls on in this zone.</summary>
    /// <param name="instant">A moment, such as when a payment was confirmed.</param>
    /// <returns>The local date of the instant in this zone.</returns>
    public LocalDate BillingDayOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>Returns the instant a billing day starts in this zone.</summary>
    /// <param name="day">The billing day.</param>
    /// <returns>The first instant of the day.</returns>
    public Instant StartOf(LocalDate day) => Zone.AtStartOfDay(day).ToInstant();

    /// <summary>Returns the instants a billing period spans in this zone: from the start of its first day to the start of its end day.</summary>
    /// <param name="period">The period.</param>
    /// <returns>The half-open interval [start, end) of instants.</returns>
    public Interval ToInterval(BillingPeriod period) => new(StartOf(period.Start), StartOf(period.End));

    /// <summary>Returns a value indicating whether <paramref name="instant"/> falls on one of the days of <paramref name="period"/> in this zone.</summary>
    /// <param name="period">The period.</param>
    /// <param name="instant">The moment.</param>
    /// <returns>True when the instant's billing day is in the period.</returns>
    public bool Contains(BillingPeriod period, Instant instant) => period.Contains(BillingDayOf(instant));

    /// <summary>Returns the zone's id.</summary>
    /// <returns>The id, such as <c>Europe/Amsterdam</c>.</returns>
    public override string ToString() => Zone.Id;
}
