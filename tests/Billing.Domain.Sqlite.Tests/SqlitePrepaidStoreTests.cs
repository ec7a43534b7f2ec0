using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Numbering;
using Billing.Domain.Testing;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using Billing.Domain.Tests.Shared;
using Microsoft.Data.Sqlite;
using NodaTime.Testing;

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
        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT COUNT(*) FROM schema_version;"));   // each migration once
        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task ABalanceStoredBeforeGrants_IsMigrated_ToOnePaidGrantOfIt()
    {
        var clock = LegacyBalanceMigration.Clock();
        var opened = await LegacyBalanceMigration.WriteAsync(new SqlitePrepaidStore(_database.Path), clock);
        Scalar($"""
            {UndoGrants}
            DELETE FROM schema_version WHERE version >= {SqliteDialect.SchemaVersion};
            SELECT 1;
            """);

        await LegacyBalanceMigration.AssertMigratedAsync(new SqlitePrepaidStore(_database.Path), clock, opened);
    }

    [Fact]
    public async Task AccountsStoredBeforeProfiles_AreMigrated_ToTheDefaultProfile()
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var opened = await new PrepaidAccountService(store, new FakeClock(Start)).OpenAsync("acc-1", Usd);
        Scalar($"""
            DROP INDEX accounts_by_type;
            ALTER TABLE accounts DROP COLUMN name;
            ALTER TABLE accounts DROP COLUMN account_type;
            ALTER TABLE accounts DROP COLUMN time_zone;
            ALTER TABLE invoices DROP COLUMN account_type;
            DROP TABLE issued_documents;
            ALTER TABLE applications DROP COLUMN official_number;
            ALTER TABLE applications DROP COLUMN document_sha256;
            DROP TABLE outbox;
            {UndoGrants}
            {UndoTokenKinds}
            {UndoAccountKeys}
            DELETE FROM schema_version WHERE version >= 6;
            SELECT 1;
            """);

        var migrated = await new SqlitePrepaidStore(_database.Path).FindAccountAsync("acc-1");

        Assert.Equal(opened, migrated);
        Assert.Equal(AccountProfile.DefaultFor("acc-1"), migrated!.Profile);
        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task AnIssuedDocumentDamagedInTheFile_IsNotServed()
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var clock = new FakeClock(Start) { AutoAdvance = Duration.FromMinutes(1) };
        var headers = new InMemoryInvoiceHeaderStore();
        var topUps = new TopUpService(store, new InMemoryPaymentGateway(clock), clock);
        var applications = new InvoiceApplicationService(store, headers, new NumberSeries("FP", "FP-{seq:0000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), clock);
        await new PrepaidAccountService(store, clock).OpenAsync("acc", Usd);
        await topUps.CreateAsync("ord-1", "acc", new Money(100m, Usd), new Money(100m, Usd), "card");
        await topUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-1", new Money(100m, Usd), Start));
        await new InvoiceHeaderService(headers).AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
        await applications.ApplyAsync("app-1", "acc", new Money(40m, Usd), "a@b.example");
        await applications.ApproveAsync("acc", "app-1", "fin");
        await applications.IssueAsync("acc", "app-1");
        var served = await applications.DownloadAsync("acc", "app-1");
        Scalar("UPDATE issued_documents SET content = X'00' WHERE application_id = 'app-1';");

        var refused = await Assert.ThrowsAsync<IssuedDocumentCorruptException>(() => applications.DownloadAsync("acc", "app-1"));

        Assert.Equal("application.document_corrupt", refused.Code);
        Assert.StartsWith("Invoice FP-0001", System.Text.Encoding.UTF8.GetString(served.Content.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersion8File_IsMigrated_ItsChildRowsKeyedByTheirAccount()
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var clock = new FakeClock(Start) { AutoAdvance = Duration.FromMinutes(1) };
        var headers = new InMemoryInvoiceHeaderStore();
        var applications = new InvoiceApplicationService(store, headers, new NumberSeries("FP", "FP-{seq:0000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), clock);
        await new PrepaidAccountService(store, clock).OpenAsync("acc", Usd);
        var topUps = new TopUpService(store, new InMemoryPaymentGateway(clock), clock);
        await topUps.CreateAsync("ord-1", "acc", new Money(100m, Usd), new Money(100m, Usd), "card");
        await topUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-1", new Money(100m, Usd), Start));
        var ordered = Subscription.Order("sub-1", "acc", "Seats", "pro", BillingType.Recurring, PaymentModel.Prepaid, Start, "alice");
        ordered.StartActivation(Start, "provisioner");
        await store.CommitAsync(new PrepaidChange(subscription: ordered));
        await new InvoiceHeaderService(headers).AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
        await applications.ApplyAsync("app-1", "acc", new Money(40m, Usd), "a@b.example");
        await applications.ApproveAsync("acc", "app-1", "fin");
        await applications.IssueAsync("acc", "app-1");
        var (order, subscription, document) = (await store.FindOrderAsync("ord-1"), await store.FindSubscriptionAsync("sub-1"), await store.FindDocumentAsync("app-1"));
        Scalar($"""
            {UndoGrants}
            {UndoTokenKinds}
            {UndoAccountKeys}
            ALTER TABLE issued_documents DROP COLUMN account_id;
            DELETE FROM schema_version WHERE version >= 9;
            SELECT 1;
            """);

        var migrated = new SqlitePrepaidStore(_database.Path);

        Assert.Equal(order, await migrated.FindOrderAsync("ord-1"));
        Assert.Equal(subscription!.History, (await migrated.FindSubscriptionAsync("sub-1"))!.History);
        Assert.Equal(document!.Sha256, (await migrated.FindDocumentAsync("app-1"))!.Sha256);
        Assert.Equal(
            ["acc", "acc", "acc"],
            new[] { "order_payments", "subscription_history", "issued_documents" }.Select(table => Scalar($"SELECT group_concat(DISTINCT account_id) FROM {table};")));
    }

    [Fact]
    public void ANewerSchema_IsRefused()
    {
        _ = new SqlitePrepaidStore(_database.Path);
        Scalar("INSERT INTO schema_version (version) VALUES (99);");

        var refused = Assert.Throws<StorageSchemaException>(() => new SqlitePrepaidStore(_database.Path));

        Assert.Equal(("storage.schema_invalid", "schema_version"), (refused.Code, refused.Table));
    }

    [Theory]
    [InlineData("INSERT INTO schema_version (version) VALUES ('three');", "schema_version")]
    [InlineData("INSERT INTO schema_version (version) VALUES (-1);", "schema_version")]
    [InlineData("DROP TABLE schema_version;", "schema_version")]
    [InlineData("DROP TABLE order_refunds;", "order_refunds")]
    public void ADamagedSchema_IsATypedErrorNamingTheTable(string damage, string table)
    {
        _ = new SqlitePrepaidStore(_database.Path);
        Scalar(damage);

        var refused = Assert.Throws<StorageSchemaException>(() => new SqlitePrepaidStore(_database.Path));

        Assert.Equal(("storage.schema_invalid", table), (refused.Code, refused.Table));
        Assert.Contains(table, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockedFile_IsATypedError_AfterTheBusyTimeout_AndNothingIsWritten()
    {
        var store = new SqlitePrepaidStore(_database.Path, busyTimeout: TimeSpan.FromMilliseconds(300));
        var accounts = new PrepaidAccountService(store, new FakeClock(Start), retry: ConflictRetryPolicy.Immediate(1));
        using var holder = new SqliteConnection($"Data Source={_database.Path}");
        holder.Open();
        using var transaction = holder.BeginTransaction();   // BEGIN IMMEDIATE: holds the write lock
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var busy = await Assert.ThrowsAsync<StorageBusyException>(() => accounts.OpenAsync("acc", Usd));

        Assert.Equal(("storage.busy", TimeSpan.FromMilliseconds(300)), (busy.Code, busy.Timeout));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"waited {clock.Elapsed}, far past the busy timeout");
        transaction.Rollback();
        Assert.Null(await store.FindAccountAsync("acc"));
    }

    [Fact]
    public async Task AConstraintThatIsNotAKey_IsNotAConflict_AndIsNotRetried()
    {
        var store = new SqlitePrepaidStore(_database.Path);
        var accounts = new PrepaidAccountService(store, new FakeClock(Start));
        await accounts.OpenAsync("acc", Usd);
        Scalar("CREATE TRIGGER refuse_entries BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END;");
        var corrections = new CorrectionService(store, new FakeClock(Start));
        await corrections.RequestAsync("c-1", "acc", new Money(1m, Usd), "fix", "alice");

        var failed = await Assert.ThrowsAsync<SqliteException>(() => corrections.ApproveAsync("acc", "c-1", "bob"));

        Assert.Equal(19, failed.SqliteErrorCode);   // SQLITE_CONSTRAINT, but not a key another writer took
        Assert.Equal(CorrectionStatus.Requested, (await store.FindCorrectionAsync("c-1"))!.Status);
    }

    [Fact]
    public async Task AVersion2File_IsMigrated_KeepingItsPaymentsAndRefunds()
    {
        Scalar("CREATE TABLE schema_version (version INTEGER NOT NULL);" + SqliteDialect.MigrationTo(1) + SqliteDialect.MigrationTo(2) + "INSERT INTO schema_version VALUES (1), (2);");
        var at = (Start - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
        Scalar($"""
            INSERT INTO accounts VALUES ('acc', 'USD', '0.00', '0.00', 2, {at}, '40.00', '40.00', '0.00', '0.00', 3);
            INSERT INTO ledger_entries VALUES ('acc', 1, 'TopUpCredit', '40.00', 'USD', 'topup:o1', {at}, 'o1', 'Top-up o1');
            INSERT INTO ledger_entries VALUES ('acc', 2, 'Refund', '-40.00', 'USD', 'refund:o1', {at + 60_000_000_000}, 'o1', 'Refund of top-up o1');
            INSERT INTO orders VALUES ('o1', 'acc', '40.00', 'USD', '41.20', 'USD', 'card', {at}, 'Refunded', 'pay-1', '41.20', 'USD', {at}, 'asked', 're-1', {at + 60_000_000_000}, 3);
            INSERT INTO orders VALUES ('o2', 'acc', '10.00', 'USD', '10.00', 'USD', 'card', {at}, 'Abnormal', 'pay-2', '9.00', 'USD', NULL, 'Paid 9.00', NULL, NULL, 2);
            """);

        var store = new SqlitePrepaidStore(_database.Path);
        var refunded = (await store.FindOrderAsync("o1"))!;
        var abnormal = (await store.FindOrderAsync("o2"))!;

        Assert.Equal((long)SqliteDialect.SchemaVersion, Scalar("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal([("pay-1", new Money(41.20m, Usd), TopUpPaymentOutcome.Credited)], refunded.Payments.Select(p => (p.Reference, p.Amount, p.Outcome)));
        var refund = Assert.Single(refunded.Refunds);
        Assert.Equal((1, (Money?)new Money(40.00m, Usd), new Money(41.20m, Usd), TopUpRefundStatus.Succeeded, "re-1"), (refund.Number, refund.Credit, refund.PaymentAmount, refund.Status, refund.GatewayReference));
        Assert.Equal((TopUpStatus.Abnormal, TopUpPaymentOutcome.Mismatched, true), (abnormal.Status, abnormal.Payments.Single().Outcome, abnormal.NeedsReview));
        Assert.Equal(new Money(9.00m, Usd), abnormal.AmountReceived);
        Assert.NotNull(await store.FindEntryAsync("acc", TopUpService.RefundKeyFor("o1", 1)));
    }

    [Fact]
    public async Task AVersion4File_IsMigrated_ItsSubscriptionsOnTheirOrderedTerms_AndItsChargesNamed()
    {
        Scalar("CREATE TABLE schema_version (version INTEGER NOT NULL);" + string.Concat(Enumerable.Range(1, 4).Select(SqliteDialect.MigrationTo)) + "INSERT INTO schema_version VALUES (1), (2), (3), (4);");
        var at = (Start - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
        Scalar($$"""
            INSERT INTO subscriptions VALUES ('sub-1', 'acc', 'Seats', 'pro', NULL, 'Recurring', 'Prepaid', {{at}}, 'alice', 'ordered', '{"Seats":3}', NULL, 1);
            INSERT INTO subscription_charges VALUES ('sub-1/2026-03-10/Setup fee', 'acc', 'sub-1', 'pro', 1, '2026-03-10', '2026-04-10', '{}', 'Open', {{at}}, NULL, 1);
            """);

        var store = new SqlitePrepaidStore(_database.Path);
        var subscription = (await store.FindSubscriptionAsync("sub-1"))!;

        Assert.Equal([(Start, "pro", 3m)], subscription.Terms.Select(t => (t.From, t.Plan, t.Resources["Seats"])));
        Assert.Equal("Setup fee", Scalar("SELECT charge_name FROM subscription_charges;"));
        Assert.Equal(DBNull.Value, Scalar("SELECT credits FROM subscription_charges;"));
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
        await AssertFailsWhole(step, (store, clock) => new CorrectionService(store, clock).ApproveAsync("acc", "cor-1", "bob"));

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

    private const string UndoGrants = LegacyBalanceMigration.UndoGrants;

    // Takes a current schema back to before the version that stores reasoning, image and audio tokens.
    private const string UndoTokenKinds = """
        ALTER TABLE consumption DROP COLUMN reasoning_tokens;
        ALTER TABLE consumption DROP COLUMN image_tokens;
        ALTER TABLE consumption DROP COLUMN audio_tokens;
        """;

    // Takes a current file back to before version 9 (rows of accounts keyed by account first): its child rows without account ids.
    private const string UndoAccountKeys = """
        DROP INDEX subscriptions_by_account_key;
        DROP INDEX subscription_charges_by_account_key;
        ALTER TABLE order_payments DROP COLUMN account_id;
        ALTER TABLE order_refunds DROP COLUMN account_id;
        ALTER TABLE subscription_history DROP COLUMN account_id;
        """;

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
