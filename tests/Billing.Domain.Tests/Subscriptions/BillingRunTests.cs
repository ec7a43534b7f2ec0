using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Tests.Prepaid;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Subscriptions;

public partial class BillingRunTests
{
    private static readonly LocalDate Jan1 = new(2026, 1, 1);
    private static readonly TaxRate Vat = new("VAT", 21m);

    private readonly PrepaidHarness _h = new();
    private readonly InterceptingPrepaidStore _store;
    private PlanCatalog _plans = PlanCatalog.Empty
        .With(Plan("pro", BillingMode.InAdvance, 20m))
        .With(Plan("pro", BillingMode.InAdvance, 30m, version: 2, from: new LocalDate(2026, 5, 1)))
        .With(Plan("late", BillingMode.InArrears, 20m))
        .With(Plan("trial", BillingMode.InAdvance, 20m, trial: BillingInterval.OfDays(14)))
        .With(Plan("max", BillingMode.InAdvance, 50m))
        .With(Plan("late-max", BillingMode.InArrears, 50m));

    public BillingRunTests()
    {
        _store = new InterceptingPrepaidStore(_h.Store);
    }

    private SubscriptionService Subscriptions => new(_store, _plans, DateTimeZone.Utc, _h.Clock);

    private AccountClass _class = AccountClass.Automatic;

    private DateTimeZone? _accountZone;

    private int? _billingDay;

    private BillingRun Run => new(_store, _plans, new ChargeEngine(ChargePolicy.PerLine), DateTimeZone.Utc, _h.Clock, _ => new AccountBilling(_class, _accountZone, _billingDay));

    private static Instant On(int month, int day) => Instant.FromUtc(2026, month, day, 12, 0);

