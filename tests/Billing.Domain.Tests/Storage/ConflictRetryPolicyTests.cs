using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Tests.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime.Testing;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Storage;

public sealed class ConflictRetryPolicyTests
{
    private static readonly ConflictRetryPolicy Backoff = new(8, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(300));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1_001, 0, 0)]
    [InlineData(1, -1, 0)]
    [InlineData(1, 10, 5)]
    [InlineData(1, 0, 60_001)]
    public void Constructor_RefusesValuesOutOfRange(int attempts, int baseMs, int maxMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConflictRetryPolicy(attempts, TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromMilliseconds(maxMs)));

    [Fact]
    public void BackoffCap_DoublesFromTheBase_UpToTheMax()
    {
        Assert.Equal(
            [10, 20, 40, 80, 160, 300, 300],
            Enumerable.Range(1, 7).Select(retry => Backoff.BackoffCap(retry).TotalMilliseconds));
    }

    [Fact]
    public void BackoffCap_NeverOverflows_OnTheLastRetryOfTheLongestPolicy()
    {
        var longest = new ConflictRetryPolicy(1_000, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        Assert.Equal(TimeSpan.FromMinutes(1), longest.BackoffCap(999));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void BackoffCap_RefusesARetryThePolicyNeverMakes(int retry) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.BackoffCap(retry));

    [Property(MaxTest = 300)]
    public Property DelayBefore_IsBetweenZeroAndTheCap() =>
        Prop.ForAll(Gen.Choose(1, 7).ToArbitrary(), retry =>
        {
            var delay = Backoff.DelayBefore(retry);
            return delay >= TimeSpan.Zero && delay <= Backoff.BackoffCap(retry);
        });

    [Fact]
    public void DelayBefore_IsJittered_NotAlwaysTheCap()
    {
        var delays = Enumerable.Range(0, 200).Select(_ => Backoff.DelayBefore(5)).ToHashSet();

        Assert.True(delays.Count > 50, $"200 draws gave only {delays.Count} different waits");
        Assert.Contains(delays, d => d < Backoff.BackoffCap(5) / 2);
    }

    [Fact]
    public void Immediate_NeverWaits() =>
        Assert.All(Enumerable.Range(1, 9), retry => Assert.Equal(TimeSpan.Zero, ConflictRetryPolicy.Immediate(10).DelayBefore(retry)));

    [Fact]
    public void Default_RetriesWithBackoff_NotSixtyFourTimesAtOnce()
    {
        Assert.Equal(16, ConflictRetryPolicy.Default.MaxAttempts);
        Assert.True(ConflictRetryPolicy.Default.BaseDelay > TimeSpan.Zero);
        Assert.Equal("16 attempts, backoff 2 ms up to 250 ms", ConflictRetryPolicy.Default.ToString());
    }

    [Fact]
    public async Task AService_ReadsAndDecidesAgain_AfterALostRace_AndLogsTheRetry()
    {
        var (store, losing) = LosingStore.Wrap(new InMemoryPrepaidStore(), losses: 2);
        var logger = new ListLogger();
        var accounts = new PrepaidAccountService(store, new FakeClock(Start), new ConflictRetryPolicy(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)), logger);

        var opened = await accounts.OpenAsync("acc", Usd);

        Assert.Equal("acc", opened.AccountId);
        Assert.Equal(3, losing.Commits);
        Assert.Equal(2, logger.Named("CommandRetried").Count);
        Assert.All(logger.Named("CommandRetried"), m => Assert.StartsWith("account.open lost a race", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AService_LetsTheConflictThrough_AfterMaxAttempts_AndLogsIt()
    {
        var (store, losing) = LosingStore.Wrap(new InMemoryPrepaidStore(), losses: int.MaxValue);
        var logger = new ListLogger();
        var accounts = new PrepaidAccountService(store, new FakeClock(Start), ConflictRetryPolicy.Immediate(4), logger);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => accounts.OpenAsync("acc", Usd));

        Assert.Equal(4, losing.Commits);
        Assert.Equal("account.open lost its race 4 times; the conflict reaches the caller", Assert.Single(logger.Named("ConflictPersisted")));
    }
}
