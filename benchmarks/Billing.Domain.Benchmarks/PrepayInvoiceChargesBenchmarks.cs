using BenchmarkDotNet.Attributes;
using Billing.Domain;
using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using NodaTime;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// The charges of one account's Prepay invoice for a month: 100 subscriptions (prorated recurring fees with a
/// discount and VAT) and 10,000 consumption records rated and rolled up into a usage line, as one EN 16931
/// document. Baseline: the same by hand with classes and LINQ.
/// </summary>
[MemoryDiagnoser]
public class PrepayInvoiceChargesBenchmarks
{
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));

    private readonly Currency _usd = Currency.FromCode("USD");
    private readonly TaxRate _vat = new("VAT 21%", 21m);
    private ChargeSpec[] _subscriptions = [];
    private UsageRecord[] _usage = [];
    private UsageRater _rater = null!;
    private (decimal Price, int Day, decimal Discount)[] _naiveSubscriptions = [];

    /// <summary>Builds the account's subscriptions and calls.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _naiveSubscriptions = [.. Enumerable.Range(0, 100).Select(_ => (random.Next(500, 50_000) / 100m, random.Next(1, 28), random.Next(0, 3) * 5m))];
        _subscriptions = [.. _naiveSubscriptions.Select((s, i) =>
            ChargeSpec.For($"Subscription {i}", 1m, new RecurringFee(new Money(s.Price, _usd)))
                .ProratedOver(new BillingPeriod(new LocalDate(2026, 3, s.Day), March.End), March, ProrationMethod.ActualDays) with
            {
                Discounts = [Discount.Percent(s.Discount)],
                Taxes = [_vat],
            })];
        var start = Instant.FromUtc(2026, 3, 1, 0, 0);
        _rater = new UsageRater(
            TokenPriceBook.Empty(_usd).With(new TokenPrice("gpt-x", "v1", new Money(2.5m, _usd), new Money(10m, _usd), new Money(1.25m, _usd), start - Duration.FromDays(30))),
            RoundingPolicy.Commercial.WithScale(6));
        _usage = [.. Enumerable.Range(0, 10_000).Select(i => new UsageRecord($"r{i}", "acc-1", "key", "gpt-x", random.Next(10, 5_000), random.Next(1, 2_000), start + Duration.FromMinutes(i * 4)))];
    }

    /// <summary>By hand: LINQ over tuples, decimal math, Math.Round per line, tax per line.</summary>
    [Benchmark(Baseline = true)]
    public decimal NaiveLinq()
    {
        var lines = _naiveSubscriptions
            .Select(s => s.Price * (March.Days - s.Day + 1) / March.Days)
            .Select((prorated, i) => Math.Round(prorated * (1 - (_naiveSubscriptions[i].Discount / 100m)), 2, MidpointRounding.AwayFromZero))
            .ToList();
        var usage = Math.Round(
            _usage.Select(u => Math.Round(((u.InputTokens * 2.5m) + (u.OutputTokens * 10m)) / 1_000_000m, 6, MidpointRounding.AwayFromZero))
                .GroupBy(_ => "gpt-x")
                .Sum(g => g.Sum()),
            2,
            MidpointRounding.AwayFromZero);
        lines.Add(usage);
        return lines.Sum(net => net + Math.Round(net * 0.21m, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>Billing.Domain: rate and roll up the calls, then one document with EN 16931 tax.</summary>
    [Benchmark]
    public Money Engine()
    {
        var consumption = new ConsumptionRecord[_usage.Length];
        for (var i = 0; i < _usage.Length; i++)
        {
            consumption[i] = _rater.Rate(_usage[i]);
        }

        var usageCost = Money.Sum(consumption.Select(c => c.Cost), _usd);
        var specs = new List<ChargeSpec>(_subscriptions)
        {
            ChargeSpec.For("Tokens", 1m, new PerUnitPrice(usageCost)) with { IsPayAsYouGoExternal = true, Taxes = [_vat] },
        };
        return new ChargeEngine(ChargePolicy.En16931).CalculateDocument(specs).Total;
    }
}
