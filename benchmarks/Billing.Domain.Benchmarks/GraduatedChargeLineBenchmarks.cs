using BenchmarkDotNet.Attributes;
using Billing.Domain;
using Billing.Domain.Charging;
using Billing.Domain.Pricing;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Charge lines priced with graduated tiers (three tiers, two with a flat fee), one percentage discount, one
/// exclusive tax, commercial rounding to cents. Baseline: a class per line and per tier, LINQ over the tiers,
/// string currency codes, a new amount per step. Reference: a raw kernel over scaled integers.
/// </summary>
[MemoryDiagnoser]
public class GraduatedChargeLineBenchmarks
{
    private const decimal DiscountPercent = 10m;

    // Up to 1,000 units at 0.105 plus 2.50 once; up to 50,000.5 at 0.0425; above at 0.000125 plus 1.00 once.
    private static readonly (decimal? UpTo, decimal UnitPrice, decimal FlatFee)[] Tiers = [(1_000m, 0.105m, 2.5m), (50_000.5m, 0.0425m, 0m), (null, 0.000125m, 1m)];

    private NaiveLineItem[] _naive = [];
    private NaiveTier[] _naiveTiers = [];
    private decimal[] _quantities = [];
    private ChargeAmounts[] _results = [];
    private long[] _scaledQuantities = [];
    private long[] _tierBounds = [];
    private long[] _tierPrices = [];
    private long[] _tierFees = [];
    private long[] _netUnits = [];
    private long[] _discountUnits = [];
    private long[] _taxUnits = [];
    private GraduatedPrice _price = null!;
    private ChargeBatch _batch = null!;

    /// <summary>Gets or sets the number of lines.</summary>
    [ParamsSource(nameof(Counts))]
    public int N { get; set; }

    /// <summary>Gets the numbers to measure: 1,000, 1,000,000; the first only in quick mode.</summary>
    public static IEnumerable<int> Counts => Sizes.Of(1_000, 1_000_000);

    /// <summary>Builds the same lines and tiers in each representation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var usd = Currency.FromCode("USD");
        var random = new Random(11);
        _quantities = Enumerable.Range(0, N).Select(_ => random.Next(0, 100_000_000) / 1000m).ToArray();
        _naive = _quantities.Select(q => new NaiveLineItem { Quantity = q, UnitPrice = new NaiveMoney(0m, "USD"), DiscountPercent = DiscountPercent }).ToArray();
        _naiveTiers = Tiers.Select(t => new NaiveTier(t.UpTo, new NaiveMoney(t.UnitPrice, "USD"), new NaiveMoney(t.FlatFee, "USD"))).ToArray();
        _price = new GraduatedPrice(Tiers.Select(t => new PriceTier(t.UpTo, new Money(t.UnitPrice, usd), new Money(t.FlatFee, usd))).ToArray());
        _batch = new ChargeBatch(usd, RoundingPolicy.Commercial, new TaxRate("VAT", 21m));
        _results = new ChargeAmounts[N];
        _scaledQuantities = _quantities.Select(q => (long)(q * 1_000m)).ToArray();
        _tierBounds = Tiers.Select(t => t.UpTo is { } upTo ? (long)(upTo * 1_000m) : long.MaxValue).ToArray();
        _tierPrices = Tiers.Select(t => (long)(t.UnitPrice * 1_000_000m)).ToArray();
        _tierFees = Tiers.Select(t => (long)(t.FlatFee * 1_000_000_000m)).ToArray();
        _netUnits = new long[N];
        _discountUnits = new long[N];
        _taxUnits = new long[N];
    }

    /// <summary>What a team writes by hand: LINQ over tier objects per line, a new amount per step.</summary>
    [Benchmark(Baseline = true)]
    public decimal NaiveClassesAndLinq() =>
        _naive
            .Where(line => line.UnitPrice.Currency == "USD")
            .Select(line => line.Price(
                _naiveTiers
                    .Select((tier, index) => (Tier: tier, From: index == 0 ? 0m : _naiveTiers[index - 1].UpTo!.Value))
                    .Where(tier => line.Quantity > tier.From)
                    .Select(tier => tier.Tier.UnitPrice.Times(Math.Min(tier.Tier.UpTo ?? decimal.MaxValue, line.Quantity) - tier.From).Add(tier.Tier.FlatFee))
                    .Aggregate(new NaiveMoney(0m, "USD"), (total, amount) => total.Add(amount)),
                21m))
            .ToList()
            .Sum(result => result.Net.Add(result.Tax).Amount);

    /// <summary>Billing.Domain: ChargeBatch.Graduated, decimals in, amounts out, into a caller's span.</summary>
    [Benchmark]
    public decimal Engine()
    {
        _batch.Graduated(_price, _quantities, DiscountPercent, _results);
        return _results[^1].Amount;
    }

    /// <summary>Billing.Domain: ChargeBatch.GraduatedScaled over the same scaled quantities the kernel reads.</summary>
    [Benchmark]
    public long EngineScaled()
    {
        _batch.GraduatedScaled(_price, _scaledQuantities, (long)(DiscountPercent * 10_000m), _netUnits, _discountUnits, _taxUnits);
        return _netUnits[^1] + _taxUnits[^1];
    }

    /// <summary>The floor: scaled integers in and out, Int128 arithmetic, the tiers as arrays, half away from zero.</summary>
    [Benchmark]
    public long ScaledIntegerKernel()
    {
        for (var i = 0; i < _scaledQuantities.Length; i++)
        {
            var quantity = _scaledQuantities[i];
            Int128 subtotal = 0;                                                             // scale 9
            var below = 0L;
            for (var t = 0; t < _tierBounds.Length && quantity > below; t++)
            {
                subtotal += ((Int128)(Math.Min(_tierBounds[t], quantity) - below) * _tierPrices[t]) + _tierFees[t];
                below = _tierBounds[t];
            }

            var net = (long)(((subtotal * 900_000) + 5_000_000_000_000) / 10_000_000_000_000);   // 10 % off; scale 15 -> 2
            _netUnits[i] = net;
            _taxUnits[i] = ((net * 210_000) + 500_000) / 1_000_000;
        }

        return _netUnits[^1] + _taxUnits[^1];
    }
}
