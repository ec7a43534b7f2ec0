using System.Diagnostics;
using Billing.Domain.Tests.Shared;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Testing;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime.Testing;

namespace Billing.Domain.Sqlite.Tests.MultiProcess;

/// <summary>Several processes on one SQLite file with a slow gateway: money never slips between refunds and invoice applications.</summary>
public sealed class MultiProcessTests : IDisposable
{
    internal static readonly Currency Usd = Currency.FromCode("USD");
    private readonly TemporaryDatabase _database = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("billing-racers-").FullName;

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RefundsRacingApplications_InFourProcesses_KeepTheInvoicingLaw_AndRefundOnce()
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)) { AutoAdvance = Duration.FromMinutes(1) };
        var gateway = new InMemoryPaymentGateway(clock);
        gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());
        await new PrepaidAccountService(store, clock).OpenAsync("acc", Usd);
        var topUps = new TopUpService(store, gateway, clock);
        for (var i = 0; i < 3; i++)
        {
            await topUps.CreateAsync($"ord-{i}", "acc", new Money(50m, Usd), new Money(50m, Usd), "card");
            await topUps.StartPaymentAsync($"ord-{i}");
        }

        await new InvoiceHeaderService(new SqliteInvoiceHeaderStore(_database.Path)).AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));

        var workers = new[] { ("refund", "r1"), ("refund", "r2"), ("apply", "a1"), ("apply", "a2") }.Select(w => Start(w.Item1, w.Item2)).ToList();
        await File.WriteAllTextAsync(Path.Combine(_folder, "go"), "");
        var outputs = await Task.WhenAll(workers.Select(WorkerProcess.WaitAsync));

        var account = (await store.FindAccountAsync("acc"))!;
        var totals = account.Invoicing;
        Assert.True(totals.Invoiced + totals.Held <= totals.Recharged - totals.Refunded, $"{totals}\n{string.Join('\n', outputs)}");
        Assert.True(totals.Invoiceable.Amount >= 0m, $"{totals}");
        var entries = (await store.ListEntriesAsync("acc", InstantRange.All, new PageRequest(1, PageRequest.MaxSize))).Items;
        Assert.Equal(account.Balance, Money.Sum(entries.Select(e => e.Amount), Usd));
        var orders = (await store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).Items;
        Assert.All(orders, o => Assert.Null(o.RefundInFlight));
        var succeeded = orders.SelectMany(o => o.Refunds).Where(r => r.Status == TopUpRefundStatus.Succeeded).Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal).ToList();
        var asked = Lines("asked");
        Assert.Equal(asked.Count, asked.Distinct().Count());   // the gateway is asked at most once per refund
        Assert.Equal(succeeded, Lines("made").Order(StringComparer.Ordinal));
        Assert.Equal(Money.Sum(orders.SelectMany(o => o.Refunds).Where(r => r.Status == TopUpRefundStatus.Succeeded).Select(r => r.Credit!.Value), Usd), totals.Refunded);
        Assert.Equal(-totals.Refunded, Money.Sum(entries.Where(e => e.Kind is LedgerEntryKind.Refund or LedgerEntryKind.RefundReversal).Select(e => e.Amount), Usd));
        Assert.NotEmpty(succeeded);
    }

    private List<string> Lines(string file)
    {
        var path = Path.Combine(_folder, file);
        return File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0)] : [];
    }

    private Process Start(string role, string worker) => WorkerProcess.Start(typeof(Racer).Assembly, "racer", role, _database.Path, _folder, worker);
}
