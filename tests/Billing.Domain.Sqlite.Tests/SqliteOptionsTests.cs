using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Contracts;
using Microsoft.Data.Sqlite;
using NodaTime.Testing;

namespace Billing.Domain.Sqlite.Tests;

public sealed class SqliteOptionsTests : IDisposable
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task AStoreFromOptions_TouchesNothingUntilUsed_ThenMigratesOnce()
    {
        var store = new SqlitePrepaidStore(new SqliteOptions($"Data Source={_database.Path};Cache=Shared"));

        Assert.False(File.Exists(_database.Path));
        await new PrepaidAccountService(store, new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0))).OpenAsync("acc", Usd);   // the first call migrates

        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT COUNT(*) FROM schema_version;"));
        Assert.NotNull(await store.FindAccountAsync("acc"));
    }

    [Fact]
    public async Task MigrateAsync_CreatesTheSchema_AndAgainDoesNothing()
    {
        var options = SqliteOptions.ForFile(_database.Path);

        await new SqliteInvoiceStore(options).MigrateAsync();
        await new SqliteInvoiceHeaderStore(options).MigrateAsync();
        await new SqlitePrepaidStore(options).MigrateAsync();

        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(0L, await new SqliteInvoiceStore(options).LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task AFileFromANewerAdapter_IsATypedError_FromMigrateAsyncAndFromTheFirstCall()
    {
        Scalar($"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES ({SqliteDialect.SchemaVersion + 1});");
        var options = SqliteOptions.ForFile(_database.Path);

        var refused = await Assert.ThrowsAsync<StorageSchemaException>(() => new SqlitePrepaidStore(options).MigrateAsync());
        var onFirstCall = await Assert.ThrowsAsync<StorageSchemaException>(() => new SqlitePrepaidStore(options).FindAccountAsync("acc"));

        Assert.Equal(("storage.schema_invalid", "schema_version"), (refused.Code, refused.Table));
        Assert.Equal("storage.schema_invalid", onFirstCall.Code);
    }

    [Fact]
    public void BadOptions_AreRefused()
    {
        Assert.Throws<ArgumentException>("connectionString", () => new SqliteOptions(" "));
        Assert.Throws<ArgumentException>("connectionString", () => new SqliteOptions("Cache=Shared"));            // no data source
        Assert.Throws<ArgumentException>("connectionString", () => new SqliteOptions("Data Source=x.db;Nonsense=1"));
        Assert.Throws<ArgumentOutOfRangeException>("BusyTimeout", () => SqliteOptions.ForFile("x.db") with { BusyTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>("BusyTimeout", () => SqliteOptions.ForFile("x.db") with { BusyTimeout = TimeSpan.FromHours(2) });
        Assert.Throws<ArgumentNullException>("Currencies", () => SqliteOptions.ForFile("x.db") with { Currencies = null! });
        Assert.Throws<ArgumentException>("path", () => SqliteOptions.ForFile(""));
        Assert.Throws<ArgumentNullException>("options", () => new SqlitePrepaidStore((SqliteOptions)null!));
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = command.ExecuteScalar();
        SqliteConnection.ClearAllPools();
        return result;
    }
}

/// <summary>A store made from options, migrated by its first call, passes the subscription contract like one made from a path.</summary>
public sealed class SqliteOptionsSubscriptionStoreContractTests : SubscriptionStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IPrepaidStore CreateStore() => new SqlitePrepaidStore(new SqliteOptions($"Data Source={_database.Path}") { BusyTimeout = TimeSpan.FromSeconds(2) });
}
