using System.Data.Common;
using System.Globalization;
using Billing.Domain.Relational;
using Microsoft.Data.Sqlite;

namespace Billing.Domain.Sqlite;

/// <summary>SQLite's ways: connections with a busy timeout, WAL, amounts as invariant decimal text, the schema's migrations, and its error codes.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    private static readonly string[] Scripts =
    [
        """
        CREATE TABLE accounts (
            account_id TEXT PRIMARY KEY, currency TEXT NOT NULL, credit_limit TEXT NOT NULL, balance TEXT NOT NULL, entry_count INTEGER NOT NULL,
            opened_at INTEGER NOT NULL, recharged TEXT NOT NULL, refunded TEXT NOT NULL, held TEXT NOT NULL, invoiced TEXT NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE ledger_entries (
            account_id TEXT NOT NULL, sequence INTEGER NOT NULL, kind TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL, idempotency_key TEXT NOT NULL,
            recorded_at INTEGER NOT NULL, reference TEXT NOT NULL, description TEXT NOT NULL,
            PRIMARY KEY (account_id, sequence), UNIQUE (account_id, idempotency_key));
        CREATE INDEX ledger_entries_by_time ON ledger_entries (account_id, recorded_at);
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, amount TEXT NOT NULL, amount_currency TEXT NOT NULL, payment_amount TEXT NOT NULL,
            payment_currency TEXT NOT NULL, payment_method TEXT NOT NULL, created_at INTEGER NOT NULL, status TEXT NOT NULL, payment_reference TEXT,
            received_amount TEXT, received_currency TEXT, completed_at INTEGER, status_reason TEXT, refund_reference TEXT, refunded_at INTEGER, version INTEGER NOT NULL);
        CREATE INDEX orders_by_account ON orders (account_id, created_at);
        CREATE TABLE consumption (
            account_id TEXT NOT NULL, request_id TEXT NOT NULL, token_name TEXT NOT NULL, model TEXT NOT NULL, input_tokens INTEGER NOT NULL,
            output_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL, occurred_at INTEGER NOT NULL, cost TEXT NOT NULL, currency TEXT NOT NULL,
            price_version TEXT NOT NULL, PRIMARY KEY (account_id, request_id));
        CREATE INDEX consumption_by_time ON consumption (account_id, occurred_at);
        CREATE TABLE corrections (
            correction_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL, description TEXT NOT NULL,
            requested_by TEXT NOT NULL, requested_at INTEGER NOT NULL, corrects TEXT, status TEXT NOT NULL, decided_by TEXT, decided_at INTEGER,
            rejection_reason TEXT, version INTEGER NOT NULL);
        CREATE INDEX corrections_by_account ON corrections (account_id, requested_at);
        CREATE TABLE applications (
            application_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, header_id TEXT NOT NULL, header_type TEXT NOT NULL, header_title TEXT NOT NULL,
            header_tax_id TEXT, header_address TEXT, header_phone TEXT, header_bank TEXT, header_bank_account TEXT, header_is_default INTEGER NOT NULL,
            header_version INTEGER NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL, email TEXT NOT NULL, remarks TEXT, applied_at INTEGER NOT NULL,
            resubmission_of TEXT, status TEXT NOT NULL, approved_by TEXT, approved_at INTEGER, rejected_by TEXT, rejected_at INTEGER, rejection_reason TEXT,
            resubmitted_as TEXT, number TEXT UNIQUE, series TEXT, sequence INTEGER, issued_at INTEGER, version INTEGER NOT NULL);
        CREATE INDEX applications_by_account ON applications (account_id, applied_at);
        CREATE TABLE application_series (series TEXT PRIMARY KEY, last_sequence INTEGER NOT NULL);
        """,
        """
        CREATE TABLE invoices (
            invoice_id TEXT PRIMARY KEY, number TEXT UNIQUE, series TEXT, sequence INTEGER, account_id TEXT NOT NULL, account_name TEXT NOT NULL,
            payment_model TEXT NOT NULL, status TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, currency TEXT NOT NULL,
            charges TEXT NOT NULL, tax_summary TEXT NOT NULL, subscriptions TEXT NOT NULL, corrections TEXT NOT NULL, created_at INTEGER NOT NULL,
            issued_at INTEGER, settled_at INTEGER, void_reason TEXT, version INTEGER NOT NULL);
        CREATE UNIQUE INDEX prepay_invoice_per_period ON invoices (account_id, period_start, period_end) WHERE payment_model = 'Prepaid';
        CREATE TABLE invoice_series (series TEXT PRIMARY KEY, last_sequence INTEGER NOT NULL);
        CREATE TABLE invoice_headers (
            header_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, tax_id TEXT, address TEXT, phone TEXT,
            bank TEXT, bank_account TEXT, is_default INTEGER NOT NULL, version INTEGER NOT NULL);
        CREATE INDEX invoice_headers_by_account ON invoice_headers (account_id);
        """,
        """
        CREATE TABLE order_payments (
            order_id TEXT NOT NULL, position INTEGER NOT NULL, reference TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,
            paid_at INTEGER NOT NULL, received_at INTEGER NOT NULL, outcome TEXT NOT NULL, resolution TEXT, resolved_by TEXT, resolved_at INTEGER,
            resolution_reason TEXT, PRIMARY KEY (order_id, position));
        CREATE TABLE order_refunds (
            order_id TEXT NOT NULL, number INTEGER NOT NULL, credit TEXT, credit_currency TEXT, payment_amount TEXT NOT NULL, payment_currency TEXT NOT NULL,
            payment_reference TEXT NOT NULL, reason TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at INTEGER NOT NULL, status TEXT NOT NULL,
            gateway_reference TEXT, settled_at INTEGER, decline_reason TEXT, PRIMARY KEY (order_id, number));
        INSERT INTO order_payments
            SELECT order_id, 1, payment_reference, received_amount, received_currency, COALESCE(completed_at, created_at), COALESCE(completed_at, created_at),
                CASE WHEN status = 'Abnormal' THEN 'Mismatched' ELSE 'Credited' END, NULL, NULL, NULL, NULL
            FROM orders WHERE received_amount IS NOT NULL AND payment_reference IS NOT NULL;
        INSERT INTO order_refunds
            SELECT order_id, 1, amount, amount_currency, payment_amount, payment_currency, COALESCE(payment_reference, order_id), COALESCE(status_reason, 'refunded'),
                'unknown', COALESCE(refunded_at, created_at), 'Succeeded', refund_reference, refunded_at, NULL
            FROM orders WHERE status = 'Refunded';
        UPDATE ledger_entries SET idempotency_key = idempotency_key || ':1' WHERE kind = 'Refund';
        ALTER TABLE orders ADD COLUMN cancelled_by TEXT;
        ALTER TABLE orders ADD COLUMN credited_amount TEXT;
        ALTER TABLE accounts ADD COLUMN closed_through INTEGER;
        ALTER TABLE consumption ADD COLUMN booked_at INTEGER;
        UPDATE consumption SET booked_at = occurred_at;
        CREATE INDEX consumption_by_booking ON consumption (account_id, booked_at);
        ALTER TABLE corrections ADD COLUMN booked_at INTEGER;
        UPDATE corrections SET booked_at = decided_at WHERE status = 'Approved';
        UPDATE orders SET credited_amount = amount WHERE status IN ('Completed', 'Refunded');
        ALTER TABLE orders DROP COLUMN received_amount;
        ALTER TABLE orders DROP COLUMN received_currency;
        ALTER TABLE orders DROP COLUMN refund_reference;
        ALTER TABLE orders DROP COLUMN refunded_at;
        """,
        """
        CREATE TABLE subscriptions (
            subscription_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, plan TEXT NOT NULL, pending_plan TEXT, billing_type TEXT NOT NULL,
            payment_model TEXT NOT NULL, ordered_at INTEGER NOT NULL, ordered_by TEXT NOT NULL, status TEXT NOT NULL, resources TEXT NOT NULL,
            pending_resources TEXT, version INTEGER NOT NULL);
        CREATE INDEX subscriptions_by_account ON subscriptions (account_id);
        CREATE INDEX subscriptions_by_status ON subscriptions (status);
        CREATE INDEX subscriptions_by_plan ON subscriptions (plan);
        CREATE TABLE subscription_history (
            subscription_id TEXT NOT NULL, position INTEGER NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, trigger TEXT NOT NULL, at INTEGER NOT NULL,
            actor TEXT NOT NULL, reason TEXT, PRIMARY KEY (subscription_id, position));
        CREATE TABLE subscription_charges (
            charge_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, subscription_id TEXT NOT NULL, plan TEXT NOT NULL, plan_version INTEGER NOT NULL,
            period_start TEXT NOT NULL, period_end TEXT NOT NULL, line TEXT NOT NULL, status TEXT NOT NULL, made_at INTEGER NOT NULL, closed_at INTEGER,
            version INTEGER NOT NULL);
        CREATE INDEX subscription_charges_by_account ON subscription_charges (account_id, period_start);
        CREATE TABLE billing_runs (id INTEGER PRIMARY KEY CHECK (id = 1), last_at INTEGER NOT NULL);
        """,
        """
        ALTER TABLE subscriptions ADD COLUMN terms TEXT;
        ALTER TABLE subscription_charges ADD COLUMN credits TEXT;
        ALTER TABLE subscription_charges ADD COLUMN charge_name TEXT;
        ALTER TABLE subscription_charges ADD COLUMN invoice_id TEXT;
        UPDATE subscription_charges SET charge_name = substr(charge_id, length(subscription_id) + 13);
        CREATE INDEX subscription_charges_by_subscription ON subscription_charges (subscription_id);
        """,
        """
        ALTER TABLE accounts ADD COLUMN name TEXT NOT NULL DEFAULT '';
        ALTER TABLE accounts ADD COLUMN account_type TEXT NOT NULL DEFAULT 'Customer';
        ALTER TABLE accounts ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
        UPDATE accounts SET name = account_id;
        CREATE INDEX accounts_by_type ON accounts (account_type, account_id);
        ALTER TABLE invoices ADD COLUMN account_type TEXT NOT NULL DEFAULT 'Customer';
        """,
        """
        ALTER TABLE applications ADD COLUMN official_number TEXT;
        ALTER TABLE applications ADD COLUMN document_sha256 TEXT;
        CREATE TABLE issued_documents (
            application_id TEXT PRIMARY KEY, file_name TEXT NOT NULL, content_type TEXT NOT NULL, content BLOB NOT NULL, sha256 TEXT NOT NULL);
        """,
        """
        CREATE TABLE outbox (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
            attempts INTEGER NOT NULL, retry_at INTEGER, parked INTEGER NOT NULL, last_error TEXT, delivered_at INTEGER);
        CREATE INDEX outbox_undelivered ON outbox (account_id, sequence) WHERE delivered_at IS NULL AND parked = 0;
        """,
        """
        ALTER TABLE order_payments ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
        UPDATE order_payments SET account_id = (SELECT o.account_id FROM orders o WHERE o.order_id = order_payments.order_id);
        ALTER TABLE order_refunds ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
        UPDATE order_refunds SET account_id = (SELECT o.account_id FROM orders o WHERE o.order_id = order_refunds.order_id);
        ALTER TABLE subscription_history ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
        UPDATE subscription_history SET account_id = (SELECT s.account_id FROM subscriptions s WHERE s.subscription_id = subscription_history.subscription_id);
        ALTER TABLE issued_documents ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
        UPDATE issued_documents SET account_id = (SELECT a.account_id FROM applications a WHERE a.application_id = issued_documents.application_id);
        CREATE UNIQUE INDEX subscriptions_by_account_key ON subscriptions (account_id, subscription_id);
        CREATE UNIQUE INDEX subscription_charges_by_account_key ON subscription_charges (account_id, charge_id);
        """,
        """
        ALTER TABLE consumption ADD COLUMN reasoning_tokens INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE consumption ADD COLUMN image_tokens INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE consumption ADD COLUMN audio_tokens INTEGER NOT NULL DEFAULT 0;
        """,
        """
        ALTER TABLE accounts ADD COLUMN grants TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE ledger_entries ADD COLUMN opens_grant TEXT;
        ALTER TABLE ledger_entries ADD COLUMN grant_movements TEXT;
        ALTER TABLE accounts ADD COLUMN low_balance_threshold TEXT;
        ALTER TABLE accounts ADD COLUMN auto_top_up TEXT;
        ALTER TABLE invoices ADD COLUMN credits TEXT NOT NULL DEFAULT '[]';
        UPDATE accounts SET grants = '[{"id":"opening-balance","source":"Paid","effective":' || opened_at || ',"priority":50,"granted":"' || balance
            || '","remaining":"' || balance || '","sequence":0,"credited":' || opened_at || '}]'
        WHERE CAST(balance AS NUMERIC) > 0;
        """,
    ];

    private static readonly string[] SchemaTables =
    [
        "accounts", "ledger_entries", "orders", "consumption", "corrections", "applications", "application_series", "invoices", "invoice_series",
        "invoice_headers", "order_payments", "order_refunds", "subscriptions", "subscription_history", "subscription_charges", "billing_runs",
        "issued_documents", "outbox",
    ];

    private readonly string _connectionString;

    public SqliteDialect(SqliteOptions options)
        : base($"SQLite database {new SqliteConnectionStringBuilder(options.ConnectionString).DataSource}", options.BusyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(BusyTimeout.TotalSeconds)),
        };
        _connectionString = builder.ToString();
    }

    /// <summary>Gets the schema version this adapter writes.</summary>
    public static int SchemaVersion => Scripts.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Migrations => Scripts;

    /// <inheritdoc/>
    public override string OrdinalCollation => "BINARY";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Tables => SchemaTables;

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    /// <inheritdoc/>
    public override string BeforeMigrationSql => "PRAGMA journal_mode = WAL;";

    /// <summary>Gets no statement: SQLite has one writer at a time, so events are numbered in commit order.</summary>
    public override string LockOutboxSql => string.Empty;

    /// <summary>Gets no statement: SQLite has one writer at a time, so no two commits create one id at once.</summary>
    public override string LockIdSql => string.Empty;

    /// <summary>Gets no lock clause: SQLite has one writer at a time, and a transaction that read a row another writer changed since cannot commit.</summary>
    public override string LockRow => string.Empty;

    /// <summary>Gets the script that migrates the schema to <paramref name="version"/> (from 1), for tests of older files.</summary>
    internal static string MigrationTo(int version) => Scripts[version - 1];

    /// <inheritdoc/>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {(long)BusyTimeout.TotalMilliseconds};";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override bool IsTaken(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: SqlitePrimaryKey or SqliteUnique };

    /// <inheritdoc/>
    public override bool IsBusy(DbException exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };   // SQLITE_BUSY, SQLITE_LOCKED

    /// <summary>Returns the amount as invariant text with its scale: SQLite has no exact decimal type, and its REAL would round.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The text.</returns>
    public override object Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private const int SqlitePrimaryKey = 1555;   // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int SqliteUnique = 2067;       // SQLITE_CONSTRAINT_UNIQUE
}
