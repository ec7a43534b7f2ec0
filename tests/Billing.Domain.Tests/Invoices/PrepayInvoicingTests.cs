using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Tests.Prepaid;
using static Billing.Domain.Tests.Invoices.InvoiceHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Invoices;

public class PrepayInvoicingTests
{
    private readonly InvoiceHarness _h = new();

    private async Task MonthOfAcc42Async()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-1", 1.234567m, at: Instant.FromUtc(2026, 3, 3, 9, 0)));
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-2", 2.5m, at: Instant.FromUtc(2026, 3, 9, 9, 0)));
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-3", 0.75m, model: "mini", at: Instant.FromUtc(2026, 3, 31, 23, 59)));
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-april", 9m, at: Instant.FromUtc(2026, 4, 1, 0, 0)));
        await _h.Prepaid.Corrections.RequestAsync("cor-1", "acc-42", Dollars(-2.50m), "Late payment fee", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-1", "bob");
        await _h.Prepaid.Corrections.RequestAsync("cor-2", "acc-42", Dollars(5m), "Outage credit", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-2", "bob");
        await _h.Prepaid.Corrections.RequestAsync("cor-3", "acc-42", Dollars(1m), "Rejected goodwill", "alice");
        await _h.Prepaid.Corrections.RejectAsync("acc-42", "cor-3", "bob", "no");
    }

    [Fact]
    public async Task Close_MakesTheClosedPrepayInvoice_AsSeed001LaysItOut()
    {
        await MonthOfAcc42Async();
        _h.AfterMarch();
        await _h.Prepaid.Corrections.RequestAsync("cor-4", "acc-42", Dollars(3m), "Approved in April", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-4", "bob");

        await _h.ChargedAsync("acc-42", "sub-1", 10m);
        await _h.ChargedAsync("acc-42", "sub-2", 20m);
        await _h.Prepaid.Store.CommitAsync(new Billing.Domain.Prepaid.PrepaidChange(subscription: Billing.Domain.Subscriptions.Subscription.Order(
            "sub-idle", "acc-42", "Idle", "plan", BillingType.Recurring, PaymentModel.Prepaid, Instant.FromUtc(2026, 3, 2, 0, 0), "alice")));   // no charge: not listed

        var result = await _h.Prepay.CloseAsync(PeriodOf("acc-42"));

        Assert.Equal(PrepayCloseOutcome.Made, result.Outcome);
        var invoice = result.Invoice!;
        Assert.Equal(("INV-202604-000001", "Account acc-42", PaymentModel.Prepaid, InvoiceStatus.Closed), (invoice.Number, invoice.AccountName, invoice.PaymentModel, invoice.Status));
        Assert.Equal((new LocalDate(2026, 3, 1), new LocalDate(2026, 4, 1)), (invoice.From, invoice.To));
        Assert.Equal(["Plan of sub-1", "Plan of sub-2", "Usage gpt-x (key-1): 2 calls, 2,000 input, 400 output tokens", "Usage mini (key-1): 1 calls, 1,000 input, 200 output tokens"], invoice.Charges.Select(c => c.Description));
        Assert.Equal([1, 2, 3, 4], invoice.Charges.Select(c => c.Number));
        Assert.Equal([Dollars(12m), Dollars(24m), Dollars(3.73m), Dollars(0.75m)], invoice.Charges.Select(c => c.Amount));
        Assert.Equal((1m, (decimal?)1m, (Money?)Dollars(10m)), (invoice.Charges[0].Quantity, invoice.Charges[0].DurationMonths, invoice.Charges[0].UnitPrice));
        Assert.Equal((2m, (decimal?)null, (Money?)null), (invoice.Charges[2].Quantity, invoice.Charges[2].DurationMonths, invoice.Charges[2].UnitPrice));
        Assert.Equal(["sub-1", "sub-2"], invoice.Subscriptions.Select(s => s.Id));
        Assert.Equal([(1, "cor-1", Dollars(-2.50m)), (2, "cor-2", Dollars(5m))], invoice.Corrections.Select(c => (c.Number, c.CorrectionId, c.BalanceChanged)));
        Assert.Equal(("▼", "▲"), (invoice.Corrections[0].Direction, invoice.Corrections[1].Direction));
        Assert.Equal(Dollars(40.48m), invoice.ChargesTotal);
        Assert.Equal(Dollars(37.98m), invoice.Total);   // 40.48 - (-2.50 + 5.00): the ▲ outage credit lowers the total, the ▼ reversal raises it
    }

    [Fact]
    public async Task AUsageLine_NamesTheCachedReasoningImageAndAudioTokens_ItCounts()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        var call = Call("acc-42", "req-1", 1m, at: Instant.FromUtc(2026, 3, 3, 9, 0));
        await _h.Prepaid.Consumption.RecordAsync(new ConsumptionRecord(
            new UsageRecord(call.RequestId, call.AccountId, call.Usage.TokenName, call.Usage.Model, 4_000, 1_500, call.OccurredAt, 1_000) { ReasoningTokens = 1_200, AudioTokens = 300 },
            call.Cost,
            call.PriceVersion));
        _h.AfterMarch();

        var invoice = (await _h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice!;

        Assert.Equal(["Usage gpt-x (key-1): 1 calls, 4,000 input, 1,500 output, 1,000 cached, 1,200 reasoning, 300 audio tokens"], invoice.Charges.Select(c => c.Description));
    }

    [Fact]
    public async Task Close_Twice_ReturnsTheInvoiceAlreadyMade_AndTakesNoNumber()
    {
        await MonthOfAcc42Async();
        _h.AfterMarch();

        await _h.ChargedAsync("acc-42", "sub-1", 10m);

        var first = await _h.Prepay.CloseAsync(PeriodOf("acc-42"));
        var second = await _h.Prepay.CloseAsync(PeriodOf("acc-42"));

        Assert.Equal(PrepayCloseOutcome.AlreadyMade, second.Outcome);
        Assert.Same(first.Invoice, second.Invoice);
        Assert.Equal(1, await _h.Invoices.LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task Close_BeforeThePeriodEnds_IsRefused()
    {
        await _h.Prepaid.FundAsync("acc-42", 1m);

        var refused = await Assert.ThrowsAsync<PeriodNotEndedException>(() => _h.Prepay.CloseAsync(PeriodOf("acc-42")));

        Assert.Equal(("invoice.period_not_ended", Instant.FromUtc(2026, 4, 1, 0, 0)), (refused.Code, refused.EndsAt));
        Assert.Null(await _h.Invoices.FindPrepayInvoiceAsync("acc-42", March));
    }

    [Fact]
    public async Task Close_WithNothingToCharge_MakesAnEmptyInvoice()
    {
        await _h.Prepaid.FundAsync("acc-quiet", 1m);
        _h.AfterMarch();

        var invoice = (await _h.Prepay.CloseAsync(PeriodOf("acc-quiet"))).Invoice!;

        Assert.Empty(invoice.Charges);
        Assert.Empty(invoice.Corrections);
        Assert.Equal(Dollars(0m), invoice.Total);
    }

    [Fact]
    public async Task CloseAll_ReportsEveryAccount_AndNeverStopsAtAFailure()
    {
        await _h.ChargedAsync("acc-1", "s1", 10m);
        await _h.ChargedAsync("acc-2", "s3", 10m);
        await _h.Prepaid.Accounts.OpenAsync("acc-bad", Usd);
        _h.AfterMarch();
        var accounts = new[]
        {
            PeriodOf("acc-1"),
            new PrepayPeriod("acc-bad", "Bad", March, Utc, Eur),   // a USD ledger closed as EUR
            PeriodOf("acc-2"),
        };
        await _h.Prepay.CloseAsync(accounts[2]);

        var reported = new List<PrepayCloseProgress>();
        var results = await _h.Prepay.CloseAllAsync(accounts, new SynchronousProgress<PrepayCloseProgress>(reported.Add));

        Assert.Equal([PrepayCloseOutcome.Made, PrepayCloseOutcome.Failed, PrepayCloseOutcome.AlreadyMade], results.Select(r => r.Outcome));
        Assert.Equal([1, 2, 3], reported.Select(p => p.Done));
        Assert.Equal(results, reported.Select(p => p.Last));
        Assert.IsType<CurrencyMismatchException>(results[1].Error);
        Assert.Equal(["INV-202604-000002", null, "INV-202604-000001"], results.Select(r => r.Invoice?.Number));
    }

    [Fact]
    public async Task CloseAll_OfAPeriod_ClosesEveryStoredAccount_AsItsProfileSays_AndLeavesOutAccountsOpenedAfterIt()
    {
        var paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
        await _h.Prepaid.Accounts.OpenAsync("acc-2", new AccountProfile("Acme AI", AccountType.Reseller, paris), Usd);
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-2", "paris-april", 1m, at: Instant.FromUtc(2026, 3, 31, 22, 30)));   // April 1st in Paris
        await _h.ChargedAsync("acc-1", "s1", 10m);
        _h.AfterMarch();
        await _h.Prepaid.Accounts.OpenAsync("acc-0-april", Usd);

        var results = await _h.Prepay.CloseAllAsync(March);
        var again = await _h.Prepay.CloseAllAsync(March);

        Assert.Equal(["acc-1", "acc-2"], results.Select(r => r.AccountId));
        Assert.All(results, r => Assert.Equal(PrepayCloseOutcome.Made, r.Outcome));
        Assert.All(again, r => Assert.Equal(PrepayCloseOutcome.AlreadyMade, r.Outcome));
        var acme = results[1].Invoice!;
        Assert.Equal(("Acme AI", AccountType.Reseller), (acme.AccountName, acme.AccountType));
        Assert.Equal(Dollars(0m), acme.Total);   // the call of April 1st in Paris is not March's
        Assert.Equal(("acc-1", AccountType.Customer), (results[0].Invoice!.AccountName, results[0].Invoice!.AccountType));
        var resellers = await _h.Invoices.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { AccountType = AccountType.Reseller });
        Assert.Equal([acme.InvoiceId], resellers.Items.Select(i => i.InvoiceId));
        Assert.Null(await _h.Invoices.FindPrepayInvoiceAsync("acc-0-april", March));
    }

    [Fact]
    public async Task CloseAll_OfAPeriod_ReadsEveryPageOfAccounts()
    {
        var ids = Enumerable.Range(0, PageRequest.MaxSize + 1).Select(i => $"acc-{i:D4}").ToList();
        await _h.OpenAsync([.. ids]);
        _h.AfterMarch();

        var results = await _h.Prepay.CloseAllAsync(March);

        Assert.Equal(ids, results.Select(r => r.AccountId));
        Assert.All(results, r => Assert.Equal(PrepayCloseOutcome.Made, r.Outcome));
    }

    [Fact]
    public async Task CloseAll_OfADefaultPeriod_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>("period", () => _h.Prepay.CloseAllAsync(default(BillingPeriod)));

    [Fact]
    public async Task FailedSave_ConsumesNoNumber()
    {
        await _h.ChargedAsync("acc-1", "s1", 10m);
        await _h.ChargedAsync("acc-2", "s2", 10m);
        _h.AfterMarch();
        _h.Invoices.BeforeCommit = invoice => throw new IOException($"disk full while saving {invoice.InvoiceId}");

        var failed = await _h.Prepay.CloseAllAsync([PeriodOf("acc-1")]);
        _h.Invoices.BeforeCommit = null;
        var made = await _h.Prepay.CloseAsync(PeriodOf("acc-2"));

        Assert.IsType<IOException>(failed[0].Error);
        Assert.Null(await _h.Invoices.FindPrepayInvoiceAsync("acc-1", March));
        Assert.Equal("INV-202604-000001", made.Invoice!.Number);
    }

    [Fact]
    public async Task ParallelCloses_TakeGaplessUniqueNumbers()
    {
        foreach (var i in Enumerable.Range(0, 40))
        {
            await _h.ChargedAsync($"acc-{i}", $"s{i}", 1m + i);
        }

        _h.AfterMarch();
        var accounts = Enumerable.Range(0, 60).Select(i => PeriodOf($"acc-{i % 40}")).ToList();

        var results = await Task.WhenAll(accounts.Select(a => Task.Run(() => _h.Prepay.CloseAsync(a))));

        Assert.Equal(40, results.Count(r => r.Outcome == PrepayCloseOutcome.Made));
        var numbers = results.Where(r => r.Outcome == PrepayCloseOutcome.Made).Select(r => r.Invoice!.Sequence!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), numbers);
        Assert.Equal(40, results.Select(r => r.Invoice!.Number).Distinct().Count());
        Assert.Equal(40, await _h.Invoices.LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task ALateCall_AfterItsPeriodClosed_IsBookedIntoTheOpenPeriod_WithItsDateKept()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        _h.AfterMarch();
        var march = (await _h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice!;
        var lateAt = Instant.FromUtc(2026, 3, 31, 23, 0);

        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-late", 2.50m, at: lateAt));
        _h.Prepaid.Clock.Advance(Duration.FromDays(31));
        var april = (await _h.Prepay.CloseAsync(PeriodIn("acc-42", BillingPeriod.OfMonth(new YearMonth(2026, 4))))).Invoice!;

        var record = (await _h.Prepaid.Store.FindConsumptionAsync("acc-42", "req-late"))!;
        Assert.Equal((lateAt, (Instant?)Instant.FromUtc(2026, 4, 1, 0, 0)), (record.OccurredAt, record.BookedAt));
        Assert.Equal(march, (await _h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice);   // March says what it said
        Assert.Empty(march.Charges);
        Assert.Equal([Dollars(2.50m)], april.Charges.Select(c => c.Amount));
    }

    [Fact]
    public async Task ACallRacingTheClose_IsOnExactlyOneInvoice()
    {
        var store = new InterceptingPrepaidStore(_h.Prepaid.Store);
        var consumption = new ConsumptionService(store, _h.Prepaid.Clock);
        var prepay = new PrepayInvoicing(_h.Invoices, store, new ChargeEngine(ChargePolicy.PerLine), InvoiceNumbering.OneSeries(Series), _h.Prepaid.Clock);
        await _h.Prepaid.FundAsync("acc-42", 100m);
        _h.AfterMarch();
        PrepayCloseResult? march = null;
        store.Before(change => change.Consumption is not null, async () => march = await prepay.CloseAsync(PeriodOf("acc-42")));

        await consumption.RecordAsync(Call("acc-42", "req-racing", 1.25m, at: Instant.FromUtc(2026, 3, 31, 23, 59)));
        _h.Prepaid.Clock.Advance(Duration.FromDays(31));
        var april = await prepay.CloseAsync(PeriodIn("acc-42", BillingPeriod.OfMonth(new YearMonth(2026, 4))));

        var onInvoices = new[] { march!.Invoice!, april.Invoice! }.Sum(i => i.Charges.Count(c => c.Description.Contains("1 calls", StringComparison.Ordinal)));
        Assert.Equal(1, onInvoices);
        Assert.Empty(march.Invoice!.Charges);
    }

    [Fact]
    public async Task ACorrectionApprovedAfterItsPeriodClosed_IsBookedIntoTheOpenPeriod()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        await _h.Prepaid.Corrections.RequestAsync("cor-1", "acc-42", Dollars(3m), "Goodwill", "alice");
        _h.AfterMarch();
        await _h.Prepay.CloseAsync(PeriodOf("acc-42"));
        _h.Prepaid.Clock.Reset(Instant.FromUtc(2026, 3, 31, 23, 0));   // another process whose clock is behind

        var approved = await _h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-1", "bob");
        _h.Prepaid.Clock.Reset(Instant.FromUtc(2026, 5, 2, 0, 0));
        var april = (await _h.Prepay.CloseAsync(PeriodIn("acc-42", BillingPeriod.OfMonth(new YearMonth(2026, 4))))).Invoice!;

        Assert.Equal((Instant?)Instant.FromUtc(2026, 4, 1, 0, 0), approved.Correction.BookedAt);
        Assert.True(approved.Correction.ApprovedAt < Instant.FromUtc(2026, 4, 1, 0, 0));   // its own date kept
        Assert.Equal(["cor-1"], april.Corrections.Select(c => c.CorrectionId));
    }

    [Fact]
    public async Task ClosingAnAccountNeverOpened_IsRefused_BeforeAnyNumberIsTaken()
    {
        _h.AfterMarch();

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _h.Prepay.CloseAsync(PeriodOf("acc-ghost")));

        Assert.Equal("storage.not_found", missing.Code);
        Assert.Equal(0, await _h.Invoices.LastSequenceAsync("INV"));
        Assert.Null(await _h.Invoices.FindPrepayInvoiceAsync("acc-ghost", March));
    }

    [Fact]
    public void ADefaultPeriod_IsRefused() =>
        Assert.Throws<ArgumentException>("period", () => new PrepayPeriod("acc", "Acme", default, Utc, Usd));

    [Fact]
    public async Task AWeeklyAndAMonthlyPeriod_StartingTheSameDay_AreTwoInvoices()
    {
        await _h.ChargedAsync("acc-42", "s1", 1m, Instant.FromUtc(2026, 3, 2, 0, 0));
        await _h.ChargedAsync("acc-42", "s2", 2m);
        _h.AfterMarch();
        var week = new BillingPeriod(new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 8));

        var weekly = (await _h.Prepay.CloseAsync(PeriodIn("acc-42", week))).Invoice!;
        var monthly = (await _h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice!;

        Assert.NotEqual(weekly.InvoiceId, monthly.InvoiceId);
        Assert.Equal(("INV-202604-000001", "INV-202604-000002"), (weekly.Number, monthly.Number));
        Assert.Equal(weekly, await _h.Invoices.FindPrepayInvoiceAsync("acc-42", week));
        Assert.Equal(monthly, await _h.Invoices.FindPrepayInvoiceAsync("acc-42", March));
    }

    private static PrepayPeriod PeriodIn(string account, BillingPeriod period) => new(account, $"Account {account}", period, Utc, Usd);
}
