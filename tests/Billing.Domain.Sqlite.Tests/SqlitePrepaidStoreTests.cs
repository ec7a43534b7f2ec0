using Billing.Domain.Corrections;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Testing;
using Microsoft.Data.Sqlite;

namespace Billing.Domain.Sqlite.Tests;

public sealed class SqlitePrepaidStoreTests : IDisposable
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Schema_IsMigratedOnce_InWalMode_WithItsVersions()
    {
        _ = new SqlitePrepaidStore(_database.Path);
        _ = new SqlitePrepaidStore(_database.Path);

        Assert.Equal("wal", Scalar("PRAGMA journal_mode;"));
        Assert.Equal((long)SqliteDatabase.SchemaVersion, Scalar("SELECT COUNT(*) FROM schema_version;"));   // each migration once
        Assert.Equal((long)SqliteDatabase.SchemaVersion, Scalar("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public void ANewerSchema_IsRefused()
    {
        _ = new SqlitePrepaidStore(_database.Path);
        Scalar("INSERT INTO schema_version (version) VALUES (99);");

        Assert.Throws<InvalidOperationException>(() => new SqlitePrepaidStore(_database.Path));
    }

    [Fact]
    public async Task Money_IsStoredExactly_AsText_NeverReal()
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var accounts = new PrepaidAccountService(store, new FakeClock(Start));
        await accounts.OpenAsync("acc", Usd, new Money(0.10m, Usd));

        Assert.Equal("text", Scalar("SELECT typeof(credit_limit) FROM accounts;"));
        Assert.Equal("0.10", Scalar("SELECT credit_limit FROM accounts;"));
    }

    [Fact]
    public async Task Data_SurvivesReopeningTheFile()
    {
        var accounts = new PrepaidAccountService(new SqlitePrepaidStore(_database.Path), new FakeClock(Start));
        var opened = await accounts.OpenAsync("acc", Usd);

        Assert.Equal(opened, await new SqlitePrepaidStore(_database.Path).FindAccountAsync("acc"));
    }

    [Fact]
    public async Task AHostsOwnCurrency_RoundTrips_WithItsRegistry()
    {
        var credits = Currency.Custom("CRD", 4);
        var store = new SqlitePrepaidStore(_database.Path, CurrencyRegistry.Iso4217.With(credits));
        var consumption = new Consumption.ConsumptionService(store, new FakeClock(Start));
        await new PrepaidAccountService(store, new FakeClock(Start)).OpenAsync("acc", credits, new Money(10.5m, credits));
        var recorded = await consumption.RecordAsync(new ConsumptionRecord(new UsageRecord("req-1", "acc", "key", "gpt-x", 10, 10, Start), new Money(0.0042m, credits), "v1"));

        Assert.Equal(recorded.Account, await store.FindAccountAsync("acc"));
        Assert.Equal(new Money(0.0042m, credits), (await store.FindConsumptionAsync("acc", "req-1"))!.Cost);
        await Assert.ThrowsAsync<UnknownCurrencyException>(() => new SqlitePrepaidStore(_database.Path).FindAccountAsync("acc"));
    }

    [Theory]
    [InlineData("account")]
    [InlineData("entry")]
    [InlineData("consumption")]
    public async Task AFailureAtAnyStep_OfRecordingACall_LeavesNothingWritten(string step) =>
        await AssertFailsWhole(step, async (store, clock) =>
        {
            var consumption = new Consumption.ConsumptionService(store, clock);
            await consumption.RecordAsync(new ConsumptionRecord(new UsageRecord("req-1", "acc", "key", "gpt-x", 10, 10, Start), new Money(1m, Usd), "v1"));
        });

    [Theory]
    [InlineData("account")]
    [InlineData("entry")]
    [InlineData("correction")]
    public async Task AFailureAtAnyStep_OfApprovingACorrection_LeavesNothingWritten(string step) =>
        await AssertFailsWhole(step, (store, clock) => new CorrectionService(store, clock).ApproveAsync("cor-1", "bob"));

    private async Task AssertFailsWhole(string step, Func<SqlitePrepaidStore, FakeClock, Task> command)
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var clock = new FakeClock(Start) { AutoAdvance = Duration.FromMinutes(1) };
        var accounts = new PrepaidAccountService(store, clock);
        await accounts.OpenAsync("acc", Usd, new Money(100m, Usd));
        await new CorrectionService(store, clock).RequestAsync("cor-1", "acc", new Money(5m, Usd), "fix", "alice");
        var before = await Snapshot(store);
        store.AfterStep = name =>
        {
            if (name == step)
            {
                throw new IOException($"disk failed after {name}");
            }
        };

        await Assert.ThrowsAsync<IOException>(() => command(store, clock));

        store.AfterStep = null;
        Assert.Equal(before, await Snapshot(store));
    }

    private static async Task<string> Snapshot(SqlitePrepaidStore store) =>
        string.Join(
            "\n",
            (await store.FindAccountAsync("acc"))!.ToString(),
            (await store.FindCorrectionAsync("cor-1"))!.ToString(),
            (await store.ListEntriesAsync("acc", default, Storage.PageRequest.First)).TotalCount,
            (await store.FindConsumptionAsync("acc", "req-1"))?.ToString() ?? "no call");

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
