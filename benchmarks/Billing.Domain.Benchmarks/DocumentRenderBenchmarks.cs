using BenchmarkDotNet.Attributes;
using Billing.Domain.Charging;
using Billing.Domain.Invoices;
using Billing.Domain.Pdf;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using NodaTime;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Rendering one closed Prepay invoice of 100 charge lines (each with its derivation) and 10 corrections: as PDF
/// (fonts subset and embedded, identifiers pinned) against the plain-text renderer as the baseline.
/// </summary>
[MemoryDiagnoser]
public class DocumentRenderBenchmarks
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private readonly PlainTextInvoiceRenderer _text = new();
    private readonly PdfInvoiceRenderer _pdf = new();
    private Invoice _invoice = null!;

    /// <summary>Builds the invoice.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));
        var specs = Enumerable.Range(0, 100).Select(i => ChargeSpec.For($"Subscription {i}: Pro plan, 5 seats", 5m, new RecurringFee(new Money(19.99m + i, Usd))) with
        {
            DurationMonths = 1m,
            Discounts = [Discount.Percent(10m)],
            Taxes = [new TaxRate("VAT", 21m)],
        });
        var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument([.. specs]);
        var closedAt = Instant.FromUtc(2026, 4, 1, 0, 5);
        var corrections = Enumerable.Range(1, 10).Select(i => new InvoiceCorrection(i, $"c{i}", $"Correction {i}", new Money(i % 2 == 0 ? 5m : -2.5m, Usd), closedAt)).ToList();
        _invoice = Invoice.ClosePrepay("prepay-acc-1", "acc-1", "Acme AI Ltd", march, Usd, document, [], corrections, closedAt);
        _ = _pdf.RenderAsync(_invoice).GetAwaiter().GetResult();   // registers the fonts once, as the first render of a process does
    }

    /// <summary>The plain-text document.</summary>
    /// <returns>Its size in bytes.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> PlainText() => (await _text.RenderAsync(_invoice)).Content.Length;

    /// <summary>The PDF document.</summary>
    /// <returns>Its size in bytes.</returns>
    [Benchmark]
    public async Task<int> Pdf() => (await _pdf.RenderAsync(_invoice)).Content.Length;
}
