using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using NodaTime.Testing;

namespace Billing.Domain.PostgreSql.Tests;

public sealed class PostgreSqlOptionsTests : IDisposable
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private readonly TemporarySchema _schema = new();

    public void Dispose() => _schema.Dispose();

    [Fact]
    public async Task AStore_TouchesNothingUntilUsed_ThenMigratesOnce()
    {
        _ = new PostgreSqlPrepaidStore(new PostgreSqlOptions("Host=server.invalid;Username=nobody"));   // no I/O in a constructor: no error either
        var store = new PostgreSqlPrepaidStore(_schema.Options);

        Assert.Equal(0L, _schema.Scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
        await new PrepaidAccountService(store, new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0))).OpenAsync("acc", Usd);   // the first call migrates

        Assert.Equal((long)PostgreSqlDialect.SchemaVersion, _schema.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal((long)PostgreSqlDialect.SchemaVersion, _schema.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.NotNull(await store.FindAccountAsync("acc"));
    }

    [Fact]
    public async Task MigrateAsync_FromStoresStartingAtOnce_MigratesOnce()
    {
        var options = _schema.Options;

        await Task.WhenAll(
            Enumerable.Range(0, 4).SelectMany(_ => new[]
            {
                new PostgreSqlPrepaidStore(options).MigrateAsync(), new PostgreSqlInvoiceStore(options).MigrateAsync(), new PostgreSqlInvoiceHeaderStore(options).MigrateAsync(),
            }));

        Assert.Equal((long)PostgreSqlDialect.SchemaVersion, _schema.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(0L, await new PostgreSqlInvoiceStore(options).LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task AccountsStoredBeforeProfiles_AreMigrated_ToTheDefaultProfile()
    {
        var opened = await new PrepaidAccountService(new PostgreSqlPrepaidStore(_schema.Options), new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0))).OpenAsync("acc-1", Usd);
        _schema.Scalar($"""
            DROP INDEX accounts_by_type;
            DROP INDEX accounts_by_id;
            ALTER TABLE accounts DROP COLUMN name, DROP COLUMN account_type, DROP COLUMN time_zone;
            ALTER TABLE invoices DROP COLUMN account_type;
            DROP TABLE issued_documents;
            ALTER TABLE applications DROP COLUMN official_number, DROP COLUMN document_sha256;
            DROP TABLE outbox;
            DELETE FROM schema_version WHERE version >= {PostgreSqlDialect.SchemaVersion - 2};
            """);

        var migrated = await new PostgreSqlPrepaidStore(_schema.Options).FindAccountAsync("acc-1");

        Assert.Equal(opened, migrated);
        Assert.Equal(AccountProfile.DefaultFor("acc-1"), migrated!.Profile);
        Assert.Equal((long)PostgreSqlDialect.SchemaVersion, _schema.Scalar("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task ASchemaFromANewerAdapter_IsATypedError_FromMigrateAsyncAndFromTheFirstCall()
    {
        _schema.Scalar($"CREATE TABLE schema_version (version BIGINT NOT NULL); INSERT INTO schema_version VALUES ({PostgreSqlDialect.SchemaVersion + 1});");

        var refused = await Assert.ThrowsAsync<StorageSchemaException>(() => new PostgreSqlPrepaidStore(_schema.Options).MigrateAsync());
        var onFirstCall = await Assert.ThrowsAsync<StorageSchemaException>(() => new PostgreSqlInvoiceStore(_schema.Options).FindInvoiceAsync("inv"));

        Assert.Equal(("storage.schema_invalid", "schema_version"), (refused.Code, refused.Table));
        Assert.Equal("storage.schema_invalid", onFirstCall.Code);
    }

    [Fact]
    public async Task AMissingTable_IsNamed()
    {
        await new PostgreSqlPrepaidStore(_schema.Options).MigrateAsync();
        _schema.Scalar("DROP TABLE order_refunds");

        var missing = await Assert.ThrowsAsync<StorageSchemaException>(() => new PostgreSqlPrepaidStore(_schema.Options).MigrateAsync());

        Assert.Equal("order_refunds", missing.Table);
    }

    [Fact]
    public async Task Amounts_AreStoredAsNumeric_WithTheirScale()
    {
        var store = new PostgreSqlPrepaidStore(_schema.Options);
        await new PrepaidAccountService(store, new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0))).OpenAsync("acc", Usd, new Money(12.50m, Usd));

        Assert.Equal("numeric", _schema.Scalar("SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'accounts' AND column_name = 'credit_limit'"));
        Assert.Equal("12.50", _schema.Scalar("SELECT credit_limit::text FROM accounts"));
        Assert.Equal("12.50", (await store.FindAccountAsync("acc"))!.CreditLimit.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void BadOptions_AreRefused()
    {
        Assert.Throws<ArgumentException>("connectionString", () => new PostgreSqlOptions(" "));
        Assert.Throws<ArgumentException>("connectionString", () => new PostgreSqlOptions("Username=postgres"));          // no host
        Assert.Throws<ArgumentException>("connectionString", () => new PostgreSqlOptions("Host=db;Nonsense=1"));
        Assert.Throws<ArgumentOutOfRangeException>("BusyTimeout", () => new PostgreSqlOptions("Host=db") { BusyTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>("BusyTimeout", () => new PostgreSqlOptions("Host=db") { BusyTimeout = TimeSpan.FromHours(2) });
        Assert.Throws<ArgumentNullException>("Currencies", () => new PostgreSqlOptions("Host=db") { Currencies = null! });
        Assert.Throws<ArgumentNullException>("options", () => new PostgreSqlPrepaidStore(null!));
        Assert.Throws<ArgumentNullException>("options", () => new PostgreSqlInvoiceStore(null!));
        Assert.Throws<ArgumentNullException>("options", () => new PostgreSqlInvoiceHeaderStore(null!));
    }

    [Fact]
    public async Task AnUnreachableServer_FailsTheCall_NotTheConstructor()
    {
        var store = new PostgreSqlPrepaidStore(new PostgreSqlOptions("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2"));

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => store.FindAccountAsync("acc"));
    }
}
