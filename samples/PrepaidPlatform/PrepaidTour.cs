using Billing.Domain;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime;

namespace PrepaidPlatform;

/// <summary>
/// The prepaid side of a month: top-ups (one confirmed twice by a duplicate callback, one declined, one paid
/// with the wrong amount), rated calls paid from the balance, a correction approved by a second manager, the
/// billing pages (orders, the ledger, the balance), the month closed into a Prepay invoice, and invoice
/// applications over the recharges (one issued, one rejected and resubmitted).
/// </summary>
public static class PrepaidTour
{
    /// <summary>Runs the tour against the in-memory store and a scripted gateway, writing what happens to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write, such as the console.</param>
    /// <returns>A task that completes when the tour has run.</returns>
    public static async Task RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var usd = Currency.FromCode("USD");
        Money M(decimal amount) => new(amount, usd);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 8, 0)) { AutoAdvance = Duration.FromMinutes(7) };
        var store = new InMemoryPrepaidStore();
        var gateway = new InMemoryPaymentGateway(clock);
        var accounts = new PrepaidAccountService(store, clock);
        var topUps = new TopUpService(store, gateway, clock);
        var consumption = new ConsumptionService(store, clock);
        var corrections = new CorrectionService(store, clock);

        output.WriteLine("== Top-ups");
        await accounts.OpenAsync("acc-42", usd);
        gateway.Script("ord-1001", PaymentScript.CallBackTwice());
        gateway.Script("ord-1002", PaymentScript.Decline("card declined"));
        gateway.Script("ord-1003", PaymentScript.Pay(M(10.30m)));
        foreach (var (orderId, credit, paid) in new[] { ("ord-1001", 100m, 103m), ("ord-1002", 50m, 51.50m), ("ord-1003", 20m, 20.60m) })
        {
            await topUps.CreateAsync(orderId, "acc-42", M(credit), M(paid), "card");
            var started = await topUps.StartPaymentAsync(orderId);
            output.WriteLine($"{orderId}: credit {M(credit)} for {M(paid)} -> {started.Status}{(started.StatusReason is { } reason ? $" ({reason})" : "")}");
        }

        await gateway.DeliverCallbacksAsync(async confirmation =>
        {
            var result = await topUps.ConfirmAsync(confirmation);
            var what = result.Replayed ? "duplicate, nothing changed" : result.Credit is { } entry ? $"credited {entry.Amount}" : result.Order.StatusReason;
            output.WriteLine($"callback {confirmation.OrderId} {confirmation.AmountPaid}: {result.Order.Status}, {what}");
        });

        output.WriteLine();
        output.WriteLine("== Calls paid from the balance");
        var book = TokenPriceBook.Empty(usd)
            .With(new TokenPrice("gpt-x", "gpt-x/2026-01", M(2.50m), M(10m), M(1.25m), Instant.FromUtc(2026, 1, 1, 0, 0)));
        var rater = new UsageRater(book, RoundingPolicy.Commercial.WithScale(6));
        var calls = new[]
        {
            new UsageRecord("req-1", "acc-42", "prod-key", "gpt-x", 1_200_000, 350_000, Instant.FromUtc(2026, 3, 3, 9, 15)),
            new UsageRecord("req-2", "acc-42", "prod-key", "gpt-x", 5_400_000, 1_100_000, Instant.FromUtc(2026, 3, 3, 9, 16)),
            new UsageRecord("req-2", "acc-42", "prod-key", "gpt-x", 5_400_000, 1_100_000, Instant.FromUtc(2026, 3, 3, 9, 16)),
            new UsageRecord("req-3", "acc-42", "batch-key", "gpt-x", 30_000_000, 2_000_000, Instant.FromUtc(2026, 3, 4, 1, 0)),
        };
        foreach (var call in calls)
        {
            var result = await consumption.RecordAsync(rater.Rate(call));
            output.WriteLine($"{call.RequestId} cost {rater.Rate(call).Cost}: {result.Outcome}, balance {result.Account.Balance}");
        }

        output.WriteLine();
        output.WriteLine("== A correction");
        await corrections.RequestAsync("cor-7", "acc-42", M(-2.50m), "Duplicate charge reversal", requestedBy: "alice", corrects: "req-2");
        try
        {
            await corrections.ApproveAsync("cor-7", manager: "alice");
        }
        catch (SelfApprovalException refused)
        {
            output.WriteLine($"alice approves her own: refused ({refused.Code})");
        }

        var approved = await corrections.ApproveAsync("cor-7", manager: "bob");
        output.WriteLine($"bob approves: {approved.Entry!.Description} {approved.Entry.Amount} at {approved.Correction.ApprovedAt}");

        output.WriteLine();
        output.WriteLine("== Billing records (newest first)");
        foreach (var order in (await store.QueryOrdersAsync(new TopUpOrderQuery("acc-42"))).Items)
        {
            output.WriteLine($"{order.CreatedAt:yyyy-MM-dd HH:mm}  {order.OrderId}  {order.Status,-9}  credit {order.Amount,12}  payment {order.PaymentAmount,12}  {order.PaymentReference ?? "-"}");
        }

        output.WriteLine();
        output.WriteLine("== Ledger");
        foreach (var entry in (await store.ListEntriesAsync("acc-42", InstantRange.All, PageRequest.First)).Items)
        {
            output.WriteLine($"{entry.Sequence,2}  {entry.RecordedAt:yyyy-MM-dd HH:mm}  {entry.Kind,-16}  {entry.Amount,14}  {entry.Description}");
        }

        var account = await accounts.GetAsync("acc-42");
        output.WriteLine($"Balance {account.Balance} after {account.EntryCount} entries");

        output.WriteLine();
        output.WriteLine("== March closed into a Prepay invoice");
        clock.Advance(Duration.FromDays(31));
        var invoicing = new PrepayInvoicing(
            new InMemoryInvoiceStore(), store, store, new ChargeEngine(ChargePolicy.En16931),
            InvoiceNumbering.OneSeries(new NumberSeries("INV", "INV-{yyyy}{MM}-{seq:000000}")), clock);
        var plan = ChargeSpec.For("Support plan, March", 1m, new RecurringFee(M(15m))) with { DurationMonths = 1m, Taxes = [new TaxRate("VAT", 21m)] };
        var march = new PrepayPeriod("acc-42", "Acme AI", BillingPeriod.OfMonth(new YearMonth(2026, 3)), new AccountTimeZone(DateTimeZone.Utc), usd)
        {
            Subscriptions = [new SubscriptionCharges(new InvoiceSubscription("sub-7", "Support plan", SubscriptionStatus.Active), [plan])],
        };
        var closed = await invoicing.CloseAsync(march);
        output.Write(new PlainTextInvoiceRenderer().Render(closed.Invoice!));
        output.WriteLine($"Closing March again: {(await invoicing.CloseAsync(march)).Outcome}");

        output.WriteLine();
        output.WriteLine("== Invoice applications over the recharges");
        var headerStore = new InMemoryInvoiceHeaderStore();
        var headers = new InvoiceHeaderService(headerStore);
        var applications = new InvoiceApplicationService(
            store, headerStore, new NumberSeries("FP", "FP-{yyyy}-{seq:00000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), clock);
        var withoutHeader = await applications.ApplyAsync("app-1", "acc-42", M(40m), "finance@acme.example");
        output.WriteLine($"apply without a header: {withoutHeader.Refusal!.Rule}");
        await headers.AddAsync("hdr-1", "acc-42", new InvoiceHeaderDetails(InvoiceHeaderType.Company, "Acme AI Ltd", "91310000MA1FL0000X", "1 Harbour Rd"));
        output.WriteLine($"apply 500.00 USD: {(await applications.ApplyAsync("app-1", "acc-42", M(500m), "finance@acme.example")).Refusal!.Rule}");
        await applications.ApplyAsync("app-1", "acc-42", M(40m), "finance@acme.example", "March recharges");
        await applications.ApplyAsync("app-2", "acc-42", M(30m), "finanse@acme.example");
        await applications.ApproveAsync("app-1", "fin-1");
        await applications.IssueAsync("app-1");
        await applications.RejectAsync("app-2", "fin-1", "misspelled email");
        await applications.ResubmitAsync("app-2", "app-3", email: "finance@acme.example");
        foreach (var row in (await applications.ListAsync(new InvoiceApplicationQuery("acc-42"))).Items)
        {
            output.WriteLine($"{row.ApplicationId}  {row.Number ?? "-",-13}  {row.HeaderName}  {row.Amount,10}  {row.Status,-8}  applied {row.AppliedAt:yyyy-MM-dd HH:mm}  issued {(row.IssuedAt is { } issued ? issued.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "-")}");
        }

        var totals = await applications.SummaryAsync("acc-42");
        output.WriteLine($"Invoiceable {totals.Invoiceable}, held {totals.Held}, invoiced {totals.Invoiced} (recharged {totals.Recharged}, refunded {totals.Refunded})");
        output.Write(System.Text.Encoding.UTF8.GetString((await applications.DownloadAsync("app-1")).Content.Span));
    }
}