    private static Plan Plan(string id, BillingMode mode, decimal fee, int version = 1, LocalDate? from = null, BillingInterval? trial = null) =>
        new(id, version, from ?? Jan1, "Pro", BillingType.Recurring, BillingInterval.Monthly, mode, [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(Dollars(fee)))],
            taxes: [Vat], trial: trial);

    // Orders and activates a prepaid subscription on the clock's day.
    private async Task ActivateAsync(string subscriptionId, string plan, decimal funds, PaymentModel model = PaymentModel.Prepaid)
    {
        if (await _h.Store.FindAccountAsync("acc") is null)
        {
            await _h.FundAsync("acc", funds);
        }

        await Subscriptions.OrderAsync(subscriptionId, "acc", "Seats", plan, model, "alice");
        await Subscriptions.ChangeAsync("acc", subscriptionId, (s, now) => s.StartActivation(now, "p"));
        await Subscriptions.ChangeAsync("acc", subscriptionId, (s, now) => s.CompleteActivation(now, "p"));
    }

    private Billing.Domain.Invoices.PrepayInvoicing Invoicing => new(
        new Billing.Domain.Testing.InMemory.InMemoryInvoiceStore(_h.Store), _store, new ChargeEngine(ChargePolicy.PerLine),
        Numbering, _h.Clock);

    private static Billing.Domain.Invoices.InvoiceNumbering Numbering =>
        Billing.Domain.Invoices.InvoiceNumbering.OneSeries(new Billing.Domain.Numbering.NumberSeries("INV", "INV-{seq:0000}"));

    private static Billing.Domain.Invoices.PrepayPeriod Month(int month) =>
        new("acc", "Acme", BillingPeriod.OfMonth(new YearMonth(2026, month)), new AccountTimeZone(DateTimeZone.Utc), Usd);

    private async Task<IReadOnlyList<SubscriptionCharge>> ChargesAsync() => (await _h.Store.QueryChargesAsync(new SubscriptionChargeQuery("acc"))).Items;

    [Fact]
    public async Task InAdvance_ChargesEachPeriodOnItsFirstDay_FromTheBalance_Once()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);

        var first = await Run.RunAsync(On(3, 10));
        var again = await Run.RunAsync(On(4, 9));
        var second = await Run.RunAsync(On(4, 10));

        Assert.Equal(new BillingRunResult(1, 1, 1, 0, 0, 0), first);
        Assert.Equal(new BillingRunResult(1, 0, 0, 0, 0, 0), again);
        Assert.Equal(new BillingRunResult(1, 1, 1, 0, 0, 0) { Renewed = 1 }, second);
        var charges = await ChargesAsync();
        Assert.Equal(["sub-1/2026-03-10/Fee", "sub-1/2026-04-10/Fee"], charges.Select(c => c.ChargeId));
        Assert.All(charges, c => Assert.Equal((SubscriptionChargeStatus.Closed, Dollars(24.20m), 1m), (c.Status, c.Amount, c.Line.DurationMonths)));
        Assert.Equal(new BillingPeriod(new LocalDate(2026, 3, 10), new LocalDate(2026, 4, 10)), charges[0].Period);
        Assert.Equal(Dollars(100m - 48.40m), (await _h.Store.FindAccountAsync("acc"))!.Balance);
        Assert.Equal(Dollars(100m - 48.40m), await _h.SumOfEntriesAsync("acc"));
        var debit = await _h.Store.FindEntryAsync("acc", "charge:sub-1/2026-03-10/Fee");
        Assert.Equal((LedgerEntryKind.SubscriptionChargeDebit, Dollars(-24.20m), "Pro Fee"), (debit!.Kind, debit.Amount, debit.Description));
    }

    [Fact]
    public async Task InArrears_ChargesAPeriodOnceItHasEnded()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "late", 100m);

        Assert.Equal(0, (await Run.RunAsync(On(4, 9))).ChargesMade);
        Assert.Equal(1, (await Run.RunAsync(On(4, 10))).ChargesMade);

        Assert.Equal(["sub-1/2026-03-10/Fee"], (await ChargesAsync()).Select(c => c.ChargeId));
    }

    [Fact]
    public async Task APriceChange_AppliesFromThePeriodStartingOnOrAfterIt_AndKeepsEarlierCharges()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 500m);

        await Run.RunAsync(On(5, 10));

        var charges = await ChargesAsync();
        Assert.Equal([1, 1, 2], charges.Select(c => c.PlanVersion));
        Assert.Equal([Dollars(24.20m), Dollars(24.20m), Dollars(36.30m)], charges.Select(c => c.Amount));
    }

    [Fact]
    public async Task ATrial_DelaysTheFirstPeriod()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "trial", 100m);

        Assert.Equal(0, (await Run.RunAsync(On(3, 23))).ChargesMade);
        await Run.RunAsync(On(3, 24));

        Assert.Equal(["sub-1/2026-03-24/Fee"], (await ChargesAsync()).Select(c => c.ChargeId));
    }

    [Fact]
    public async Task NotEnoughBalance_LeavesTheChargeOpen_Graces_AndATopUpSettlesIt()
    {
        _class = AccountClass.Automatic with { GracePeriod = Duration.FromDays(60) };
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 10m);

        var short1 = await Run.RunAsync(On(3, 10));
        var short2 = await Run.RunAsync(On(4, 10));

        Assert.Equal(new BillingRunResult(1, 1, 0, 1, 0, 0), short1);
        Assert.Equal(new BillingRunResult(1, 1, 0, 0, 0, 0), short2);
        var graced = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal((SubscriptionStatus.Graced, "charge sub-1/2026-03-10/Fee of 24.20 USD exceeds the balance"), (graced.Status, graced.History[^1].Reason));
        Assert.All(await ChargesAsync(), c => Assert.Equal(SubscriptionChargeStatus.Open, c.Status));
        Assert.Equal(Dollars(10m), (await _h.Store.FindAccountAsync("acc"))!.Balance);

        await TopUpAsync("ord-2", 30m);
        var partly = await Run.RunAsync(On(4, 11));                // 40.00: the older charge only

        Assert.Equal(new BillingRunResult(1, 0, 1, 0, 0, 0), partly);
        Assert.Equal([SubscriptionChargeStatus.Closed, SubscriptionChargeStatus.Open], (await ChargesAsync()).Select(c => c.Status));
        Assert.Equal(SubscriptionStatus.Graced, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);

        await TopUpAsync("ord-3", 10m);
        var settled = await Run.RunAsync(On(4, 12));

        Assert.Equal(new BillingRunResult(1, 0, 1, 0, 1, 0), settled);
        Assert.Equal(SubscriptionStatus.Active, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);
        Assert.Equal(Dollars(50m - 48.40m), (await _h.Store.FindAccountAsync("acc"))!.Balance);
        Assert.Equal(Dollars(50m - 48.40m), await _h.SumOfEntriesAsync("acc"));
    }

    [Fact]
    public async Task ACrashBeforeACommit_ThenRunningAgain_MakesEachChargeOnce()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        _store.Before(c => c.Charges.Count > 0, () => throw new IOException("the process died"));

        await Assert.ThrowsAsync<IOException>(() => Run.RunAsync(On(4, 10)));
        var resumed = await Run.RunAsync(On(4, 10));

        Assert.Equal(2, resumed.ChargesMade);
        Assert.Equal(2, (await ChargesAsync()).Count);
        Assert.Equal(Dollars(100m - 48.40m), await _h.SumOfEntriesAsync("acc"));
    }

    [Fact]
    public async Task ASubscriptionNeverActive_IsNotCharged()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await _h.FundAsync("acc", 100m);
        await Subscriptions.OrderAsync("sub-2", "acc", "Seats", "pro", PaymentModel.Prepaid, "alice");
        await Subscriptions.ChangeAsync("acc", "sub-2", (s, now) => s.StartActivation(now, "p"));

        Assert.Equal(new BillingRunResult(0, 0, 0, 0, 0, 0), await Run.RunAsync(On(6, 1)));
    }

    [Fact]
    public async Task AnAccountsBillingDay_ProratesTheFirstPeriod_ThenBillsEveryPeriodOnThatDay()
    {
        _billingDay = 1;
        _h.Clock.Reset(On(3, 2));
        await _h.FundAsync("acc", 100m);
        await Subscriptions.OrderAsync("sub-1", "acc", "Seats", "pro", PaymentModel.Prepaid, "alice");   // ordered on the 2nd: not in use until Active
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await Subscriptions.ChangeAsync("acc", "sub-1", (s, now) => s.StartActivation(now, "p"));
        await Subscriptions.ChangeAsync("acc", "sub-1", (s, now) => s.CompleteActivation(now, "p"));

        await Run.RunAsync(On(4, 1));

        Assert.Equal(
            [
                ("sub-1/2026-03-01/Fee/from-2026-03-10", new BillingPeriod(new LocalDate(2026, 3, 10), new LocalDate(2026, 4, 1)), 17.17m),   // 20.00 x 22/31 = 14.19 + 2.98 VAT
                ("sub-1/2026-04-01/Fee", BillingPeriod.OfMonth(new YearMonth(2026, 4)), 24.20m),
            ],
            (await ChargesAsync()).Select(c => (c.ChargeId, c.Period, c.Amount.Amount)));
    }

    [Fact]
    public async Task AnAccountsTimeZone_DecidesWhichDayItIs()
    {
        _accountZone = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];   // UTC+9
        _h.Clock.Reset(Instant.FromUtc(2026, 3, 9, 20, 0));            // March 10, 05:00 in Tokyo
        await ActivateAsync("sub-1", "pro", 100m);

        await Run.RunAsync(Instant.FromUtc(2026, 4, 9, 14, 59));       // April 9, 23:59 in Tokyo: the period from March 10 is not over
        var before = (await ChargesAsync()).Count;
        await Run.RunAsync(Instant.FromUtc(2026, 4, 9, 15, 0));        // April 10, 00:00 in Tokyo

        Assert.Equal(1, before);
        Assert.Equal(["sub-1/2026-03-10/Fee", "sub-1/2026-04-10/Fee"], (await ChargesAsync()).Select(c => c.ChargeId));
    }

    [Fact]
    public void AccountBilling_RefusesABillingDayOutside1To31_AndANullClass()
    {
        Assert.Throws<ArgumentOutOfRangeException>("BillingDay", () => new AccountBilling(AccountClass.Automatic, null, 0));
        Assert.Throws<ArgumentOutOfRangeException>("BillingDay", () => new AccountBilling(AccountClass.Automatic, null, 32));
        Assert.Throws<ArgumentNullException>("Class", () => new AccountBilling(null!));
        Assert.Equal((AccountClass.Automatic, (DateTimeZone?)null, (int?)null), (AccountBilling.Default.Class, AccountBilling.Default.Zone, AccountBilling.Default.BillingDay));
    }

    [Fact]
    public async Task APlanTheCatalogLacks_FailsTheSubscriptionsRenewal_AndTheRunGoesOn()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        await ActivateAsync("sub-2", "late", 100m);
        _plans = PlanCatalog.Empty.With(Plan("late", BillingMode.InArrears, 20m));

        var result = await Run.RunAsync(On(4, 10));
        var again = await Run.RunAsync(On(4, 11));

        Assert.Equal((1, 1, 0), (result.RenewalsFailed, result.ChargesMade, again.RenewalsFailed));   // sub-2's March is charged; sub-1 waits for its plan
        var failed = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal(SubscriptionStatus.RenewingFailed, failed.Status);
        Assert.Equal("The catalog has no version of plan 'pro' in force on 2026-03-10.", failed.History[^1].Reason);
        Assert.Equal((SubscriptionStatus.Renewing, "period from 2026-03-10"), (failed.History[^2].To, failed.History[^2].Reason));
        Assert.Equal(["sub-2/2026-03-10/Fee"], (await ChargesAsync()).Select(c => c.ChargeId));
    }

    [Fact]
    public async Task EachNewPeriod_RenewsTheSubscription_Once()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);

        var first = await Run.RunAsync(On(3, 10));
        var renewal = await Run.RunAsync(On(4, 10));
        var again = await Run.RunAsync(On(4, 11));

        Assert.Equal((0, 1, 0), (first.Renewed, renewal.Renewed, again.Renewed));
        var history = (await _h.Store.FindSubscriptionAsync("sub-1"))!.History;
        Assert.Equal(
            [(SubscriptionStatus.Renewing, "period from 2026-04-10"), (SubscriptionStatus.Active, "period from 2026-04-10")],
            history.TakeLast(2).Select(c => (c.To, c.Reason)));
        Assert.All(history.TakeLast(2), c => Assert.Equal(On(4, 10), c.At));
    }

    [Fact]
    public async Task ARunBeforeTheLast_IsATypedError_AndWritesNothing()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        await Run.RunAsync(On(4, 10));
        var before = await _h.Store.FindAccountAsync("acc");

        var refused = await Assert.ThrowsAsync<BillingRunOutOfOrderException>(() => Run.RunAsync(On(4, 9)));
        var again = await Run.RunAsync(On(4, 10));   // the same instant again resumes, and finds nothing to do

        Assert.Equal((On(4, 9), On(4, 10), "billing.run_before_last"), (refused.At, refused.Last, refused.Code));
        Assert.Equal(On(4, 10), await _h.Store.LastBillingRunAsync());
        Assert.Equal(before, await _h.Store.FindAccountAsync("acc"));
        Assert.Equal(0, again.ChargesMade);
    }

    [Fact]
    public async Task AStatusChange_IsNeverRecordedBeforeTheSubscriptionsLastChange()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 1m);
        _h.Clock.Reset(On(3, 10) + Duration.FromHours(6));   // renewed in the evening; the run bills up to noon
        await Subscriptions.ChangeAsync("acc", "sub-1", (s, now) => s.Renew(now, "p"));
        await Subscriptions.ChangeAsync("acc", "sub-1", (s, now) => s.CompleteRenewal(now, "p"));

        await Run.RunAsync(On(3, 10));

        var subscription = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal(SubscriptionStatus.Graced, subscription.Status);
        Assert.Equal(subscription.History[^2].At, subscription.History[^1].At);
    }

    [Theory]
    [InlineData(OperationMode.Automatic, "stopping")]
    [InlineData(OperationMode.Manual, "waiting_for_manual_approve")]
    public async Task AGracedSubscription_UnpaidAfterTheGracePeriod_IsStopped(OperationMode stopMode, string status)
    {
        _class = new AccountClass("Class", stopMode, OperationMode.Automatic) { GracePeriod = Duration.FromDays(3) };
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 1m);
        await Run.RunAsync(On(3, 10));

        var early = await Run.RunAsync(On(3, 13) - Duration.FromTicks(1));
        var late = await Run.RunAsync(On(3, 13));
        var after = await Run.RunAsync(On(3, 20));

        Assert.Equal(0, early.GraceExpired);
        Assert.Equal(1, late.GraceExpired);
        Assert.Equal(0, after.GraceExpired);
        var subscription = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal(SubscriptionStatus.Parse(status), subscription.Status);
        Assert.Equal((SubscriptionTrigger.GracePeriodExpired, On(3, 13)), (subscription.History[^1].Trigger, subscription.History[^1].At));
        Assert.Equal("unpaid after the grace period of 3:00:00:00", subscription.History[^1].Reason);
        Assert.Equal(SubscriptionChargeStatus.Open, (await ChargesAsync())[0].Status);   // still owed
    }

    [Fact]
    public async Task AGracedSubscription_PaidBeforeTheDeadlineRuns_IsNeverStopped()
    {
        _class = new AccountClass("Class", OperationMode.Automatic, OperationMode.Automatic) { GracePeriod = Duration.FromDays(3) };
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 1m);
        await Run.RunAsync(On(3, 10));
        await TopUpAsync("ord-2", 30m);

        var result = await Run.RunAsync(On(3, 20));   // past the deadline, but the balance now pays the charge

        Assert.Equal((1, 1, 0), (result.ChargesPaid, result.Restored, result.GraceExpired));
        Assert.Equal(SubscriptionStatus.Active, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);
    }

    [Fact]
    public async Task ATopUp_SettledAtOnce_PaysTheOpenCharges_AndFiresPaymentReceived_WithoutARun()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 1m);
        await Run.RunAsync(On(3, 10));
        await TopUpAsync("ord-2", 30m);

        await _h.FundAsync("acc-other", 1m);
        await Subscriptions.OrderAsync("sub-other", "acc-other", "Seats", "pro", PaymentModel.Prepaid, "alice");   // another account's: not looked at
        var settled = await Run.SettleAsync("acc", On(3, 12));
        var again = await Run.SettleAsync("acc", On(3, 12));
        await Assert.ThrowsAsync<ArgumentException>("accountId", () => Run.SettleAsync(" ", On(3, 12)));

        Assert.Equal(new BillingRunResult(1, 0, 1, 0, 1, 0), settled);
        Assert.Equal(new BillingRunResult(1, 0, 0, 0, 0, 0), again);
        var subscription = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal((SubscriptionStatus.Active, SubscriptionTrigger.PaymentReceived), (subscription.Status, subscription.History[^1].Trigger));
        Assert.Equal(SubscriptionChargeStatus.Closed, (await ChargesAsync())[0].Status);
        Assert.Equal(On(3, 10), await _h.Store.LastBillingRunAsync());   // settling is not a run
    }

    [Fact]
    public void AccountClass_GracePeriod_IsSevenDaysUnlessSet_AndNeverNegative()
    {
        Assert.Equal(Duration.FromDays(7), AccountClass.Automatic.GracePeriod);
        Assert.Equal(Duration.Zero, (AccountClass.Automatic with { GracePeriod = Duration.Zero }).GracePeriod);
        Assert.Throws<ArgumentOutOfRangeException>("GracePeriod", () => AccountClass.Automatic with { GracePeriod = Duration.FromTicks(-1) });
    }

    [Fact]
    public async Task ThePrepayInvoice_ListsTheChargesClosedInItsPeriod_AndTheirSubscriptionsLiveStatus()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        await Run.RunAsync(On(3, 10));
        await Run.RunAsync(On(4, 10));
        _h.Clock.Reset(On(4, 15));
        await Subscriptions.ChangeAsync("acc", "sub-1", (s, now) => s.Stop(AccountClass.Automatic, now, "alice"));
        _h.Clock.Reset(On(5, 2));
        var march = (await Invoicing.CloseAsync(Month(3))).Invoice!;
        var april = (await Invoicing.CloseAsync(Month(4))).Invoice!;

        Assert.Equal(["Pro Fee"], march.Charges.Select(c => c.Description));
        Assert.Equal((Dollars(24.20m), 1m), (march.Charges[0].Amount, march.Charges[0].DurationMonths));
        Assert.Equal(Dollars(24.20m), march.Total);
        Assert.Equal([("sub-1", "Seats", SubscriptionStatus.Stopping)], march.Subscriptions.Select(s => (s.Id, s.Name, s.Status)));
        Assert.Single(april.Charges);                                   // April's charge is on April's invoice only
        Assert.Equal(1, april.Charges[0].Number);
    }

    [Fact]
    public async Task ARunAfterItsPeriodWasInvoiced_BooksItsChargesInTheNextPeriod_SoNoneIsLeftOffBothInvoices()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        _h.Clock.Reset(On(4, 2));
        var invoicing = Invoicing;
        var march = (await invoicing.CloseAsync(Month(3))).Invoice!;

        await Run.RunAsync(On(3, 31));   // a late run: billing up to an instant March's invoice has already closed
        _h.Clock.Reset(On(5, 2));
        var april = (await invoicing.CloseAsync(Month(4))).Invoice!;

        Assert.Empty(march.Charges);
        Assert.Equal(["Pro Fee"], april.Charges.Select(c => c.Description));
        var charge = (await ChargesAsync()).Single();
        Assert.Equal(Instant.FromUtc(2026, 4, 1, 0, 0), charge.ClosedAt);
        Assert.Equal(charge.ClosedAt, (await _h.Store.FindEntryAsync("acc", "charge:" + charge.ChargeId))!.RecordedAt);
    }

    [Fact]
    public async Task TheRun_TakesNoNumber_SoTheNextInvoiceIsTheFirstOfItsSeries()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 30m);
        await ActivateAsync("sub-2", "pro", 30m);
        _store.Before(c => c.Charges.Any(ch => ch.ChargeId == "sub-2/2026-04-10/Fee"), () => throw new IOException("the process died"));
        await Run.RunAsync(On(3, 10));                                      // one paid, one graced
        await Assert.ThrowsAsync<IOException>(() => Run.RunAsync(On(4, 10)));   // a crash in the middle (the hook runs once)
        await Run.RunAsync(On(4, 10));
        _h.Clock.Reset(On(4, 2));
        var invoices = new InMemoryInvoiceStore(_h.Store);

        var march = (await new Billing.Domain.Invoices.PrepayInvoicing(invoices, _store, new ChargeEngine(ChargePolicy.PerLine), Numbering, _h.Clock).CloseAsync(Month(3))).Invoice!;

        Assert.Equal("INV-0001", march.Number);
        Assert.Equal(1, await invoices.LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task Progress_IsReportedAfterEachSubscription_AndCancellationStopsBetweenThem()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        await ActivateAsync("sub-2", "pro", 100m);
        await Subscriptions.OrderAsync("sub-3", "acc", "Seats", "pro", PaymentModel.Postpaid, "alice");
        await Subscriptions.ChangeAsync("acc", "sub-3", (s, now) => s.StartActivation(now, "p"));
        await Subscriptions.ChangeAsync("acc", "sub-3", (s, now) => s.CompleteActivation(now, "p"));
        var reports = new List<BillingRunProgress>();

        await Run.RunAsync(On(3, 10), new SynchronousProgress<BillingRunProgress>(reports.Add));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal([(1, 3), (2, 3), (3, 3)], reports.Select(r => (r.Done, r.Total)));
        Assert.Equal(["sub-1", "sub-2", "sub-3"], reports.Select(r => r.SubscriptionId).Order(StringComparer.Ordinal));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Run.RunAsync(On(4, 10), null, cancelled.Token));
        Assert.Equal(3, (await ChargesAsync()).Count);   // March's three (the postpaid one open), nothing after the cancellation
    }
}
