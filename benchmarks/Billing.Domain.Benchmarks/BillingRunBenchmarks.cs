using BenchmarkDotNet.Attributes;
using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Sqlite;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.InMemory;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// The month's first billing run over 10,000 prepaid subscriptions in 1,000 accounts (10 each; a fee of 20.00 and
/// 3 seats at 5.00, both with 21 % VAT): 20,000 charges made, each debited from its account's balance in its
/// own commit. On the in-memory store and on a SQLite file. The baseline, in the same run on the same kind of store,
/// is the hand-written floor: in memory, the lines by hand into dictionaries; on SQLite, one transaction per
/// subscription that inserts its two charges and two ledger rows and updates the balance, with plain ADO.NET.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class BillingRunBenchmarks
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Activated = Instant.FromUtc(2026, 3, 1, 6, 0);
    private static readonly Instant RunAt = Instant.FromUtc(2026, 3, 1, 12, 0);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"billing-run-bench-{Guid.NewGuid():N}");
    private PlanCatalog _plans = null!;
    private Subscription[] _subscriptions = [];
    private string _template = null!;
    private string _copy = null!;
    private IPrepaidStore _store = null!;

    /// <summary>Gets or sets the store the run bills on.</summary>
    [Params("InMemory", "Sqlite")]
    public string Store { get; set; } = "InMemory";

    /// <summary>Gets the number of accounts; each has 10 subscriptions.</summary>
    public static int Accounts => Sizes.Quick ? 10 : 1_000;

    /// <summary>Builds the subscriptions once, and for SQLite a template file holding them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var vat = new TaxRate("VAT", 21m);
        _plans = PlanCatalog.Empty.With(new Plan(
            "pro", 1, new LocalDate(2026, 1, 1), "Pro", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
            [
                new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(new Money(20m, Usd))),
                new PlanCharge("Seats", PlanChargeKind.Resource, new PerUnitPrice(new Money(5m, Usd)), defaultQuantity: 3m),
            ],
            taxes: [vat]));
        _subscriptions = [.. Enumerable.Range(0, Accounts * 10).Select(i => Activate(Subscription.Order(
            $"sub-{i}", $"acc-{i / 10}", "Seats", "pro", BillingType.Recurring, PaymentModel.Prepaid, Activated, "alice")))];
        Directory.CreateDirectory(_folder);
        _template = Path.Combine(_folder, "template.db");
        if (Store == "Sqlite")
        {
            FillAsync(new SqlitePrepaidStore(_template)).GetAwaiter().GetResult();
            SqliteConnection.ClearAllPools();   // closes the file, checkpointing its WAL
        }
    }

    /// <summary>A fresh store holding the accounts and subscriptions, nothing charged yet.</summary>
    [IterationSetup]
    public void FreshStore()
    {
        _copy = Path.Combine(_folder, $"run-{Guid.NewGuid():N}.db");
        if (Store == "Sqlite")
        {
            File.Copy(_template, _copy);
            _store = new SqlitePrepaidStore(_copy);
        }
        else
        {
            var store = new InMemoryPrepaidStore();
            FillAsync(store).GetAwaiter().GetResult();
            _store = store;
        }

        using var floor = new SqliteConnection($"Data Source={_copy}");
        floor.Open();
        Exec(floor, null, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS floor_balances (account TEXT PRIMARY KEY, balance TEXT NOT NULL); CREATE TABLE IF NOT EXISTS floor_charges (id TEXT PRIMARY KEY, account TEXT NOT NULL, amount TEXT NOT NULL); CREATE TABLE IF NOT EXISTS floor_entries (account TEXT NOT NULL, sequence INTEGER NOT NULL, amount TEXT NOT NULL, PRIMARY KEY (account, sequence));");
        using var transaction = floor.BeginTransaction();
        for (var a = 0; a < Accounts; a++)
        {
            Exec(floor, transaction, $"INSERT OR REPLACE INTO floor_balances VALUES ('acc-{a}', '0.00')");
        }

        transaction.Commit();
    }

    /// <summary>Deletes the copies.</summary>
    [IterationCleanup]
    public void DeleteCopy()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_folder, "run-*"))
        {
            File.Delete(file);
        }
    }

    /// <summary>Deletes the template.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The hand-written floor on the same kind of store.</summary>
    /// <returns>What the balances fell by.</returns>
    [Benchmark(Baseline = true)]
    public decimal HandWritten() => Store == "Sqlite" ? HandWrittenSqlite() : HandWrittenInMemory();

    /// <summary><see cref="BillingRun.RunAsync"/> at noon on the first day: every subscription's first period.</summary>
    /// <returns>The charges made.</returns>
    [Benchmark]
    public int BillingRun() =>
        new BillingRun(_store, _plans, new ChargeEngine(ChargePolicy.PerLine), DateTimeZone.Utc, new FakeClock(RunAt)).RunAsync(RunAt).GetAwaiter().GetResult().ChargesMade;

    private static decimal Line(decimal net) => net + Math.Round(net * 0.21m, 2, MidpointRounding.ToEven);

    private static void Exec(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private async Task FillAsync(IPrepaidStore store)
    {
        var accounts = new PrepaidAccountService(store, new FakeClock(Activated - Duration.FromHours(1)));
        for (var a = 0; a < Accounts; a++)
        {
            await accounts.OpenAsync($"acc-{a}", Usd, new Money(1_000_000m, Usd));
        }

        foreach (var subscription in _subscriptions)
        {
            await store.CommitAsync(new PrepaidChange(subscription: Activate(Subscription.Order(
                subscription.Id, subscription.AccountId, subscription.Name, subscription.Plan, subscription.BillingType, subscription.PaymentModel, Activated, "alice"))));
        }
    }

    private static Subscription Activate(Subscription subscription)
    {
        subscription.StartActivation(Activated, "p");
        subscription.CompleteActivation(Activated, "p");
        return subscription;
    }

    private decimal HandWrittenInMemory()
    {
        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var charges = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var total = 0m;
        foreach (var subscription in _subscriptions)
        {
            foreach (var (name, net) in new[] { ("Fee", 20m), ("Seats", 15m) })
            {
                var amount = Line(net);
                if (charges.TryAdd($"{subscription.Id}/2026-03-01/{name}", amount))
                {
                    balances[subscription.AccountId] = balances.GetValueOrDefault(subscription.AccountId) - amount;
                    total += amount;
                }
            }
        }

        return total;
    }

    private decimal HandWrittenSqlite()
    {
        using var connection = new SqliteConnection($"Data Source={_copy}");
        connection.Open();
        var total = 0m;
        foreach (var subscription in _subscriptions)
        {
            using var transaction = connection.BeginTransaction();
            var fee = Line(20m);
            var seats = Line(15m);
            var sequence = int.Parse(subscription.Id.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) * 2;
            Exec(connection, transaction, "INSERT INTO floor_charges VALUES ($id, $account, $amount)", ("$id", subscription.Id + "/Fee"), ("$account", subscription.AccountId), ("$amount", fee.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Exec(connection, transaction, "INSERT INTO floor_charges VALUES ($id, $account, $amount)", ("$id", subscription.Id + "/Seats"), ("$account", subscription.AccountId), ("$amount", seats.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Exec(connection, transaction, "INSERT INTO floor_entries VALUES ($account, $sequence, $amount)", ("$account", subscription.AccountId), ("$sequence", sequence), ("$amount", (-fee).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Exec(connection, transaction, "INSERT INTO floor_entries VALUES ($account, $sequence, $amount)", ("$account", subscription.AccountId), ("$sequence", sequence + 1), ("$amount", (-seats).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT balance FROM floor_balances WHERE account = $account";
                read.Parameters.AddWithValue("$account", subscription.AccountId);
                var balance = decimal.Parse((string)read.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture) - fee - seats;
                Exec(connection, transaction, "UPDATE floor_balances SET balance = $balance WHERE account = $account", ("$account", subscription.AccountId), ("$balance", balance.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            transaction.Commit();
            total += fee + seats;
        }

        return total;
    }
}
