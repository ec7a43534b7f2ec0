using Billing.Domain.Charging;
using Billing.Domain.Invoices;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Tests.Prepaid;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Invoices;

/// <summary>The prepaid harness plus the invoice store and both invoicing services, numbering from INV-{yyyy}{MM}-{seq:000000}.</summary>
internal sealed class InvoiceHarness
{
    public static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    public static readonly NumberSeries Series = new("INV", "INV-{yyyy}{MM}-{seq:000000}");
    public static readonly AccountTimeZone Utc = new(DateTimeZone.Utc);

    public InvoiceHarness()
    {
        Invoices = new InMemoryInvoiceStore(Prepaid.Store);   // invoice.closed goes to the prepaid store's outbox
        var engine = new ChargeEngine(ChargePolicy.PerLine);
        Prepay = new PrepayInvoicing(Invoices, Prepaid.Store, engine, InvoiceNumbering.OneSeries(Series), Prepaid.Clock, retry: ConflictRetryPolicy.Immediate(1_000));
        Postpaid = new PostpaidInvoicing(Invoices, engine, InvoiceNumbering.OneSeries(Series), Prepaid.Clock, retry: ConflictRetryPolicy.Immediate(1_000));
    }

    public PrepaidHarness Prepaid { get; } = new();

    public InMemoryInvoiceStore Invoices { get; }

    public PrepayInvoicing Prepay { get; }

    public PostpaidInvoicing Postpaid { get; }

    public static ChargeSpec Plan(string name, decimal monthly) =>
        ChargeSpec.For(name, 1m, new RecurringFee(Dollars(monthly))) with { DurationMonths = 1m, Taxes = [new TaxRate("VAT", 20m)] };

    public static PrepayPeriod PeriodOf(string account) => new(account, $"Account {account}", March, Utc, Usd);

    /// <summary>Stores what the billing run leaves for a subscription of the account: its March charge of <paramref name="monthly"/> + 20 % VAT, closed on <paramref name="closedAt"/> (March 15 when null) and paid; the account's ledger is opened when it is not.</summary>
    public async Task ChargedAsync(string account, string subscriptionId, decimal monthly, Instant? closedAt = null)
    {
        if (await Prepaid.Store.FindAccountAsync(account) is null)
        {
            await Prepaid.Accounts.OpenAsync(account, Usd, Dollars(1_000_000m));
        }

        await BilledSubscriptions.ChargeAsync(Prepaid.Store, account, subscriptionId, Plan($"Plan of {subscriptionId}", monthly), March, closedAt ?? Instant.FromUtc(2026, 3, 15, 0, 0));
    }

    /// <summary>Opens the accounts' ledgers in USD: a Prepay close refuses an account never opened.</summary>
    public async Task OpenAsync(params string[] accounts)
    {
        foreach (var account in accounts)
        {
            await Prepaid.Accounts.OpenAsync(account, Usd);
        }
    }

    /// <summary>Moves the clock into April, after March ended.</summary>
    public void AfterMarch() => Prepaid.Clock.Advance(Duration.FromDays(32));
}
