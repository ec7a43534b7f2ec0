using NodaTime;

namespace Billing.Domain.Testing;

/// <summary>
/// A clock for tests that shows the instant it is set to, and moves only when told to.
/// </summary>
/// <remarks>
/// Safe to share between threads. With <see cref="AutoAdvance"/> set, every reading moves the clock on by
/// that much after it is read, so that successive readings differ.
/// </remarks>
public sealed class FakeClock : IClock
{
    private readonly object _gate = new();
    private Instant _now;

    /// <summary>Initializes a clock that shows <paramref name="initial"/>.</summary>
    /// <param name="initial">The instant the clock shows until it is moved.</param>
    public FakeClock(Instant initial)
    {
        _now = initial;
    }

    /// <summary>Gets or sets how far the clock moves on after each reading.</summary>
    /// <value><see cref="Duration.Zero"/> by default: the clock stands still.</value>
    public Duration AutoAdvance { get; set; } = Duration.Zero;

    /// <summary>Returns a clock that shows midnight UTC at the start of <paramref name="date"/>.</summary>
    /// <param name="date">The date to start on.</param>
    /// <returns>The clock.</returns>
    public static FakeClock StartingAt(LocalDate date) => new(date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());

    /// <summary>Returns the instant the clock shows, then moves it on by <see cref="AutoAdvance"/>.</summary>
    /// <returns>The current instant of this clock.</returns>
    public Instant GetCurrentInstant()
    {
        lock (_gate)
        {
            var now = _now;
            _now += AutoAdvance;
            return now;
        }
    }

    /// <summary>Moves the clock on by <paramref name="duration"/>.</summary>
    /// <param name="duration">How far to move; negative moves it back.</param>
    public void Advance(Duration duration)
    {
        lock (_gate)
        {
            _now += duration;
        }
    }

    /// <summary>Sets the clock to <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant the clock shows from now on.</param>
    public void Reset(Instant instant)
    {
        lock (_gate)
        {
            _now = instant;
        }
    }
}
