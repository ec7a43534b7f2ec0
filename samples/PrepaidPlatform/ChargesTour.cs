using System.Globalization;
using Billing.Domain;
using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using NodaTime;

namespace PrepaidPlatform;

/// <summary>Rates a few API calls, then charges a month: a prorated plan, seats, graduated token usage, with taxes per document as EN 16931.</summary>
public static class ChargesTour
{
    /// <summary>Runs the tour, writing the charges table and each line's explanation to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write, such as the console.</param>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var usd = Currency.FromCode("USD");
        Money M(decimal amount) => new(amount, usd);
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));
        var utc = new AccountTimeZone(DateTimeZone.Utc);

        output.WriteLine("== Usage rating");
        var book = TokenPriceBook.Empty(usd)
            .With(new TokenPrice("gpt-x", "gpt-x/2026-01", M(2.50m), M(10m), M(1.25m), Instant.FromUtc(2026, 1, 1, 0, 0)))
            .With(new TokenPrice("mini", "mini/2026-01", M(0.15m), M(0.60m), M(0.075m), Instant.FromUtc(2026, 1, 1, 0, 0)));
        var rater = new UsageRater(book, RoundingPolicy.Commercial.WithScale(6));
        var calls = new[]
        {
            new UsageRecord("req-1", "acc-42", "prod-key", "gpt-x", 1_200, 350, Instant.FromUtc(2026, 3, 3, 9, 15), cachedInputTokens: 800),
            new UsageRecord("req-2", "acc-42", "prod-key", "gpt-x", 5_400, 1_100, Instant.FromUtc(2026, 3, 3, 9, 16)),
            new UsageRecord("req-3", "acc-42", "batch-key", "mini", 250_000, 40_000, Instant.FromUtc(2026, 3, 4, 1, 0)),
        };
        var consumption = calls.Select(rater.Rate).ToList();
        foreach (var record in consumption)
        {
            output.WriteLine($"{record.RequestId} {record.Usage.Model,-6} in {record.Usage.InputTokens,7} out {record.Usage.OutputTokens,6} -> {record.Cost} ({record.PriceVersion})");
        }

        foreach (var day in rater.RollUpDaily(consumption, _ => utc))
        {
            output.WriteLine($"{day.Day:uuuu-MM-dd} {day.Model,-6} {day.TokenName,-9} {day.Calls} call(s) {day.Cost}");
        }

        output.WriteLine("== Charges for March 2026 (EN 16931: tax per document)");
        var vat = new TaxRate("VAT 21%", 21m);
        var started = new BillingPeriod(new LocalDate(2026, 3, 11), march.End);
        var tokens = consumption.Sum(c => c.Usage.InputTokens + c.Usage.OutputTokens);
        var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument(
        [
            ChargeSpec.For("GPU inference box, gpu-small", 1m, new RecurringFee(M(30m))).ProratedOver(started, march, ProrationMethod.ActualDays) with { Taxes = [vat] },
            ChargeSpec.For("Console seats", 3m, new PerUnitPrice(M(19.99m))) with { DurationMonths = 1m, Discounts = [Discount.Percent(10m)], Taxes = [vat] },
            ChargeSpec.For("Tokens (thousands)", tokens / 1000m, new GraduatedPrice([new(100m, M(0m)), new(1_000m, M(0.002m)), new(null, M(0.001m))])) with
            {
                IsPayAsYouGoExternal = true,
                Taxes = [vat],
            },
            ChargeSpec.For("Support", 1m, new RecurringFee(M(0.10m))) with { DurationMonths = 1m, Minimum = M(1m), Taxes = [vat] },
        ]);

        output.WriteLine("#  Description                     Quantity  Duration  Unit price   Discount     Taxes       Amount");
        foreach (var line in document.Lines)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{line.Number,-2} {line.Description,-31} {line.Quantity,8:0.###}  {(line.DurationMonths is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "-"),8}  {(line.UnitPrice is { } p ? p.ToString() : "-"),10}  {line.Discount,10}  {line.Taxes,10}  {line.Amount,11}"));
            output.Write(line.Explanation.ToString());
        }

        output.WriteLine($"Net {document.Net}, taxes {document.Taxes}, total {document.Total}");
        foreach (var tax in document.TaxSummary)
        {
            output.WriteLine($"{tax.Rate.Name}: {tax.Amount} on {tax.Base}");
        }
    }
}
