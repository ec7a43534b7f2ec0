using Billing.Domain.Charging;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime.Testing;

namespace Billing.Domain.Sqlite.Tests;

/// <summary>Closing a period, issuing an application and a billing run leave nothing half written when the transaction fails at any step.</summary>
public sealed class FailedStepTests : IDisposable
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    private static readonly NumberSeries Series = new("INV", "INV-{seq:0000}");
    private readonly TemporaryDatabase _database = new();
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 1, 0, 0)) { AutoAdvance = Duration.FromMinutes(1) };

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("series")]
    [InlineData("invoice")]
    public async Task ClosingAPeriod_FailingAtAnyStep_WritesNothing_AndTakesNoNumber(string step)
    {
        var prepaid = new SqlitePrepaidStore(_database.Path);
        var invoices = new SqliteInvoiceStore(_database.Path);
        await new PrepaidAccountService(prepaid, _clock).OpenAsync("acc", Usd, new Money(100m, Usd));
        await BilledSubscriptions.ChargeAsync(prepaid, "acc", "sub", ChargeSpec.For("Plan", 1m, new RecurringFee(new Money(10m, Usd))), March, Instant.FromUtc(2026, 3, 5, 0, 0));
        _clock.Advance(Duration.FromDays(40));
        var invoicing = new PrepayInvoicing(invoices, prepaid, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(Series), _clock);
        var period = new PrepayPeriod("acc", "Acme", March, new AccountTimeZone(DateTimeZone.Utc), Usd);
        invoices.AfterStep = name => Fail(name, step);

        var failed = await invoicing.CloseAllAsync([period]);

        Assert.IsType<IOException>(failed[0].Error);
        Assert.Null(await invoices.FindPrepayInvoiceAsync("acc", March));
        Assert.Equal(0, await invoices.LastSequenceAsync("INV"));
        invoices.AfterStep = null;
        Assert.Equal("INV-0001", (await invoicing.CloseAsync(period)).Invoice!.Number);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("series")]
    [InlineData("application")]
    public async Task IssuingAnApplication_FailingAtAnyStep_WritesNothing_AndTakesNoNumber(string step)
    {
        var prepaid = new SqlitePrepaidStore(_database.Path);
        var gateway = new InMemoryPaymentGateway(_clock);
        gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());
        await new PrepaidAccountService(prepaid, _clock).OpenAsync("acc", Usd);
        var topUps = new TopUpService(prepaid, gateway, _clock);
        await topUps.CreateAsync("ord", "acc", new Money(100m, Usd), new Money(100m, Usd), "card");
        await topUps.StartPaymentAsync("ord");
        var headers = new InMemoryInvoiceHeaderStore();
        await new InvoiceHeaderService(headers).AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
        var applications = new InvoiceApplicationService(prepaid, headers, new NumberSeries("FP", "FP-{seq:0000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), _clock);
        await applications.ApplyAsync("app", "acc", new Money(40m, Usd), "a@acme.example");
        await applications.ApproveAsync("acc", "app", "fin");
        var before = (await prepaid.FindAccountAsync("acc"), await prepaid.FindApplicationAsync("app"));
        prepaid.AfterStep = name => Fail(name, step);

        await Assert.ThrowsAsync<IOException>(() => applications.IssueAsync("acc", "app"));

        Assert.Equal(before, (await prepaid.FindAccountAsync("acc"), await prepaid.FindApplicationAsync("app")));
        Assert.Equal(0, await prepaid.LastApplicationSequenceAsync("FP"));
        prepaid.AfterStep = null;
        Assert.Equal("FP-0001", (await applications.IssueAsync("acc", "app")).Number);
    }

    [Theory]
    [InlineData("billing run")]
    [InlineData("account")]
    [InlineData("entry")]
    [InlineData("charge")]
    [InlineData("subscription")]
    public async Task ABillingRun_FailingAtAnyStep_WritesNothingOfThatCommit_AndRunningAgainChargesOnce(string step)
    {
        var prepaid = new SqlitePrepaidStore(_database.Path);
        var day = new LocalDate(2026, 1, 1);
        var plans = Billing.Domain.Plans.PlanCatalog.Empty.With(new Billing.Domain.Plans.Plan(
            "pro", 1, day, "Pro", BillingType.Recurring, BillingInterval.Monthly, Billing.Domain.Plans.BillingMode.InAdvance,
            [new Billing.Domain.Plans.PlanCharge("Fee", Billing.Domain.Plans.PlanChargeKind.Fee, new PerUnitPrice(new Money(20m, Usd)))]));
        var subscriptions = new SubscriptionService(prepaid, plans, DateTimeZone.Utc, _clock);
        var gateway = new InMemoryPaymentGateway(_clock);
        gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());
        var topUps = new TopUpService(prepaid, gateway, _clock);
        await new PrepaidAccountService(prepaid, _clock).OpenAsync("acc", Usd);
        await topUps.StartPaymentAsync((await topUps.CreateAsync("ord-1", "acc", new Money(30m, Usd), new Money(30m, Usd), "card")).OrderId);
        foreach (var id in new[] { "paid", "short" })
        {
            await subscriptions.OrderAsync(id, "acc", "Seats", "pro", PaymentModel.Prepaid, "alice");
            await subscriptions.ChangeAsync("acc", id, (s, now) => s.StartActivation(now, "p"));
            await subscriptions.ChangeAsync("acc", id, (s, now) => s.CompleteActivation(now, "p"));
        }

        var run = new BillingRun(prepaid, plans, new ChargeEngine(ChargePolicy.PerLine), DateTimeZone.Utc, _clock);
        var at = _clock.GetCurrentInstant();
        prepaid.AfterStep = name => Fail(name, step);
        await Assert.ThrowsAsync<IOException>(() => run.RunAsync(at));
        prepaid.AfterStep = null;
        var result = await run.RunAsync(at);

        var charges = (await prepaid.QueryChargesAsync(new SubscriptionChargeQuery("acc"))).Items;
        var entries = (await prepaid.ListEntriesAsync("acc", default, new Billing.Domain.Storage.PageRequest(1, 100))).Items;
        Assert.Equal(2, charges.Count);                                                           // each subscription charged once
        Assert.Equal(1, charges.Count(c => c.Status == SubscriptionChargeStatus.Closed));        // 30.00 pays one fee of 20.00
        Assert.Equal(new Money(10m, Usd), (await prepaid.FindAccountAsync("acc"))!.Balance);
        Assert.Equal(new Money(10m, Usd), entries.Aggregate(new Money(0m, Usd), (sum, e) => sum + e.Amount));
        Assert.Equal(SubscriptionStatus.Graced, (await prepaid.FindSubscriptionAsync(charges.Single(c => c.Status == SubscriptionChargeStatus.Open).SubscriptionId))!.Status);
        Assert.Equal(at, await prepaid.LastBillingRunAsync());
        Assert.Equal(2, result.Subscriptions);
    }

    private static void Fail(string name, string step)
    {
        if (name == step)
        {
            throw new IOException($"disk failed after {name}");
        }
    }
}
