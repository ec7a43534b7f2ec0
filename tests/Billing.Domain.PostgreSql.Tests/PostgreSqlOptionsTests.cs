using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using Billing.Domain.Tests.Shared;
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
            {UndoGrants}
            {UndoTokenKinds}
            {UndoAccountKeys}
            DROP INDEX accounts_by_type;
            DROP INDEX accounts_by_id;
            ALTER TABLE accounts DROP COLUMN name, DROP COLUMN account_type, DROP COLUMN time_zone;
            ALTER TABLE invoices DROP COLUMN account_type;
            DROP TABLE issued_documents;
            ALTER TABLE applications DROP COLUMN official_number, DROP COLUMN document_sha256;
            DROP TABLE outbox;
            DELETE FROM schema_version WHERE version >= 2;
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
    public async Task EveryTableOfAccountsRows_IsKeyedByAccountFirst_WithNoUniqueKeyWithoutIt()
    {
        await new PostgreSqlPrepaidStore(_schema.Options).MigrateAsync();
        string[] global = ["application_series", "billing_runs", "invoice_series", "schema_version"];

        var keyedOtherwise = _schema.Scalar($"""
            SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT IN ('{string.Join("', '", global)}')
              AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                              WHERE i.indrelid = c.oid AND i.indisprimary AND a.attname = 'account_id')
            """);
        var uniqueWithoutAccount = _schema.Scalar($"""
            SELECT string_agg(x.relname, ',' ORDER BY x.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND i.indisunique AND c.relname NOT IN ('{string.Join("', '", global)}')
              AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'account_id' AND a.attnum = ANY (i.indkey))
            """);

        Assert.Equal(DBNull.Value, keyedOtherwise);
        Assert.Equal(DBNull.Value, uniqueWithoutAccount);
        Assert.Equal(
            (long)new PostgreSqlDialect(_schema.Options).Tables.Count + 1,   // the queries saw every table, schema_version too
            _schema.Scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"));
    }

    [Fact]
    public async Task ABalanceStoredBeforeGrants_IsMigrated_ToOnePaidGrantOfIt()
    {
        var clock = LegacyBalanceMigration.Clock();
        var opened = await LegacyBalanceMigration.WriteAsync(new PostgreSqlPrepaidStore(_schema.Options), clock);
        _schema.Scalar($"""
            {UndoGrants}
            DELETE FROM schema_version WHERE version >= {PostgreSqlDialect.SchemaVersion};
            SELECT 1;
            """);

        await LegacyBalanceMigration.AssertMigratedAsync(new PostgreSqlPrepaidStore(_schema.Options), clock, opened);
    }

    [Fact]
    public async Task ASchemaOfVersion4_IsMigrated_ItsChildRowsKeyedByTheirAccount()
    {
        var store = new PostgreSqlPrepaidStore(_schema.Options);
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)) { AutoAdvance = Duration.FromMinutes(1) };
        await new PrepaidAccountService(store, clock).OpenAsync("acc", Usd);
        var topUps = new TopUpService(store, new InMemoryPaymentGateway(clock), clock);
        await topUps.CreateAsync("ord-1", "acc", new Money(100m, Usd), new Money(100m, Usd), "card");
        await topUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-1", new Money(100m, Usd), clock.GetCurrentInstant()));
        var ordered = Subscription.Order("sub-1", "acc", "Seats", "pro", BillingType.Recurring, PaymentModel.Prepaid, clock.GetCurrentInstant(), "alice");
        ordered.StartActivation(clock.GetCurrentInstant(), "provisioner");
        await store.CommitAsync(new PrepaidChange(subscription: ordered));
        var (order, subscription) = (await store.FindOrderAsync("ord-1"), await store.FindSubscriptionAsync("sub-1"));
        _schema.Scalar($"""
            {UndoGrants}
            {UndoTokenKinds}
            {UndoAccountKeys}
            {UndoDocumentAndOutboxKeys}
            DELETE FROM schema_version WHERE version >= 5;
            """);

        var migrated = new PostgreSqlPrepaidStore(_schema.Options);

        Assert.Equal(order, await migrated.FindOrderAsync("ord-1"));
        Assert.Equal(subscription!.History, (await migrated.FindSubscriptionAsync("sub-1"))!.History);
        Assert.Equal(
            ["acc", "acc"],
            new[] { "order_payments", "subscription_history" }.Select(table => _schema.Scalar($"SELECT string_agg(DISTINCT account_id, ',') FROM {table}")));
    }

    [Fact]
    public async Task OneIdCreatedInTwoAccountsAtOnce_IsWrittenOnce()
    {
        var (first, second) = (new PostgreSqlPrepaidStore(_schema.Options), new PostgreSqlPrepaidStore(_schema.Options));
        var at = Instant.FromUtc(2026, 3, 1, 0, 0);
        using var firstWrote = new SemaphoreSlim(0);
        using var secondDone = new SemaphoreSlim(0);
        first.AfterStep = step =>
        {
            if (step == "order")
            {
                firstWrote.Release();
                secondDone.Wait(TimeSpan.FromSeconds(1));   // holds its commit open: the second meets the id's lock, or (without it) would write beside it
            }
        };

        var firstCommit = Task.Run(() => first.CommitAsync(new PrepaidChange(order: TopUpOrder.Create("ord-x", "acc-1", new Money(1m, Usd), new Money(1m, Usd), "card", at))));
        await firstWrote.WaitAsync();
        var secondCommit = Task.Run(async () =>
        {
            try
            {
                await second.CommitAsync(new PrepaidChange(order: TopUpOrder.Create("ord-x", "acc-2", new Money(2m, Usd), new Money(2m, Usd), "card", at)));
            }
            finally
            {
                secondDone.Release();
            }
        });

        await firstCommit;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => secondCommit);
        Assert.Equal(1L, _schema.Scalar("SELECT COUNT(*) FROM orders WHERE order_id = 'ord-x'"));
        Assert.Equal("acc-1", (await second.FindOrderAsync("ord-x"))!.AccountId);
    }

    [Fact]
    public async Task AnUnreachableServer_FailsTheCall_NotTheConstructor()
    {
        var store = new PostgreSqlPrepaidStore(new PostgreSqlOptions("Host=127.0.0.1;Port=1;Username=nobody;Timeout=2"));

        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => store.FindAccountAsync("acc"));
    }

    private const string UndoGrants = LegacyBalanceMigration.UndoGrants;

    // Takes a current schema back to before the version that stores reasoning, image and audio tokens.
    private const string UndoTokenKinds = """
        ALTER TABLE consumption DROP COLUMN reasoning_tokens;
        ALTER TABLE consumption DROP COLUMN image_tokens;
        ALTER TABLE consumption DROP COLUMN audio_tokens;
        """;

    // Takes a current schema back to before version 5 (rows of accounts keyed by account first), except the issued
    // documents and the outbox: their child rows without account ids, their keys and unique numbers as they were.
    private const string UndoAccountKeys = """
        DROP INDEX orders_by_id, corrections_by_id, applications_by_id, applications_by_number, invoices_by_id, invoices_by_number, invoice_headers_by_id,
            subscriptions_by_id, subscription_charges_by_id;
        ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD PRIMARY KEY (order_id);
        ALTER TABLE order_payments DROP CONSTRAINT order_payments_pkey, ADD PRIMARY KEY (order_id, position);
        ALTER TABLE order_refunds DROP CONSTRAINT order_refunds_pkey, ADD PRIMARY KEY (order_id, number);
        ALTER TABLE corrections DROP CONSTRAINT corrections_pkey, ADD PRIMARY KEY (correction_id);
        ALTER TABLE applications DROP CONSTRAINT applications_pkey, ADD PRIMARY KEY (application_id), ADD CONSTRAINT applications_number_key UNIQUE (number);
        ALTER TABLE invoices DROP CONSTRAINT invoices_pkey, ADD PRIMARY KEY (invoice_id), ADD CONSTRAINT invoices_number_key UNIQUE (number);
        ALTER TABLE invoice_headers DROP CONSTRAINT invoice_headers_pkey, ADD PRIMARY KEY (header_id);
        ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_pkey, ADD PRIMARY KEY (subscription_id);
        ALTER TABLE subscription_history DROP CONSTRAINT subscription_history_pkey, ADD PRIMARY KEY (subscription_id, position);
        ALTER TABLE subscription_charges DROP CONSTRAINT subscription_charges_pkey, ADD PRIMARY KEY (charge_id);
        ALTER TABLE order_payments DROP COLUMN account_id;
        ALTER TABLE order_refunds DROP COLUMN account_id;
        ALTER TABLE subscription_history DROP COLUMN account_id;
        """;

    // The rest of version 5's undoing: the issued documents' and the outbox's keys as they were.
    private const string UndoDocumentAndOutboxKeys = """
        DROP INDEX issued_documents_by_id, outbox_by_sequence;
        ALTER TABLE issued_documents DROP CONSTRAINT issued_documents_pkey, ADD PRIMARY KEY (application_id);
        ALTER TABLE issued_documents DROP COLUMN account_id;
        ALTER TABLE outbox DROP CONSTRAINT outbox_pkey, ADD PRIMARY KEY (sequence);
        """;
}
