using BenchmarkDotNet.Attributes;
using Billing.Domain;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Splits an amount into parts and allocates it by ratios, never losing a cent. Baseline: the hand-written
/// version (a class per share, string currency, LINQ, the remainder handed out in a loop).
/// </summary>
[MemoryDiagnoser]
public class MoneyAllocationBenchmarks
{
    private static readonly decimal[] Ratios = [50m, 30m, 15m, 5m];

    private readonly Money _amount = new(1_000_000.07m, Currency.FromCode("USD"));
    private readonly NaiveMoney _naiveAmount = new(1_000_000.07m, "USD");

    /// <summary>Splits 1,000,000.07 USD into 7 parts the way a team writes it by hand.</summary>
    [Benchmark(Baseline = true)]
    public NaiveMoney[] NaiveSplit() => NaiveMoney.Split(_naiveAmount, 7);

    /// <summary>Billing.Domain: Money.Split.</summary>
    [Benchmark]
    public Money[] Split() => _amount.Split(7);

    /// <summary>Billing.Domain: Money.Allocate by 50:30:15:5 (exact largest remainder).</summary>
    [Benchmark]
    public Money[] AllocateByRatios() => _amount.Allocate(Ratios);
}
