using BenchmarkDotNet.Attributes;
using Billing.Domain;
using Billing.Domain.Periods;
using Billing.Domain.Rating;
using NodaTime;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Rating 1,000,000 calls with a versioned token price book and rolling them up per account, day, model and
/// token. Baseline: the hand-written LINQ version (price lookup with First, GroupBy on an anonymous key).
/// </summary>
[MemoryDiagnoser]
public class UsageRatingBenchmarks
{
    private static readonly string[] Models = ["gpt-x", "gpt-x-mini", "embed-3", "vision-2"];
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    private UsageRecord[] _usage = [];
    private UsageRater _rater = null!;
    private NaivePrice[] _naivePrices = [];
    private AccountTimeZone _utc = null!;
    private UsageEvent[] _events = [];
    private DenseUsageRater _dense = null!;
    private DenseDailyUsage[] _rows = [];

    /// <summary>Gets or sets the number of accounts the calls spread over.</summary>
    [ParamsSource(nameof(AccountCounts))]
    public int Accounts { get; set; }

    /// <summary>Gets the account counts to measure: 1,000, 100,000; the first only in quick mode.</summary>
    public static IEnumerable<int> AccountCounts => Sizes.Of(1_000, 100_000);

    /// <summary>Builds 1,000,000 calls (100,000 in quick mode) over 30 days and the price book.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var usd = Currency.FromCode("USD");
        var book = TokenPriceBook.Empty(usd);
        var naive = new List<NaivePrice>();
        for (var m = 0; m < Models.Length; m++)
        {
            var input = 0.15m * (m + 1);
            book = book.With(new TokenPrice(Models[m], Models[m] + "-2026", new Money(input, usd), new Money(input * 4, usd), new Money(input / 2, usd), Start - Duration.FromDays(365)));
            naive.Add(new NaivePrice { Model = Models[m], Version = Models[m] + "-2026", Input = input, Output = input * 4, Cached = input / 2, From = Start - Duration.FromDays(365) });
        }

        _naivePrices = [.. naive];
        _rater = new UsageRater(book, RoundingPolicy.Commercial.WithScale(8));
        _utc = new AccountTimeZone(DateTimeZone.Utc);
        var random = new Random(11);
        _usage = new UsageRecord[Sizes.UsageCalls];
        _events = new UsageEvent[_usage.Length];
        for (var i = 0; i < _usage.Length; i++)
        {
            var (account, key, model, seconds) = (random.Next(Accounts), random.Next(2), random.Next(Models.Length), random.Next(30 * 24 * 3600));
            var (input, output, cached) = (random.Next(10, 20_000), random.Next(1, 4_000), random.Next(0, 2_000));
            _usage[i] = new UsageRecord($"req-{i}", $"acc-{account}", $"key-{account}-{key}", Models[model], input, output, Start + Duration.FromSeconds(seconds), cached);
            _events[i] = new UsageEvent(account, model, (account * 2) + key, seconds / 86_400, input, output, cached);
        }

        _rows = new DenseDailyUsage[_events.Length];
        _dense = new DenseUsageRater([.. Models.Select(m => book.TryFind(m, Start, out var price) ? price : throw new InvalidOperationException(m))], RoundingPolicy.Commercial.WithScale(8));
    }

    /// <summary>What a team writes by hand: LINQ rating with a First lookup, then GroupBy on an anonymous key.</summary>
    [Benchmark(Baseline = true)]
    public int NaiveLinq() =>
        _usage
            .Select(u =>
            {
                var price = _naivePrices.First(p => p.Model == u.Model && p.From <= u.OccurredAt);
                var cost = Math.Round(((u.InputTokens * price.Input) + (u.OutputTokens * price.Output) + (u.CachedInputTokens * price.Cached)) / 1_000_000m, 8, MidpointRounding.AwayFromZero);
                return new { u.AccountId, u.Model, u.TokenName, Day = u.OccurredAt.InUtc().Date, u.InputTokens, u.OutputTokens, Cost = cost };
            })
            .GroupBy(r => new { r.AccountId, r.Model, r.TokenName, r.Day })
            .Select(g => new { g.Key, Calls = g.Count(), Input = g.Sum(r => r.InputTokens), Output = g.Sum(r => r.OutputTokens), Cost = g.Sum(r => r.Cost) })
            .ToList()
            .Count;

    /// <summary>Billing.Domain: UsageRater.RateAndRollUpDaily, one pass, nothing allocated per call.</summary>
    [Benchmark]
    public int Engine() => _rater.RateAndRollUpDaily(_usage, _ => _utc).Count;

    /// <summary>Billing.Domain, the columnar path: DenseUsageRater.RollUp over the same calls as interned ids and day numbers.</summary>
    [Benchmark]
    public int EngineDense() => _dense.RollUp(_events).Length;

    /// <summary>Billing.Domain, the columnar path into a buffer the billing run reuses: DenseUsageRater.RollUp(events, destination).</summary>
    [Benchmark]
    public int EngineDenseIntoBuffer() => _dense.RollUp(_events, _rows);

    /// <summary>Billing.Domain, the record path: UsageRater.Rate for every call (a ConsumptionRecord each), then RollUpDaily.</summary>
    [Benchmark]
    public int EngineWithRecords()
    {
        var consumption = new ConsumptionRecord[_usage.Length];
        for (var i = 0; i < _usage.Length; i++)
        {
            consumption[i] = _rater.Rate(_usage[i]);
        }

        return _rater.RollUpDaily(consumption, _ => _utc).Count;
    }

    /// <summary>A price version as a hand-written class.</summary>
    public sealed class NaivePrice
    {
        /// <summary>Gets or sets the model.</summary>
        public string Model { get; set; } = "";

        /// <summary>Gets or sets the version.</summary>
        public string Version { get; set; } = "";

        /// <summary>Gets or sets the input price per million.</summary>
        public decimal Input { get; set; }

        /// <summary>Gets or sets the output price per million.</summary>
        public decimal Output { get; set; }

        /// <summary>Gets or sets the cached input price per million.</summary>
        public decimal Cached { get; set; }

        /// <summary>Gets or sets the start.</summary>
        public Instant From { get; set; }
    }
}
