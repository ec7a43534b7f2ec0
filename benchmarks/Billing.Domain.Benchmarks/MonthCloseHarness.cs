using System.Diagnostics;
using System.Globalization;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.PostgreSql;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Relational;
using Billing.Domain.Sqlite;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// A whole-system figure, not a BenchmarkDotNet micro-benchmark: a Prepay month on a database. It opens the accounts,
/// records every account's calls of March through group commit (<see cref="ConsumptionService.RecordManyAsync"/>,
/// 1,000 calls a commit), then closes March for every account (<see cref="PrepayInvoicing.CloseAllAsync"/>, with its
/// progress printed), and prints each phase's time, calls per second and the process's peak working set.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/Billing.Domain.Benchmarks -- month-close sqlite|postgresql [accounts] [calls per account]</c>;
/// PostgreSQL reads <c>BILLING_DOMAIN_POSTGRES</c> (run it under <c>scripts/with-postgres</c>). Defaults: 10,000 accounts, 100 calls each.
/// </remarks>
internal static class MonthCloseHarness
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    private static readonly Instant MarchStart = Instant.FromUtc(2026, 3, 1, 0, 0);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["month-close", var engine, ..] || engine is not ("sqlite" or "postgresql"))
        {
            await Console.Error.WriteLineAsync("usage: month-close sqlite|postgresql [accounts] [calls per account]").ConfigureAwait(false);
            return 2;
        }

        var accounts = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000;
        var callsPerAccount = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 100;
        var (prepaid, invoices, describe, cleanup) = engine == "sqlite" ? Sqlite() : PostgreSql();
        try
        {
            await prepaid.MigrateAsync().ConfigureAwait(false);
            await invoices.MigrateAsync().ConfigureAwait(false);
            Console.WriteLine($"month close on {describe}: {accounts:N0} accounts x {callsPerAccount:N0} calls = {(long)accounts * callsPerAccount:N0} calls");

            var clock = new FakeClock(MarchStart);
            var opening = Stopwatch.StartNew();
            var service = new PrepaidAccountService(prepaid, clock);
            for (var a = 0; a < accounts; a++)
            {
                await service.OpenAsync(AccountId(a), Usd, new Money(1_000_000m, Usd)).ConfigureAwait(false);
            }

            Console.WriteLine($"opened {accounts:N0} accounts in {opening.Elapsed.TotalSeconds:F1} s");

            var consumption = new ConsumptionService(prepaid, clock);
            var recording = Stopwatch.StartNew();
            var total = (long)accounts * callsPerAccount;
            var group = new List<ConsumptionRecord>(1_000);
            for (long i = 0; i < total; i++)
            {
                // Calls spread over March and over the accounts, as they arrive.
                var account = (int)(i % accounts);
                var at = MarchStart + Duration.FromSeconds(i * 2_678_400L / total);
                group.Add(new ConsumptionRecord(
                    new UsageRecord($"req-{i}", AccountId(account), $"key-{i % 3}", i % 2 == 0 ? "gpt-x" : "gpt-y", 1_000 + (i % 500), 200, at),
                    new Money(0.0025m + (i % 7) / 1_000_000m, Usd),
                    "v1"));
                if (group.Count == group.Capacity || i == total - 1)
                {
                    await consumption.RecordManyAsync(group).ConfigureAwait(false);
                    group.Clear();
                }

                if ((i + 1) % 200_000 == 0)
                {
                    Console.WriteLine($"  recorded {i + 1:N0} calls, {(i + 1) / recording.Elapsed.TotalSeconds:N0} calls/s");
                }
            }

            Console.WriteLine($"recorded {total:N0} calls in {recording.Elapsed.TotalSeconds:F1} s: {total / recording.Elapsed.TotalSeconds:N0} calls/s");

            clock.Reset(Instant.FromUtc(2026, 4, 1, 0, 5));
            var invoicing = new PrepayInvoicing(invoices, prepaid, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(new NumberSeries("INV", "INV-{yyyy}{MM}-{seq:000000}")), clock);
            var periods = Enumerable.Range(0, accounts).Select(a => new PrepayPeriod(AccountId(a), $"Account {a}", March, new AccountTimeZone(DateTimeZone.Utc), Usd));
            var closing = Stopwatch.StartNew();
            var results = await invoicing.CloseAllAsync(periods, new Reporter(accounts, closing)).ConfigureAwait(false);
            closing.Stop();

            var made = results.Count(r => r.Outcome == PrepayCloseOutcome.Made);
            var invoiced = Money.Sum(results.Where(r => r.Invoice is not null).Select(r => r.Invoice!.Total), Usd);
            Console.WriteLine(
                $"closed March for {accounts:N0} accounts in {closing.Elapsed.TotalSeconds:F1} s: {made:N0} invoices made, {results.Count - made:N0} not, "
                + $"{accounts / closing.Elapsed.TotalSeconds:N0} accounts/s, {total / closing.Elapsed.TotalSeconds:N0} calls/s, invoiced {invoiced}");
            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024):N0} MB, allocated {GC.GetTotalAllocatedBytes() / (1024 * 1024):N0} MB in all");
            return made == accounts ? 0 : 1;
        }
        finally
        {
            cleanup();
        }
    }

    private static string AccountId(int account) => string.Create(CultureInfo.InvariantCulture, $"acc-{account:D6}");

    private static (RelationalPrepaidStore, RelationalInvoiceStore, string, Action) Sqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), $"billing-month-close-{Guid.NewGuid():N}.db");
        var options = SqliteOptions.ForFile(path);
        return (new SqlitePrepaidStore(options), new SqliteInvoiceStore(options), $"SQLite {path}", () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        });
    }

    private static (RelationalPrepaidStore, RelationalInvoiceStore, string, Action) PostgreSql()
    {
        var schema = new ScratchSchema("close");
        var options = new PostgreSqlOptions(schema.ConnectionString);
        return (new PostgreSqlPrepaidStore(options), new PostgreSqlInvoiceStore(options), schema.ToString(), schema.Drop);
    }

    // Prints the close's progress every tenth of the accounts.
    private sealed class Reporter(int accounts, Stopwatch clock) : IProgress<PrepayCloseProgress>
    {
        public void Report(PrepayCloseProgress value)
        {
            if (value.Done % Math.Max(1, accounts / 10) == 0)
            {
                Console.WriteLine($"  closed {value.Done:N0} of {accounts:N0} accounts, {value.Done / clock.Elapsed.TotalSeconds:N0} accounts/s ({value.Last.AccountId}: {value.Last.Outcome})");
            }
        }
    }
}
