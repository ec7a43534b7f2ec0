using NodaTime;
using NodaTime.Testing;

namespace Billing.Domain.Testing;

/// <summary>Helpers for NodaTime.Testing's <see cref="FakeClock"/>, the clock tests of a billing host hand to the library.</summary>
public static class FakeClocks
{
    /// <summary>Returns a clock that shows midnight UTC at the start of <paramref name="date"/>.</summary>
    /// <param name="date">The date to start on.</param>
    /// <param name="autoAdvance">How far the clock moves on after each reading; it stands still when null.</param>
    /// <returns>The clock.</returns>
    public static FakeClock StartingAt(LocalDate date, Duration? autoAdvance = null) =>
        new(date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), autoAdvance ?? Duration.Zero);
}
