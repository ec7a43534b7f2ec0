using Billing.Domain.Testing;

namespace Billing.Domain.Tests.Testing;

public class FakeClockTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public void GetCurrentInstant_StandsStillUntilMoved()
    {
        var clock = new FakeClock(Start);

        Assert.Equal(Start, clock.GetCurrentInstant());
        Assert.Equal(Start, clock.GetCurrentInstant());
    }

    [Fact]
    public void Advance_MovesTheClockOn()
    {
        var clock = new FakeClock(Start);

        clock.Advance(Duration.FromDays(31));

        Assert.Equal(Instant.FromUtc(2026, 2, 1, 0, 0), clock.GetCurrentInstant());
    }

    [Fact]
    public void Reset_SetsTheClock()
    {
        var clock = new FakeClock(Start);

        clock.Reset(Instant.FromUtc(2030, 6, 1, 12, 0));

        Assert.Equal(Instant.FromUtc(2030, 6, 1, 12, 0), clock.GetCurrentInstant());
    }

    [Fact]
    public void AutoAdvance_MovesAfterEachReading()
    {
        var clock = new FakeClock(Start) { AutoAdvance = Duration.FromSeconds(1) };

        Assert.Equal(Start, clock.GetCurrentInstant());
        Assert.Equal(Start + Duration.FromSeconds(1), clock.GetCurrentInstant());
    }

    [Fact]
    public void StartingAt_IsMidnightUtc() =>
        Assert.Equal(Start, FakeClock.StartingAt(new LocalDate(2026, 1, 1)).GetCurrentInstant());

    [Fact]
    public void GetCurrentInstant_FromManyThreads_GivesEveryReadingOnce()
    {
        var clock = new FakeClock(Start) { AutoAdvance = Duration.FromTicks(1) };

        var readings = new Instant[10_000];
        Parallel.For(0, readings.Length, i => readings[i] = clock.GetCurrentInstant());

        Assert.Equal(readings.Length, readings.Distinct().Count());
    }
}
