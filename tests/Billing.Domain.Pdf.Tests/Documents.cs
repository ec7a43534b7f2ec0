using Billing.Domain.Charging;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using Billing.Domain.Corrections;
using Billing.Domain.Storage;
using NodaTime.Testing;
using UglyToad.PdfPig;

namespace Billing.Domain.Pdf.Tests;

/// <summary>Invoices and applications made by the library's own services on the in-memory stores, and the text a PDF reader finds in a document.</summary>
internal sealed class Documents
{
    public static readonly Currency Usd = Currency.FromCode("USD");
    public static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    private static readonly NumberSeries Series = new("INV", "INV-{yyyy}{MM}-{seq:000000}");

    public Documents()
    {
        Clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)) { AutoAdvance = Duration.FromMinutes(1) };
        var retry = ConflictRetryPolicy.Immediate(100);
        Invoices = new InMemoryInvoiceStore(Store);
        Accounts = new PrepaidAccountService(Store, Clock, retry);
        TopUps = new TopUpService(Store, new InMemoryPaymentGateway(Clock), Clock, retry);
        Corrections = new CorrectionService(Store, Clock, retry);
        Headers = new InvoiceHeaderService(HeaderStore, retry);
        Applications = new InvoiceApplicationService(Store, HeaderStore, new NumberSeries("FP", "FP-{yyyy}-{seq:00000}"), DateTimeZone.Utc, new PdfInvoiceRenderer(), Clock, retry);
        Prepay = new PrepayInvoicing(Invoices, Store, new ChargeEngine(ChargePolicy.PerLine), InvoiceNumbering.OneSeries(Series), Clock, retry);
        Postpaid = new PostpaidInvoicing(Invoices, new ChargeEngine(ChargePolicy.PerLine), InvoiceNumbering.OneSeries(Series), Clock, retry);
    }

    public FakeClock Clock { get; }

    public InMemoryPrepaidStore Store { get; } = new();

    public InMemoryInvoiceStore Invoices { get; }

    public InMemoryInvoiceHeaderStore HeaderStore { get; } = new();

    public PrepaidAccountService Accounts { get; }

    public TopUpService TopUps { get; }

    public CorrectionService Corrections { get; }

    public InvoiceHeaderService Headers { get; }

    public InvoiceApplicationService Applications { get; }

    public PrepayInvoicing Prepay { get; }

    public PostpaidInvoicing Postpaid { get; }

    public static Money Dollars(decimal amount) => new(amount, Usd);

    /// <summary>March closed for an account with <paramref name="plans"/> subscriptions charged (20 % VAT, 10 % off) and a ▼ fee and a ▲ credit.</summary>
    public async Task<Invoice> PrepayInvoiceAsync(string account, int plans = 2)
    {
        await Accounts.OpenAsync(account, Usd, Dollars(1_000_000m));
        for (var i = 0; i < plans; i++)
        {
            var spec = ChargeSpec.For($"Pro plan {i + 1} for team {account}", 3m, new RecurringFee(Dollars(19.99m + i))) with
            {
                DurationMonths = 1m,
                Taxes = [new TaxRate("VAT", 20m)],
                Discounts = [Discount.Percent(10m)],
            };
            await BilledSubscriptions.ChargeAsync(Store, account, $"sub-{account}-{i + 1}", spec, March, Instant.FromUtc(2026, 3, 15, 0, 0));
        }

        await Corrections.RequestAsync($"fee-{account}", account, Dollars(-2.50m), "Late payment fee", "alice");
        await Corrections.ApproveAsync(account, $"fee-{account}", "bob");
        await Corrections.RequestAsync($"credit-{account}", account, Dollars(5m), "Outage credit", "alice");
        await Corrections.ApproveAsync(account, $"credit-{account}", "bob");
        if (Clock.GetCurrentInstant() < Instant.FromUtc(2026, 4, 2, 0, 0))
        {
            Clock.Reset(Instant.FromUtc(2026, 4, 2, 0, 0));
        }

        return (await Prepay.CloseAsync(new PrepayPeriod(account, $"Acme {account}", March, new AccountTimeZone(DateTimeZone.Utc), Usd))).Invoice!;
    }

    /// <summary>An application for 40.00 against a recharge of 100.00, issued, to a header titled <paramref name="title"/>.</summary>
    public async Task<InvoiceApplication> IssuedApplicationAsync(string account, string title)
    {
        await Accounts.OpenAsync(account, Usd);
        var order = await TopUps.CreateAsync($"ord-{account}", account, Dollars(100m), Dollars(100m), "card");
        await TopUps.ConfirmAsync(new PaymentConfirmation(order.OrderId, $"pay-{account}", Dollars(100m), Clock.GetCurrentInstant()));
        await Headers.AddAsync($"hdr-{account}", account, new InvoiceHeaderDetails(InvoiceHeaderType.Company, title, "91310000MA1FL0000X", "上海市浦东新区世纪大道 100 号"));
        await Applications.ApplyAsync($"app-{account}", account, Dollars(40m), "finance@example.com", "March recharges");
        await Applications.ApproveAsync(account, $"app-{account}", "bob");
        return await Applications.IssueAsync(account, $"app-{account}");
    }

    /// <summary>The text a PDF reader finds on every page, in order.</summary>
    public static string TextOf(ReadOnlyMemory<byte> pdf)
    {
        using var document = PdfDocument.Open(pdf.ToArray());
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>
    /// The text of each line as it reads on the page, spaces left out: the letters on one baseline from left to right,
    /// the lines from the top. A text set in several fonts is drawn run by run, in whatever order; this reads it as seen.
    /// </summary>
    public static IReadOnlyList<string> LinesOf(ReadOnlyMemory<byte> pdf)
    {
        using var document = PdfDocument.Open(pdf.ToArray());
        return [.. document.GetPages().SelectMany(page => page.Letters
            .Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 1))
            .OrderByDescending(line => line.Key)
            .Select(line => string.Concat(line.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value))))];
    }

    /// <summary>The number of pages.</summary>
    public static int PagesOf(ReadOnlyMemory<byte> pdf)
    {
        using var document = PdfDocument.Open(pdf.ToArray());
        return document.NumberOfPages;
    }
}
