using BenchmarkDotNet.Attributes;
using Billing.Domain;
using Billing.Domain.Charging;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Charge lines: quantity × unit price, a percentage discount, one exclusive tax, commercial rounding to cents.
/// Baseline: a class per line, LINQ and string currency codes, a new amount object for every step (as the issue's
/// reference measured it: about 280 B per line). References: a leaner hand-written version (decimals in a class, one
/// result object per line), a plain decimal loop over arrays, and a raw kernel over arrays of scaled integers (the
/// floor of what the hardware does).
/// </summary>
[MemoryDiagnoser]
public class ChargeLineBenchmarks
{
    private ChargeLineInput[] _lines = [];
    private ChargeAmounts[] _results = [];
    private NaiveLineItem[] _naive = [];
    private decimal[] _quantities = [];
    private decimal[] _prices = [];
    private decimal[] _discounts = [];
    private decimal[] _nets = [];
    private decimal[] _taxes = [];
    private long[] _scaledQuantities = [];
    private long[] _scaledPrices = [];
    private long[] _scaledDiscounts = [];
    private long[] _netUnits = [];
    private long[] _taxUnits = [];
    private long[] _discountUnits = [];
    private ChargeBatch _batch = null!;

    /// <summary>Gets or sets the number of lines.</summary>
    [ParamsSource(nameof(Counts))]
    public int N { get; set; }

    /// <summary>Gets the numbers to measure: 1,000, 1,000,000; the first only in quick mode.</summary>
    public static IEnumerable<int> Counts => Sizes.Of(1_000, 1_000_000);

    /// <summary>Builds the same lines in each representation.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _lines = Enumerable.Range(0, N)
            .Select(_ => new ChargeLineInput(random.Next(0, 100_000) / 1000m, random.Next(1, 5_000_000) / 10_000m, random.Next(0, 4) * 5m))
            .ToArray();
        _results = new ChargeAmounts[N];
        _naive = _lines.Select(l => new NaiveLineItem { Quantity = l.Quantity, UnitPrice = new NaiveMoney(l.UnitPrice, "USD"), DiscountPercent = l.DiscountPercent }).ToArray();
        _quantities = _lines.Select(l => l.Quantity).ToArray();
        _prices = _lines.Select(l => l.UnitPrice).ToArray();
        _discounts = _lines.Select(l => l.DiscountPercent).ToArray();
        _nets = new decimal[N];
        _taxes = new decimal[N];
        _scaledQuantities = _lines.Select(l => (long)(l.Quantity * 1_000m)).ToArray();
        _scaledPrices = _lines.Select(l => (long)(l.UnitPrice * 1_000_000m)).ToArray();
        _scaledDiscounts = _lines.Select(l => (long)(l.DiscountPercent * 10_000m)).ToArray();
        _netUnits = new long[N];
        _taxUnits = new long[N];
        _discountUnits = new long[N];
        _batch = new ChargeBatch(Currency.FromCode("USD"), RoundingPolicy.Commercial, new TaxRate("VAT", 21m));
    }

    /// <summary>What a team writes by hand: a class per line, LINQ, string currencies, a new amount per step and a result object per line.</summary>
    [Benchmark(Baseline = true)]
    public decimal NaiveClassesAndLinq() =>
        _naive
            .Where(line => line.UnitPrice.Currency == "USD")
            .Select(line => line.Price(line.UnitPrice.Times(line.Quantity), 21m))
            .ToList()
            .Sum(result => result.Net.Add(result.Tax).Amount);

    /// <summary>A leaner hand-written version: the same LINQ, decimal arithmetic, one result object per line.</summary>
    [Benchmark]
    public decimal NaiveDecimalsAndLinq() =>
        _naive
            .Where(line => line.UnitPrice.Currency == "USD")
            .Select(line =>
            {
                var gross = line.Quantity * line.UnitPrice.Amount;
                var net = Math.Round(gross - (gross * line.DiscountPercent / 100m), 2, MidpointRounding.AwayFromZero);
                return new NaiveLineAmounts { Net = net, Tax = Math.Round(net * 0.21m, 2, MidpointRounding.AwayFromZero), Currency = line.UnitPrice.Currency };
            })
            .ToList()
            .Sum(result => result.Net + result.Tax);

    /// <summary>Billing.Domain: ChargeBatch.PerUnit into a caller's span.</summary>
    [Benchmark]
    public decimal Engine()
    {
        _batch.PerUnit(_lines, _results);
        return _results[^1].Amount;
    }

    /// <summary>Billing.Domain: ChargeBatch.PerUnitScaled over the same scaled-integer columns the kernel reads.</summary>
    [Benchmark]
    public long EngineScaled()
    {
        _batch.PerUnitScaled(_scaledQuantities, _scaledPrices, _scaledDiscounts, _netUnits, _discountUnits, _taxUnits);
        return _netUnits[^1] + _taxUnits[^1];
    }

    /// <summary>A plain decimal loop over arrays, no currency, no checks.</summary>
    [Benchmark]
    public decimal DecimalLoop()
    {
        for (var i = 0; i < _quantities.Length; i++)
        {
            var gross = _quantities[i] * _prices[i];
            var net = decimal.Round(gross - (gross * _discounts[i] / 100m), 2, MidpointRounding.AwayFromZero);
            _nets[i] = net;
            _taxes[i] = decimal.Round(net * 0.21m, 2, MidpointRounding.AwayFromZero);
        }

        return _nets[^1] + _taxes[^1];
    }

    /// <summary>The floor: scaled integers in, scaled integers out, Int128 arithmetic, half away from zero.</summary>
    [Benchmark]
    public long ScaledIntegerKernel()
    {
        for (var i = 0; i < _scaledQuantities.Length; i++)
        {
            var gross = (Int128)_scaledQuantities[i] * _scaledPrices[i];                 // scale 9
            var net = (long)(((gross * (1_000_000 - _scaledDiscounts[i])) + 5_000_000_000_000) / 10_000_000_000_000); // scale 15 -> 2
            _netUnits[i] = net;
            _taxUnits[i] = ((net * 210_000) + 500_000) / 1_000_000;                      // 21 % at scale 4 of a percentage
        }

        return _netUnits[^1] + _taxUnits[^1];
    }
}
