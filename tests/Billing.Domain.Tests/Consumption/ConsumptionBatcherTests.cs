using Billing.Domain.Consumption;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Tests.Prepaid;
using NodaTime.Testing;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Consumption;

public sealed class ConsumptionBatcherTests : IAsyncDisposable
{
    private readonly InterceptingPrepaidStore _store = new(new InMemoryPrepaidStore());
    private readonly ConsumptionBatcher _batcher;

    public ConsumptionBatcherTests()
    {
        _batcher = new ConsumptionBatcher(new ConsumptionService(_store, new FakeClock(Start)));
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    [Fact]
    public async Task CallersArrivingWhileAGroupCommits_GoInOneCommit_EachWithItsOwnOutcome()
    {
        await RecordManyTests.OpenAsync(_store, (5m, 100m));
        var firstCommitStarted = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        _store.Before(_ => true, async () =>
        {
            firstCommitStarted.SetResult();
            await release.Task;
        });

        var first = _batcher.RecordAsync(Call("acc-a", "r-0", 1m));
        await firstCommitStarted.Task;   // the first group is committing: the next callers queue behind it
        var next = Enumerable.Range(1, 9).Select(i => _batcher.RecordAsync(Call("acc-a", $"r-{i}", 1m))).ToList();
        var again = _batcher.RecordAsync(Call("acc-a", "r-1", 1m));   // a retried call, in the same group as its first try
        release.SetResult();
        var results = await Task.WhenAll([first, .. next, again]);

        Assert.Equal(2, _store.Groups);
        Assert.Equal(
            [.. Enumerable.Repeat(ConsumptionOutcome.Recorded, 5), .. Enumerable.Repeat(ConsumptionOutcome.RefusedOverCreditLimit, 5), ConsumptionOutcome.AlreadyRecorded],
            results.Select(r => r.Outcome));
        Assert.Equal(results[1].Debit, results[^1].Debit);
        Assert.Equal(Dollars(-5m), (await _store.FindAccountAsync("acc-a"))!.Balance);   // 5 of credit, call by call
    }

    [Fact]
    public async Task ManyConcurrentCallers_KeepTheLaws()
    {
        await RecordManyTests.OpenAsync(_store, (20m, 7m));

        var calls = Enumerable.Range(0, 400).Select(i => Call(i % 3 == 0 ? "acc-b" : "acc-a", $"r-{i % 150}", 0.5m)).ToList();
        var results = await Task.WhenAll(calls.Select(c => Task.Run(() => _batcher.RecordAsync(c))));

        var recorded = results.Where(r => r.Outcome == ConsumptionOutcome.Recorded).ToList();
        Assert.Equal(recorded.Count, recorded.Select(r => r.Debit!.IdempotencyKey).Distinct().Count());   // each request once
        foreach (var (account, limit) in new[] { ("acc-a", 20m), ("acc-b", 7m) })
        {
            var head = (await _store.FindAccountAsync(account))!;
            var consumption = await _store.QueryConsumptionAsync(new ConsumptionQuery(account) { Page = new PageRequest(1, PageRequest.MaxSize) });
            Assert.True(head.Balance.Amount >= -limit, $"{account} went past its limit: {head.Balance}");
            Assert.Equal(head.Balance, Dollars(-0.5m * consumption.TotalCount));
            Assert.Equal(head.Balance, await _store.BalanceAsOfAsync(account, Instant.MaxValue));
        }

        Assert.True(_store.Groups < calls.Count, "The callers were never grouped.");
    }

    [Fact]
    public async Task ACallRefusedWithAnException_FailsOnlyItsCaller()
    {
        await RecordManyTests.OpenAsync(_store, (5m, 5m));
        var release = new TaskCompletionSource();
        _store.Before(_ => true, () => release.Task);

        var first = _batcher.RecordAsync(Call("acc-a", "r-0", 1m));
        var fine = _batcher.RecordAsync(Call("acc-a", "r-1", 1m));
        var unknown = _batcher.RecordAsync(Call("acc-nobody", "r-2", 1m));
        var reused = _batcher.RecordAsync(Call("acc-a", "r-0", 2m));
        release.SetResult();

        Assert.Equal(ConsumptionOutcome.Recorded, (await first).Outcome);
        Assert.Equal(ConsumptionOutcome.Recorded, (await fine).Outcome);
        await Assert.ThrowsAsync<NotFoundException>(() => unknown);
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => reused);
        Assert.Equal(Dollars(-2m), (await _store.FindAccountAsync("acc-a"))!.Balance);
    }

    [Fact]
    public async Task AFailedCommit_FailsEveryCallOfTheGroup_AndWritesNothing()
    {
        await RecordManyTests.OpenAsync(_store, (5m, 5m));
        var busy = new StorageBusyException("test store", TimeSpan.FromSeconds(1));
        _store.Before(_ => true, () => throw busy);

        var calls = Enumerable.Range(0, 3).Select(i => _batcher.RecordAsync(Call("acc-a", $"r-{i}", 1m))).ToList();

        foreach (var call in calls)
        {
            Assert.Same(busy, await Assert.ThrowsAsync<StorageBusyException>(() => call));
        }

        Assert.Equal(Dollars(0m), (await _store.FindAccountAsync("acc-a"))!.Balance);
        Assert.Equal(ConsumptionOutcome.Recorded, (await _batcher.RecordAsync(Call("acc-a", "r-0", 1m))).Outcome);   // the hook ran once: the next group commits
    }

    [Fact]
    public async Task ACancelledCall_WaitingForItsGroup_IsNotRecorded()
    {
        await RecordManyTests.OpenAsync(_store, (5m, 5m));
        var release = new TaskCompletionSource();
        _store.Before(_ => true, () => release.Task);
        using var cancel = new CancellationTokenSource();

        var first = _batcher.RecordAsync(Call("acc-a", "r-0", 1m));
        var cancelled = _batcher.RecordAsync(Call("acc-a", "r-1", 1m), cancel.Token);
        await cancel.CancelAsync();
        release.SetResult();

        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Null(await _store.FindConsumptionAsync("acc-a", "r-1"));
    }

    [Fact]
    public async Task Disposing_AnswersTheCallsTaken_ThenRefusesNewOnes()
    {
        await RecordManyTests.OpenAsync(_store, (5m, 5m));
        var batcher = new ConsumptionBatcher(new ConsumptionService(_store, new FakeClock(Start)), maxBatchSize: 2);

        var taken = Enumerable.Range(0, 5).Select(i => batcher.RecordAsync(Call("acc-b", $"r-{i}", 1m))).ToList();
        await batcher.DisposeAsync();

        Assert.All(taken, t => Assert.Equal(ConsumptionOutcome.Recorded, t.Result.Outcome));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.RecordAsync(Call("acc-b", "r-9", 1m)));
    }

    [Fact]
    public async Task BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentNullException>("service", () => new ConsumptionBatcher(null!));
        Assert.Throws<ArgumentOutOfRangeException>("maxBatchSize", () => new ConsumptionBatcher(new ConsumptionService(_store, new FakeClock(Start)), 0));
        await Assert.ThrowsAsync<ArgumentNullException>("consumption", () => _batcher.RecordAsync(null!));
        await Assert.ThrowsAsync<Billing.Domain.Pricing.NegativeCostException>(() => _batcher.RecordAsync(Call("acc-a", "r", 1m) with { Cost = Dollars(-1m) }));
    }
}
