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

/// <summary>Closing a period and issuing an application leave nothing half written when the transaction fails at any step.</summary>
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
        await new PrepaidAccountService(prepaid, _clock).OpenAsync("acc", Usd);
        _clock.Advance(Duration.FromDays(40));
        var invoicing = new PrepayInvoicing(invoices, prepaid, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(Series), _clock);
        var period = new PrepayPeriod("acc", "Acme", March, new AccountTimeZone(DateTimeZone.Utc), Usd)
        {
            Subscriptions = [new SubscriptionCharges(new InvoiceSubscription("sub", "Plan", SubscriptionStatus.Active), [ChargeSpec.For("Plan", 1m, new RecurringFee(new Money(10m, Usd)))])],
        };
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

    private static void Fail(string name, string step)
    {
        if (name == step)
        {
            throw new IOException($"disk failed after {name}");
        }
    }
}
