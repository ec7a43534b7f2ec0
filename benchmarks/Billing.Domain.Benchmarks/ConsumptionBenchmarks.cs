using BenchmarkDotNet.Attributes;
using Billing.Domain.Consumption;
using Billing.Domain.Ledger;
using Billing.Domain.Rating;
using Billing.Domain.Testing.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Seed 000's hot path in memory: each API call debits the balance, once per request id, within the credit limit.
/// 10,000 calls recorded one after the other through <see cref="ConsumptionService.RecordAsync"/> on the in-memory
/// store, against a hand-written floor (a dictionary of request ids, a list of entries and a balance).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class ConsumptionBenchmarks
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);
    private ConsumptionRecord[] _calls = [];
    private ConsumptionService _service = null!;

    /// <summary>Gets the calls recorded per operation.</summary>
    public static int Calls => Sizes.Quick ? 1_000 : 10_000;

    /// <summary>Rates the calls once.</summary>
    [GlobalSetup]
    public void Setup() =>
        _calls = [.. Enumerable.Range(0, Calls).Select(i => new ConsumptionRecord(
            new UsageRecord($"req-{i}", "acc-1", "key", "gpt-x", 1_000 + i, 200, Start + Duration.FromSeconds(i)), new Money(0.002500m + (i % 7) / 1_000_000m, Usd), "gpt-x-v1"))];

    /// <summary>A fresh store with the account open.</summary>
    [IterationSetup]
    public void FreshStore()
    {
        var store = new InMemoryPrepaidStore();
        var clock = new FakeClock(Start);
        new PrepaidAccountService(store, clock).OpenAsync("acc-1", Usd, new Money(1_000_000m, Usd)).GetAwaiter().GetResult();
        _service = new ConsumptionService(store, clock);
    }

    /// <summary>By hand: a dictionary of request ids, a list of entries, a balance.</summary>
    /// <returns>The balance.</returns>
    [Benchmark(Baseline = true)]
    public decimal HandWritten()
    {
        var seen = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var entries = new List<(string Key, decimal Amount)>();
        var balance = 0m;
        foreach (var call in _calls)
        {
            if (seen.TryAdd(call.RequestId, call.Cost.Amount) && balance - call.Cost.Amount >= -1_000_000m)
            {
                balance -= call.Cost.Amount;
                entries.Add(("consumption:" + call.RequestId, -call.Cost.Amount));
            }
        }

        return balance;
    }

    /// <summary><see cref="ConsumptionService.RecordAsync"/> on the in-memory store, one call after the other.</summary>
    /// <returns>The last outcome.</returns>
    [Benchmark]
    public ConsumptionOutcome RecordAsync()
    {
        var outcome = ConsumptionOutcome.Recorded;
        foreach (var call in _calls)
        {
            outcome = _service.RecordAsync(call).GetAwaiter().GetResult().Outcome;
        }

        return outcome;
    }
}
