using System.Globalization;
using System.Text;
using Billing.Domain;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Grants;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Pdf;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Reconciliation;
using Billing.Domain.Sqlite;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime;
using NodaTime.Testing;

namespace PrepaidPlatform;

/// <summary>
/// The main job: one month of a small prepaid AI-API platform on a SQLite file. Top-ups (one confirmed twice by a
/// duplicate callback, one declined, one paid with the wrong amount), per-call usage rated with the price book and
/// paid from the balance, a new account's trial credit spent first and expiring mid-month, a correction requested and approved by a second manager, subscriptions billed from the
/// balance by the billing run (one switched mid-month, one graced then stopped, one non-recurring), the month closed
/// into Prepay invoices, invoice applications (one issued, one rejected and
/// resubmitted), the invoiceable summary and the reconciliation. Documents are written to a folder. Every command
/// is idempotent, so a second run on the same file changes nothing.
/// </summary>
public static class PrepaidMonth
{
    private const int Steps = 8;
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    private static readonly AccountTimeZone Utc = new(DateTimeZone.Utc);

    /// <summary>Runs the month against the SQLite file in <paramref name="dataDirectory"/>, writing what happens to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write, such as the console.</param>
    /// <param name="dataDirectory">Where the database (<c>billing.db</c>) and the documents (<c>documents/</c>) go; created when missing.</param>
    /// <returns>A task that completes when the month has run.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async Task RunAsync(TextWriter output, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var documents = Directory.CreateDirectory(Path.Combine(dataDirectory, "documents")).FullName;
        var database = Path.Combine(dataDirectory, "billing.db");
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 8, 0)) { AutoAdvance = Duration.FromMinutes(7) };
        var store = new SqlitePrepaidStore(database);
        var invoiceStore = new SqliteInvoiceStore(database);
        var headerStore = new SqliteInvoiceHeaderStore(database);
        var gateway = new InMemoryPaymentGateway(clock);
        var accounts = new PrepaidAccountService(store, clock);
        var topUps = new TopUpService(store, gateway, clock);
        var consumption = new ConsumptionService(store, clock);
        var corrections = new CorrectionService(store, clock);
        var grants = new CreditGrantService(store, clock);
        var renderer = new PlainTextInvoiceRenderer();
        var pdf = new PdfInvoiceRenderer();
        var step = 0;
        void Progress(string what) => output.WriteLine($"[{++step}/{Steps}] {what}");

        output.WriteLine($"Billing month of March 2026 on {database}");
        Progress("Top-ups");
        await accounts.OpenAsync("acc-42", new AccountProfile("Acme AI", AccountType.Reseller, DateTimeZone.Utc), Usd);
        await accounts.OpenAsync("acc-77", new AccountProfile("Li's studio", AccountType.Customer, DateTimeZone.Utc), Usd);
        gateway.Script("ord-1001", PaymentScript.CallBackTwice());
        gateway.Script("ord-1002", PaymentScript.Decline("card declined"));
        gateway.Script("ord-1003", PaymentScript.Pay(M(10.30m)));
        foreach (var (orderId, account, credit, paid) in new[] { ("ord-1001", "acc-42", 100m, 103m), ("ord-1002", "acc-42", 50m, 51.50m), ("ord-1003", "acc-42", 20m, 20.60m), ("ord-2001", "acc-77", 30m, 30m) })
        {
            await topUps.CreateAsync(orderId, account, M(credit), M(paid), "card");
            var started = await topUps.StartPaymentAsync(orderId);
            output.WriteLine($"  {orderId} {account}: credit {M(credit)} for {M(paid)} -> {started.Status}{(started.StatusReason is { } reason ? $" ({reason})" : "")}");
        }

        await gateway.DeliverCallbacksAsync(async confirmation =>
        {
            var result = await topUps.ConfirmAsync(confirmation);
            var what = result.Replayed ? "duplicate, nothing changed" : result.Credit is { } entry ? $"credited {entry.Amount}" : result.Order.StatusReason;
            output.WriteLine($"  callback {confirmation.OrderId} {confirmation.AmountPaid}: {result.Order.Status}, {what}");
        });
        var accepted = await topUps.AcceptPaymentAsync("acc-42", "ord-1003", by: "carol", reason: "customer confirmed the half payment");
        output.WriteLine($"  carol accepts ord-1003's {accepted.Payment.Amount}: {accepted.Order.Status}, credited {accepted.Credit!.Amount}");

        Progress("Calls rated and paid from the balance");
        var rater = new UsageRater(Prices, RoundingPolicy.Commercial.WithScale(6));
        UsageRecord[] calls =
        [
            new("req-1", "acc-42", "prod-key", "gpt-x", 1_200_000, 350_000, Instant.FromUtc(2026, 3, 3, 9, 15)),
            new("req-2", "acc-42", "prod-key", "gpt-x", 5_400_000, 1_100_000, Instant.FromUtc(2026, 3, 3, 9, 16)),
            new("req-2", "acc-42", "prod-key", "gpt-x", 5_400_000, 1_100_000, Instant.FromUtc(2026, 3, 3, 9, 16)),
            new("req-3", "acc-42", "batch-key", "gpt-x", 30_000_000, 2_000_000, Instant.FromUtc(2026, 3, 4, 1, 0)),
            new("req-4", "acc-77", "key", "gpt-x", 800_000, 100_000, Instant.FromUtc(2026, 3, 12, 14, 0)),
        ];
        foreach (var call in calls)
        {
            var rated = rater.Rate(call);
            var result = await consumption.RecordAsync(rated);
            output.WriteLine($"  {call.RequestId} {call.AccountId} cost {rated.Cost}: {result.Outcome}, balance {result.Account.Balance}");
        }

        Progress("A correction");
        await corrections.RequestAsync("cor-7", "acc-42", M(2.50m), "Duplicate charge reversal", requestedBy: "alice", corrects: "req-2");
        try
        {
            await corrections.ApproveAsync("acc-42", "cor-7", manager: "alice");
        }
        catch (SelfApprovalException refused)
        {
            output.WriteLine($"  alice approves her own: refused ({refused.Code})");
        }

        var approved = await corrections.ApproveAsync("acc-42", "cor-7", manager: "bob");
        output.WriteLine($"  bob approves: {approved.Entry!.Description} {approved.Entry.Amount} at {approved.Correction.ApprovedAt}");

        Progress("A new account's trial credit, spent first and expiring mid-month");
        await TrialAsync();

        Progress("Subscriptions billed from the balance by the billing run");
        var vat = new TaxRate("VAT", 21m);
        Plan Monthly(string id, string name, PlanCharge charge, BillingType type = BillingType.Recurring) =>
            new(id, 1, new LocalDate(2026, 1, 1), name, type, BillingInterval.Monthly, BillingMode.InAdvance, [charge], taxes: [vat]);
        var plans = PlanCatalog.Empty
            .With(Monthly("support", "Support", new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(15m)))))
            .With(Monthly("support-pro", "Support Pro", new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(40m)))))
            .With(Monthly("gpu-small", "GPU small", new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(120m)))))
            .With(Monthly("seats", "Team", new PlanCharge("Seats", PlanChargeKind.Resource, new PerUnitPrice(M(8m)), defaultQuantity: 3m)))
            .With(Monthly("onboarding", "Onboarding", new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(20m))), BillingType.NonRecurring));
        var subscriptions = new SubscriptionService(store, plans, DateTimeZone.Utc, clock);
        var run = new BillingRun(store, plans, new ChargeEngine(ChargePolicy.En16931), DateTimeZone.Utc, clock);
        async Task At(int day, int hour, Func<Task> what)
        {
            var at = Instant.FromUtc(2026, 3, day, hour, 0);
            if (await store.LastBillingRunAsync() is { } last && last > at)
            {
                return;   // this file was billed past it already: a second run of the sample does nothing again
            }

            clock.Reset(at);
            await what();
        }

        async Task Order(string id, string account, string name, string plan, params Func<Subscription, Instant, SubscriptionStatusChange?>[] steps)
        {
            await subscriptions.OrderAsync(id, account, name, plan, PaymentModel.Prepaid, "alice");
            foreach (var step in steps)
            {
                await subscriptions.ChangeAsync(account, id, step);
            }
        }

        async Task Bill(string why)
        {
            var at = clock.GetCurrentInstant();
            var result = await run.RunAsync(at);
            output.WriteLine($"  run {Time(at)} ({why}): {result.ChargesMade} made, {result.ChargesPaid} paid, {result.Graced} graced, {result.Restored} restored, {result.GraceExpired} grace expired");
        }

        await At(2, 9, async () =>
        {
            await Order("sub-7", "acc-42", "Support plan", "support",
                (s, now) => s.StartInstallation(now, "provisioner"), (s, now) => s.CompleteInstallation(now, "provisioner"), (s, now) => s.CompleteActivation(now, "provisioner"));
            await Order("sub-8", "acc-42", "GPU inference box", "gpu-small",
                (s, now) => s.StartInstallation(now, "provisioner"), (s, now) => s.FailInstallation(now, "provisioner", "no capacity in region"));
            await Order("sub-9", "acc-77", "Team seats", "seats", (s, now) => s.StartActivation(now, "provisioner"), (s, now) => s.CompleteActivation(now, "provisioner"));
            await Bill("sub-7 paid; sub-9's 29.04 exceeds acc-77's balance: graced for 7 days");
        });
        await At(5, 9, async () =>
        {
            await Order("sub-10", "acc-42", "Onboarding", "onboarding", (s, now) => s.StartActivation(now, "provisioner"), (s, now) => s.CompleteActivation(now, "provisioner"));
            await Bill("non-recurring: charged once, Delivered");
        });
        await At(10, 9, async () =>
        {
            await Bill("sub-9 unpaid when its grace period ends: stopping");
            await subscriptions.ChangeAsync("acc-77", "sub-9", (s, now) => s.CompleteStop(now, "provisioner"));
        });
        await At(11, 9, () => Bill("sub-9 stopped on the 10th: the rest of its period credited, what is left owed paid"));
        await At(16, 9, async () =>
        {
            await subscriptions.ChangeAsync("acc-42", "sub-7", (s, now) => s.SwitchPlan("support-pro", now, "alice"));
            await subscriptions.ChangeAsync("acc-42", "sub-7", (s, now) => s.CompleteSwitch(now, "provisioner"));
            await Bill("sub-7 switched to Support Pro on the 16th: credit and prorated charge");
        });
        await At(31, 18, () => Bill("nothing more due in March"));
        foreach (var id in new[] { "sub-7", "sub-8", "sub-9", "sub-10" })
        {
            var subscription = (await store.FindSubscriptionAsync(id))!;
            output.WriteLine($"  {id} {subscription.Name}: {string.Join(" -> ", subscription.History.Select(h => h.To.ApiName).Prepend(subscription.History[0].From.ApiName))}");
        }

        Progress("March closed into Prepay invoices");
        clock.Reset(Instant.FromUtc(2026, 4, 1, 9, 0));
        var invoicing = new PrepayInvoicing(
            invoiceStore, store, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(new NumberSeries("INV", "INV-{yyyy}{MM}-{seq:000000}")), clock);
        var periods = new List<PrepayPeriod>();
        foreach (var id in new[] { "acc-42", "acc-77", "acc-88" })
        {
            periods.Add(PrepayPeriod.Of(await accounts.GetAsync(id), March));
        }

        foreach (var closed in await invoicing.CloseAllAsync(periods))
        {
            output.WriteLine($"  {closed.AccountId}: {closed.Outcome} {closed.Invoice?.Number}");
            if (closed.Invoice is { } invoice)
            {
                output.Write(Indent(renderer.Render(invoice)));
                await WriteAsync(documents, await renderer.RenderAsync(invoice));
                await WriteAsync(documents, await pdf.RenderAsync(invoice));
            }
        }

        Progress("Invoice applications over the recharges");
        var headers = new InvoiceHeaderService(headerStore);
        var applications = new InvoiceApplicationService(store, headerStore, new NumberSeries("FP", "FP-{yyyy}-{seq:00000}"), DateTimeZone.Utc, pdf, clock);
        if ((await headers.ListAsync("acc-42")).Count == 0)
        {
            output.WriteLine($"  apply without a header: {(await applications.ApplyAsync("app-0", "acc-42", M(40m), "finance@acme.example")).Refusal?.Rule}");
        }

        await headers.AddAsync("hdr-1", "acc-42", new InvoiceHeaderDetails(InvoiceHeaderType.Company, "Acme AI Ltd", "91310000MA1FL0000X", "1 Harbour Rd"));
        output.WriteLine($"  apply 500.00 USD: {(await applications.ApplyAsync("app-big", "acc-42", M(500m), "finance@acme.example")).Refusal?.Rule}");
        await applications.ApplyAsync("app-1", "acc-42", M(40m), "finance@acme.example", "March recharges");
        await applications.ApplyAsync("app-2", "acc-42", M(30m), "finanse@acme.example");
        await applications.ApproveAsync("acc-42", "app-1", "fin-1");
        await applications.IssueAsync("acc-42", "app-1");
        await applications.RejectAsync("acc-42", "app-2", "fin-1", "misspelled email");
        await applications.ResubmitAsync("acc-42", "app-2", "app-3", email: "finance@acme.example");
        foreach (var row in (await applications.ListAsync(new InvoiceApplicationQuery("acc-42"))).Items)
        {
            output.WriteLine($"  {row.ApplicationId}  {row.Number ?? "-",-13}  {row.HeaderName}  {row.Amount,10}  {row.Status,-8}  applied {Time(row.AppliedAt)}  issued {(row.IssuedAt is { } issued ? Time(issued) : "-")}");
        }

        var totals = await applications.SummaryAsync("acc-42");
        output.WriteLine($"  Invoiceable {totals.Invoiceable}, held {totals.Held}, invoiced {totals.Invoiced} (recharged {totals.Recharged}, refunded {totals.Refunded})");
        await WriteAsync(documents, await applications.DownloadAsync("acc-42", "app-1"));

        Progress("Reconciliation of March");
        var usageLogs = calls.Append(new UsageRecord("req-5", "acc-42", "prod-key", "gpt-x", 10_000, 2_000, Instant.FromUtc(2026, 3, 20, 10, 0))).ToList();
        await UsageLogs.WriteAsync(dataDirectory, usageLogs);
        var report = await new Reconciler(store, rater).ReconcileAsync("acc-42", new InstantRange(Utc.StartOf(March.Start), Utc.StartOf(March.End)), Utc, usageLogs);
        foreach (var day in report.Days)
        {
            output.WriteLine($"  {day.Day:uuuu-MM-dd}  orders {day.Orders} topped up {day.ToppedUp,12}  ledger {day.LedgerCredits,12}  granted {day.Granted,10}  expired {day.Expired,10}  calls {day.ConsumptionRecords} consumed {day.Consumed,12}  logged {day.UsageLogs} rated {day.UsageLogCost,12}");
        }

        foreach (var discrepancy in report.Discrepancies)
        {
            output.WriteLine($"  {discrepancy.Kind} {discrepancy.Reference}: {discrepancy.Detail}");
        }

        var csv = new StringWriter(CultureInfo.InvariantCulture);
        ReconciliationCsv.Write(report, csv);
        await File.WriteAllTextAsync(Path.Combine(documents, "reconciliation-2026-03.csv"), csv.ToString());
        output.WriteLine($"Documents in {documents}: {string.Join(", ", Directory.GetFiles(documents).Select(Path.GetFileName).Order(StringComparer.Ordinal))}");

        Money M(decimal amount) => new(amount, Usd);

        // acc-88 opens with 8.00 of trial credit that expires on the 15th (priority 0: spent before anything else) and a
        // launch bonus of 1.00 (priority 10), tops up 20.00 (paid, priority 50), and calls on the 3rd (the trial credit)
        // and the 20th (the trial has expired: the bonus, then the top-up).
        async Task TrialAsync()
        {
            clock.Reset(Instant.FromUtc(2026, 3, 1, 10, 0));
            await accounts.OpenAsync("acc-88", new AccountProfile("Nova Labs", AccountType.Customer, DateTimeZone.Utc), Usd);
            var monthStart = Instant.FromUtc(2026, 3, 1, 0, 0);
            await grants.GrantAsync("acc-88", "trial-acc-88", M(8m), new GrantTerms(CreditSource.Trial, monthStart, Instant.FromUtc(2026, 3, 15, 0, 0), priority: 0), "Welcome trial credit, until 15 March");
            await grants.GrantAsync("acc-88", "launch-bonus", M(1m), new GrantTerms(CreditSource.Promotion, monthStart, priority: 10), "Launch bonus");
            await topUps.CreateAsync("ord-8801", "acc-88", M(20m), M(20m), "card");
            gateway.Script("ord-8801", PaymentScript.SucceedAtOnce());
            await topUps.StartPaymentAsync("ord-8801");
            async Task CallAsync(UsageRecord call)
            {
                clock.Reset(Instant.Max(clock.GetCurrentInstant(), call.OccurredAt));
                var result = await consumption.RecordAsync(rater.Rate(call));
                output.WriteLine($"  {call.RequestId} on {Time(call.OccurredAt)} costs {result.Debit?.Amount}: drawn from {Draws(result.Debit)}");
            }

            await CallAsync(new UsageRecord("req-8801", "acc-88", "key", "gpt-x", 1_000_000, 200_000, Instant.FromUtc(2026, 3, 3, 9, 0)));
            await CallAsync(new UsageRecord("req-8802", "acc-88", "key", "gpt-x", 400_000, 100_000, Instant.FromUtc(2026, 3, 3, 11, 0)));
            clock.Reset(Instant.FromUtc(2026, 3, 20, 0, 0));
            await grants.ExpireAsync("acc-88", clock.GetCurrentInstant());   // the daily job: the trial's remainder leaves at its expiry
            await CallAsync(new UsageRecord("req-8803", "acc-88", "key", "gpt-x", 600_000, 150_000, Instant.FromUtc(2026, 3, 20, 9, 0)));
            var account = await accounts.GetAsync("acc-88");
            output.WriteLine($"  acc-88 billing records (balance {account.Balance}; invoiceable {account.Invoicing.Invoiceable}: the trial credit never is):");
            foreach (var entry in (await store.ListEntriesAsync("acc-88", default, PageRequest.First)).Items)
            {
                output.WriteLine($"    {Time(entry.RecordedAt)}  {entry.Kind,-17} {entry.Amount,14}  {entry.Description}{(entry.GrantMovements.Count == 0 ? "" : $"  [{Draws(entry)}]")}");
            }

            foreach (var grant in account.Grants)
            {
                output.WriteLine($"    on the books: {grant.GrantId} ({grant.Terms.Source}) {grant.Remaining} of {grant.Granted}");
            }
        }
    }

    // Which grants an entry moved, in order: "grant:trial 5.00 USD, topup:ord-1 0.10 USD".
    private static string Draws(LedgerEntry? entry) =>
        entry is null ? "-" : string.Join(", ", entry.GrantMovements.Select(m => $"{m.GrantId} {m.Amount}"));

    /// <summary>Gets the platform's price book: one model, gpt-x, per million tokens since January 2026.</summary>
    public static TokenPriceBook Prices { get; } =
        TokenPriceBook.Empty(Usd).With(new TokenPrice("gpt-x", "gpt-x/2026-01", new Money(2.50m, Usd), new Money(10m, Usd), new Money(1.25m, Usd), Instant.FromUtc(2026, 1, 1, 0, 0)));

    private static string Time(Instant instant) => instant.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Indent(string text) => string.Concat(text.Split('\n').Where(line => line.Length > 0).Select(line => "    " + line + Environment.NewLine));

    private static Task WriteAsync(string folder, RenderedDocument document) =>
        File.WriteAllBytesAsync(Path.Combine(folder, document.FileName), document.Content.ToArray());
}
