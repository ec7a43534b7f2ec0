using BenchmarkDotNet.Attributes;
using Billing.Domain;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Totals N amounts of one currency, checking the currency of each: what every invoice total and ledger
/// balance does. Baseline: the hand-written version (a class per amount, string currency codes, LINQ).
/// </summary>
[MemoryDiagnoser]
public class MoneySumBenchmarks
{
    private NaiveMoney[] _naive = [];
    private Money[] _money = [];
    private decimal[] _raw = [];
    private Currency _usd;

    /// <summary>Gets or sets the number of amounts.</summary>
    [ParamsSource(nameof(Counts))]
    public int N { get; set; }

    /// <summary>Gets the numbers to measure: 1,000, 100,000; the first only in quick mode.</summary>
    public static IEnumerable<int> Counts => Sizes.Of(1_000, 100_000);

    /// <summary>Builds the same amounts in each representation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _usd = Currency.FromCode("USD");
        var random = new Random(42);
        _raw = Enumerable.Range(0, N).Select(_ => random.Next(-1_000_000, 1_000_000) / 100m).ToArray();
        _money = _raw.Select(a => new Money(a, _usd)).ToArray();
        _naive = _raw.Select(a => new NaiveMoney(a, "USD")).ToArray();
    }

    /// <summary>A class per amount, currency as a string, LINQ Aggregate allocating a new amount per step.</summary>
    [Benchmark(Baseline = true)]
    public NaiveMoney NaiveLinq() => _naive.Aggregate(new NaiveMoney(0m, "USD"), (total, next) => total.Add(next));

    /// <summary>Billing.Domain: Money.Sum over readonly structs.</summary>
    [Benchmark]
    public Money MoneySum() => Money.Sum(_money, _usd);

    /// <summary>Money's + operator in a plain loop.</summary>
    [Benchmark]
    public Money MoneyLoop()
    {
        var total = Money.Zero(_usd);
        foreach (var amount in _money)
        {
            total += amount;
        }

        return total;
    }

    /// <summary>The floor: decimals in a loop, no currency at all.</summary>
    [Benchmark]
    public decimal RawDecimalLoop()
    {
        var total = 0m;
        foreach (var amount in _raw)
        {
            total += amount;
        }

        return total;
    }
}
