using BenchmarkDotNet.Attributes;
using Billing.Domain;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// One account's Prepay invoice for a month: 100 subscriptions (prorated recurring fees with a discount and VAT)
/// and 10,000 consumption records summed into a usage line, as one EN 16931 document. Baseline: the charges by
/// hand with tuples and LINQ.
/// </summary>
[MemoryDiagnoser]
public class PrepayInvoiceBenchmarks
{
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));

    private readonly Currency _usd = Currency.FromCode("USD");
    private readonly TaxRate _vat = new("VAT 21%", 21m);
    private ChargeSpec[] _subscriptions = [];
    private UsageRecord[] _usage = [];
    private UsageRater _rater = null!;
    private (decimal Price, int Day, decimal Discount)[] _naiveSubscriptions = [];
    private InMemoryPrepaidStore _store = null!;
    private PrepayPeriod _period = null!;
    private FakeClock _clock = null!;

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

        // The month as the ledger saw it: every call rated and recorded when it was made.
        _clock = new FakeClock(start);
        _store = new InMemoryPrepaidStore();
        new PrepaidAccountService(_store, _clock).OpenAsync("acc-1", _usd, new Money(1_000_000m, _usd)).GetAwaiter().GetResult();
        var consumption = new ConsumptionService(_store, _clock);
        foreach (var call in _usage)
        {
            consumption.RecordAsync(_rater.Rate(call)).GetAwaiter().GetResult();
        }

        // The subscriptions' charges as the billing run closed them in March, each paid from the balance.
        for (var i = 0; i < _subscriptions.Length; i++)
        {
            BilledSubscriptions.ChargeAsync(_store, "acc-1", $"sub-{i}", _subscriptions[i], March, start + Duration.FromDays(14), new ChargeEngine(ChargePolicy.En16931)).GetAwaiter().GetResult();
        }

        _clock.Advance(Duration.FromDays(40));
        _period = new PrepayPeriod("acc-1", "Account 1", March, new AccountTimeZone(DateTimeZone.Utc), _usd) { UsageTaxes = [_vat] };
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

    /// <summary>Billing.Domain, the charges only: rate the calls, then one document with EN 16931 tax.</summary>
    [Benchmark]
    public Money EngineCharges()
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

    /// <summary>
    /// Billing.Domain, the whole invoice: close the period with <see cref="PrepayInvoicing"/> against the in-memory
    /// stores (read the 100 charges the billing run closed, sum the recorded consumption into a priced usage line,
    /// read the corrections, number and save the invoice).
    /// </summary>
    [Benchmark]
    public Money WholeInvoice()
    {
        var invoicing = new PrepayInvoicing(
            new InMemoryInvoiceStore(_store), _store, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(new NumberSeries("INV", "INV-{seq:000000}")), _clock);
        return invoicing.CloseAsync(_period).GetAwaiter().GetResult().Invoice!.Total;
    }
}
