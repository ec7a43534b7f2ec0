using System.Diagnostics;
using Billing.Domain.Tests.Shared;
using Billing.Domain.Consumption;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime.Testing;

namespace Billing.Domain.PostgreSql.Tests.MultiProcess;

/// <summary>
/// Several processes on one PostgreSQL schema, each with its own stores and connection pool: calls near the credit
/// limit never overdraw or record a request twice, duplicate payment callbacks credit an order once, and racing
/// period closes make one invoice per account with a gapless number series.
/// </summary>
public sealed class MultiProcessTests : IDisposable
{
    internal static readonly Currency Usd = Currency.FromCode("USD");
    internal static readonly Instant Noon = Instant.FromUtc(2026, 3, 10, 12, 0);
    private readonly TemporarySchema _schema = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("billing-pg-racers-").FullName;
    private readonly FakeClock _clock = new(Noon) { AutoAdvance = Duration.FromSeconds(1) };

    public void Dispose()
    {
        _schema.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CallsNearTheCreditLimit_InThreeProcesses_NeverOverdraw_AndRecordEachRequestOnce()
    {
        var store = new PostgreSqlPrepaidStore(_schema.Options);
        await new PrepaidAccountService(store, _clock).OpenAsync("acc", Usd, new Money(20m, Usd));   // room for 16 calls of 1.25

        var outputs = await RaceAsync("consume", 3);

        var account = (await store.FindAccountAsync("acc"))!;
        var calls = (await store.QueryConsumptionAsync(new ConsumptionQuery("acc") { Page = new PageRequest(1, PageRequest.MaxSize) })).Items;
        var entries = (await store.ListEntriesAsync("acc", InstantRange.All, new PageRequest(1, PageRequest.MaxSize))).Items;
        var recorded = outputs.SelectMany(o => o.Split(' ')).Count(o => o == nameof(ConsumptionOutcome.Recorded));
        Assert.Equal(new Money(-20m, Usd), account.Balance);   // 80 distinct calls for 16 places: every place taken, none past the limit
        Assert.Equal(16, calls.Count);
        Assert.Equal(16, recorded);
        Assert.Equal(calls.Count, calls.Select(c => c.RequestId).Distinct().Count());
        Assert.Equal(account.Balance, Money.Sum(entries.Select(e => e.Amount), Usd));
        Assert.All(entries, e => Assert.Equal(LedgerEntryKind.ConsumptionDebit, e.Kind));
    }

    [Fact]
    public async Task DuplicatePaymentCallbacks_InFourProcesses_CreditEachOrderOnce()
    {
        var store = new PostgreSqlPrepaidStore(_schema.Options);
        await new PrepaidAccountService(store, _clock).OpenAsync("acc", Usd);
        var topUps = new TopUpService(store, new InMemoryPaymentGateway(_clock), _clock);
        for (var order = 0; order < Racer.Orders; order++)
        {
            await topUps.CreateAsync($"ord-{order}", "acc", new Money(10m, Usd), new Money(10m, Usd), "card");
        }

        await RaceAsync("callback", 4);

        var account = (await store.FindAccountAsync("acc"))!;
        var entries = (await store.ListEntriesAsync("acc", InstantRange.All, new PageRequest(1, PageRequest.MaxSize))).Items;
        var orders = (await store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).Items;
        Assert.Equal(new Money(10m * Racer.Orders, Usd), account.Balance);
        Assert.Equal(Racer.Orders, entries.Count(e => e.Kind == LedgerEntryKind.TopUpCredit));
        Assert.Equal(account.Invoicing.Recharged, account.Balance);
        Assert.All(orders, o => Assert.Equal(TopUpStatus.Completed, o.Status));
        Assert.All(orders, o => Assert.Single(o.Payments));   // the duplicates replayed: no second payment record
    }

    [Fact]
    public async Task RacingPeriodCloses_InThreeProcesses_MakeOneInvoicePerAccount_WithAGaplessSeries()
    {
        var store = new PostgreSqlPrepaidStore(_schema.Options);
        var accounts = new PrepaidAccountService(store, _clock);
        for (var account = 0; account < Racer.Accounts; account++)
        {
            await accounts.OpenAsync($"acc-{account}", Usd);
        }

        var outputs = await RaceAsync("close", 3);

        var invoices = (await new PostgreSqlInvoiceStore(_schema.Options).QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { Page = new PageRequest(1, PageRequest.MaxSize) })).Items;
        Assert.Equal(Racer.Accounts, invoices.Count);
        Assert.Equal(Racer.Accounts, invoices.Select(i => i.AccountId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Racer.Accounts).Select(n => (long?)n), invoices.Select(i => i.Sequence).Order());
        Assert.Equal(Racer.Accounts, outputs.SelectMany(o => o.Split(' ')).Count(o => o == nameof(PrepayCloseOutcome.Made)));
        Assert.Equal(Racer.Accounts, (long)(await new PostgreSqlInvoiceStore(_schema.Options).LastSequenceAsync(Racer.Series.Name)));
    }

    // Starts the workers, lets them go at once, and returns what each printed.
    private async Task<string[]> RaceAsync(string role, int workers)
    {
        var processes = Enumerable.Range(1, workers).Select(w => Start(role, $"w{w}")).ToList();
        await File.WriteAllTextAsync(Path.Combine(_folder, "go"), "");
        return await Task.WhenAll(processes.Select(WorkerProcess.WaitAsync));
    }

    private Process Start(string role, string worker) => WorkerProcess.Start(typeof(Racer).Assembly, "racer", role, _schema.ConnectionString, _folder, worker);
}
