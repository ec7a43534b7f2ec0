using Billing.Domain.Testing;
using NodaTime.Testing;

namespace Billing.Domain.Tests.Testing;

/// <summary>The helper over NodaTime.Testing's clock, and the one behaviour of that clock the parallel tests of this suite rely on.</summary>
public class FakeClocksTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public void StartingAt_IsMidnightUtc_StandingStillByDefault()
    {
        var clock = FakeClocks.StartingAt(new LocalDate(2026, 1, 1));

        Assert.Equal(Start, clock.GetCurrentInstant());
        Assert.Equal(Start, clock.GetCurrentInstant());
    }

    [Fact]
    public void StartingAt_WithAutoAdvance_MovesAfterEachReading()
    {
        var clock = FakeClocks.StartingAt(new LocalDate(2026, 1, 1), Duration.FromMinutes(1));

        Assert.Equal(Start, clock.GetCurrentInstant());
        Assert.Equal(Start + Duration.FromMinutes(1), clock.GetCurrentInstant());
    }

    [Fact]
    public void GetCurrentInstant_FromManyThreads_GivesEveryReadingOnce()
    {
        var clock = new FakeClock(Start) { AutoAdvance = Duration.FromTicks(1) };

        var readings = new Instant[10_000];
        Parallel.For(0, readings.Length, i => readings[i] = clock.GetCurrentInstant());

        Assert.Equal(readings.Length, readings.Distinct().Count());
    }
}
