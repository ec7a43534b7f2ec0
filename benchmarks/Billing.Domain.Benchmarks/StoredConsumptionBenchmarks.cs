using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Billing.Domain.Consumption;
using Billing.Domain.Grants;
using Billing.Domain.Ledger;
using Billing.Domain.PostgreSql;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// Seed 000's hot path on a database: rated calls of 100 accounts debited from their balances, each once, within the
/// credit limit, on a SQLite file and on PostgreSQL (a server on loopback named by <c>BILLING_DOMAIN_POSTGRES</c>;
/// <c>scripts/with-postgres</c> starts one). Through the library one transaction per call
/// (<see cref="ConsumptionService.RecordAsync"/>), grouped (<see cref="ConsumptionService.RecordManyAsync"/>, 1,000 calls
/// a commit), and through the batcher with 64 concurrent callers; against raw ADO.NET doing the same writes (insert
/// the entry, insert the call, update each account's balance once per transaction) with prepared commands, one
/// transaction per call and one per 1,000 calls. Times are per call (<c>OperationsPerInvoke</c>); the baseline is the raw grouped loop.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
public class StoredConsumptionBenchmarks
{
    private const int AccountCount = 100;
    private const int GroupSize = 1_000;
    private const int OneByOneCalls = 1_000;
    private const int GroupedCalls = 20_000;
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"billing-consumption-bench-{Guid.NewGuid():N}");
    private ConsumptionRecord[] _calls = [];
    private ConsumptionService _service = null!;
    private Func<DbConnection> _connect = null!;
    private Func<decimal, object> _amount = null!;
    private ScratchSchema? _schema;

    /// <summary>Gets or sets the database.</summary>
    [Params("Sqlite", "PostgreSql")]
    public string Store { get; set; } = "Sqlite";

    /// <summary>Gets or sets whether each account's credit is a grant every call draws from (true), or only a credit limit (false: no grant moves).</summary>
    [Params(false, true)]
    public bool Granted { get; set; } = true;

    /// <summary>Rates the calls once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _calls = [.. Enumerable.Range(0, GroupedCalls).Select(i => new ConsumptionRecord(
            new UsageRecord($"req-{i}", $"acc-{i % AccountCount}", "key", "gpt-x", 1_000 + i, 200, Start + Duration.FromMilliseconds(i)),
            new Money(0.002500m + (i % 7) / 1_000_000m, Usd),
            "gpt-x-v1"))];
    }

    /// <summary>A fresh, migrated database with the accounts open.</summary>
    [IterationSetup]
    public void FreshDatabase()
    {
        IPrepaidStore store;
        if (Store == "Sqlite")
        {
            var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
            store = new SqlitePrepaidStore(path);
            _connect = () => new SqliteConnection($"Data Source={path}");
            _amount = a => a.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            _schema = new ScratchSchema("b");
            var connectionString = _schema.ConnectionString;
            store = new PostgreSqlPrepaidStore(new PostgreSqlOptions(connectionString));
            var raw = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;   // prepared, as the library's are
            _connect = () => new NpgsqlConnection(raw);
            _amount = a => a;
        }

        var accounts = new PrepaidAccountService(store, new FakeClock(Start));
        var grants = new CreditGrantService(store, new FakeClock(Start));
        var promotion = new GrantTerms(CreditSource.Promotion, Start - Duration.FromDays(1), Start + Duration.FromDays(30), priority: 10);
        for (var i = 0; i < AccountCount; i++)
        {
            accounts.OpenAsync($"acc-{i}", Usd, new Money(1_000_000m, Usd)).GetAwaiter().GetResult();
            if (Granted)
            {
                grants.GrantAsync($"acc-{i}", "promo", new Money(1_000m, Usd), promotion, "Promotion").GetAwaiter().GetResult();   // every call draws from the grant
            }
        }

        _service = new ConsumptionService(store, new FakeClock(Start));
    }

    /// <summary>Raw ADO.NET, 1,000 calls a transaction: the floor of group commit.</summary>
    /// <returns>The calls written.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = GroupedCalls)]
    public int RawGrouped() => Raw(GroupedCalls, GroupSize);

    /// <summary>Raw ADO.NET, one transaction per call: the floor of the per-call path.</summary>
    /// <returns>The calls written.</returns>
    [Benchmark(OperationsPerInvoke = OneByOneCalls)]
    public int RawOneByOne() => Raw(OneByOneCalls, 1);

    /// <summary><see cref="ConsumptionService.RecordAsync"/>, one call after the other: one transaction each.</summary>
    /// <returns>The last outcome.</returns>
    [Benchmark(OperationsPerInvoke = OneByOneCalls)]
    public ConsumptionOutcome LibraryOneByOne()
    {
        var outcome = ConsumptionOutcome.Recorded;
        for (var i = 0; i < OneByOneCalls; i++)
        {
            outcome = _service.RecordAsync(_calls[i]).GetAwaiter().GetResult().Outcome;
        }

        return outcome;
    }

    /// <summary><see cref="ConsumptionService.RecordManyAsync"/>, 1,000 calls a commit.</summary>
    /// <returns>The calls recorded.</returns>
    [Benchmark(OperationsPerInvoke = GroupedCalls)]
    public int LibraryGrouped()
    {
        var recorded = 0;
        for (var i = 0; i < GroupedCalls; i += GroupSize)
        {
            recorded += _service.RecordManyAsync(new ArraySegment<ConsumptionRecord>(_calls, i, GroupSize)).GetAwaiter().GetResult().Count;
        }

        return recorded;
    }

    /// <summary>A <see cref="ConsumptionBatcher"/> fed by 64 concurrent callers, each recording its share one call after the other.</summary>
    /// <returns>The calls recorded.</returns>
    [Benchmark(OperationsPerInvoke = GroupedCalls)]
    public int LibraryBatcher()
    {
        const int Callers = 64;
        var batcher = new ConsumptionBatcher(_service);
        try
        {
            Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
            {
                for (var i = c; i < GroupedCalls; i += Callers)
                {
                    await batcher.RecordAsync(_calls[i]).ConfigureAwait(false);
                }
            }))).GetAwaiter().GetResult();
        }
        finally
        {
            batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return GroupedCalls;
    }

    /// <summary>Drops the PostgreSQL schema of the iteration.</summary>
    [IterationCleanup]
    public void DropSchema()
    {
        _schema?.Drop();
        _schema = null;
    }

    /// <summary>Deletes the SQLite files.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // The same writes as the library's, by hand: the balance, the entry and the call. SQLite runs commands prepared once;
    // PostgreSQL sends a transaction's statements in one batch (one round trip), as the library's group commit does.
    private int Raw(int calls, int perTransaction)
    {
        using var connection = _connect();
        connection.Open();
        var balances = new Dictionary<string, (decimal Balance, long Count)>(StringComparer.Ordinal);
        for (var i = 0; i < calls; i += perTransaction)
        {
            using var transaction = connection.BeginTransaction();
            var writes = new List<(string Sql, object[] Values)>(3 * perTransaction);
            var touched = new List<string>();
            for (var j = i; j < i + perTransaction; j++)
            {
                var c = _calls[j];
                var (balance, count) = balances.TryGetValue(c.AccountId, out var known) ? known : (0m, Granted ? 1L : 0L);   // after the grant's entry, when there is one
                balances[c.AccountId] = (balance -= c.Cost.Amount, ++count);
                var at = (c.OccurredAt - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
                if (!touched.Contains(c.AccountId))
                {
                    touched.Add(c.AccountId);
                }

                writes.Add((InsertEntry, [c.AccountId, count, _amount(-c.Cost.Amount), "consumption:" + c.RequestId, at, c.RequestId]));
                writes.Add((InsertCall, [c.AccountId, c.RequestId, c.Usage.InputTokens, at, _amount(c.Cost.Amount)]));
            }

            // Each account's balance once per transaction, in its last state: the fewest writes that do the job.
            foreach (var account in touched)
            {
                writes.Add((UpdateAccount, [_amount(balances[account].Balance), balances[account].Count, account]));
            }

            if (connection.CanCreateBatch && writes.Count > 1)
            {
                using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var (sql, values) in writes)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = sql;
                    for (var k = 0; k < values.Length; k++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = Names[sql][k];
                        parameter.Value = values[k];
                        command.Parameters.Add(parameter);
                    }

                    batch.BatchCommands.Add(command);
                }

                batch.ExecuteNonQuery();
            }
            else
            {
                var commands = Names.Keys.ToDictionary(sql => sql, sql => Prepared(connection, transaction, sql, Names[sql]), StringComparer.Ordinal);
                foreach (var (sql, values) in writes)
                {
                    Run(commands[sql], values);
                }

                foreach (var command in commands.Values)
                {
                    command.Dispose();
                }
            }

            transaction.Commit();
        }

        return calls;
    }

    private const string UpdateAccount = "UPDATE accounts SET balance = @balance, entry_count = @count, version = version + 1 WHERE account_id = @id";
    private const string InsertEntry = "INSERT INTO ledger_entries VALUES (@id, @sequence, 'ConsumptionDebit', @amount, 'USD', @key, @at, @reference, 'call', NULL, NULL)";
    private const string InsertCall = """
        INSERT INTO consumption (account_id, request_id, token_name, model, input_tokens, output_tokens, cached_input_tokens, occurred_at, cost, currency, price_version, booked_at)
        VALUES (@id, @request, 'key', 'gpt-x', @input, 200, 0, @at, @cost, 'USD', 'gpt-x-v1', @at)
        """;

    private static readonly Dictionary<string, string[]> Names = new(StringComparer.Ordinal)
    {
        [UpdateAccount] = ["@balance", "@count", "@id"],
        [InsertEntry] = ["@id", "@sequence", "@amount", "@key", "@at", "@reference"],
        [InsertCall] = ["@id", "@request", "@input", "@at", "@cost"],
    };

    private static DbCommand Prepared(DbConnection connection, DbTransaction transaction, string sql, string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Run(DbCommand command, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
