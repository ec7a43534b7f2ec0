using System.Data.Common;
using Billing.Domain.Relational;
using Npgsql;

namespace Billing.Domain.PostgreSql;

/// <summary>
/// PostgreSQL's ways: pooled Npgsql connections whose <c>lock_timeout</c> is the busy timeout, amounts as
/// <c>numeric</c> (exact, scale kept), rows a commit checks locked with <c>FOR UPDATE</c>, migrations serialised
/// across processes by an advisory lock on the schema, and its SQLSTATE codes.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    // The schema's shape is the SQLite adapter's, in PostgreSQL's types: positional INSERTs rely on the column order.
    // Every row of an account carries account_id, and since version 5 every table of accounts' rows is keyed by it
    // first, with no unique key without it, so that each can be distributed by account_id (Citus); an id stays unique
    // across accounts by the stores' check under LockIdSql. The series tables, billing_runs and schema_version are
    // global (reference tables when distributed).
    private static readonly string[] Scripts =
    [
        """
        CREATE TABLE accounts (
            account_id TEXT PRIMARY KEY, currency TEXT NOT NULL, credit_limit NUMERIC NOT NULL, balance NUMERIC NOT NULL, entry_count BIGINT NOT NULL,
            opened_at BIGINT NOT NULL, recharged NUMERIC NOT NULL, refunded NUMERIC NOT NULL, held NUMERIC NOT NULL, invoiced NUMERIC NOT NULL, version BIGINT NOT NULL,
            closed_through BIGINT);
        CREATE TABLE ledger_entries (
            account_id TEXT NOT NULL, sequence BIGINT NOT NULL, kind TEXT NOT NULL, amount NUMERIC NOT NULL, currency TEXT NOT NULL, idempotency_key TEXT NOT NULL,
            recorded_at BIGINT NOT NULL, reference TEXT NOT NULL, description TEXT NOT NULL,
            PRIMARY KEY (account_id, sequence), UNIQUE (account_id, idempotency_key));
        CREATE INDEX ledger_entries_by_time ON ledger_entries (account_id, recorded_at);
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, amount NUMERIC NOT NULL, amount_currency TEXT NOT NULL, payment_amount NUMERIC NOT NULL,
            payment_currency TEXT NOT NULL, payment_method TEXT NOT NULL, created_at BIGINT NOT NULL, status TEXT NOT NULL, payment_reference TEXT,
            completed_at BIGINT, status_reason TEXT, version BIGINT NOT NULL, cancelled_by TEXT, credited_amount NUMERIC);
        CREATE INDEX orders_by_account ON orders (account_id, created_at);
        CREATE TABLE order_payments (
            order_id TEXT NOT NULL, position BIGINT NOT NULL, reference TEXT NOT NULL, amount NUMERIC NOT NULL, currency TEXT NOT NULL,
            paid_at BIGINT NOT NULL, received_at BIGINT NOT NULL, outcome TEXT NOT NULL, resolution TEXT, resolved_by TEXT, resolved_at BIGINT,
            resolution_reason TEXT, PRIMARY KEY (order_id, position));
        CREATE TABLE order_refunds (
            order_id TEXT NOT NULL, number BIGINT NOT NULL, credit NUMERIC, credit_currency TEXT, payment_amount NUMERIC NOT NULL, payment_currency TEXT NOT NULL,
            payment_reference TEXT NOT NULL, reason TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at BIGINT NOT NULL, status TEXT NOT NULL,
            gateway_reference TEXT, settled_at BIGINT, decline_reason TEXT, PRIMARY KEY (order_id, number));
        CREATE TABLE consumption (
            account_id TEXT NOT NULL, request_id TEXT NOT NULL, token_name TEXT NOT NULL, model TEXT NOT NULL, input_tokens BIGINT NOT NULL,
            output_tokens BIGINT NOT NULL, cached_input_tokens BIGINT NOT NULL, occurred_at BIGINT NOT NULL, cost NUMERIC NOT NULL, currency TEXT NOT NULL,
            price_version TEXT NOT NULL, booked_at BIGINT, PRIMARY KEY (account_id, request_id));
        CREATE INDEX consumption_by_time ON consumption (account_id, occurred_at);
        CREATE INDEX consumption_by_booking ON consumption (account_id, booked_at);
        CREATE TABLE corrections (
            correction_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, amount NUMERIC NOT NULL, currency TEXT NOT NULL, description TEXT NOT NULL,
            requested_by TEXT NOT NULL, requested_at BIGINT NOT NULL, corrects TEXT, status TEXT NOT NULL, decided_by TEXT, decided_at BIGINT,
            rejection_reason TEXT, version BIGINT NOT NULL, booked_at BIGINT);
        CREATE INDEX corrections_by_account ON corrections (account_id, requested_at);
        CREATE TABLE applications (
            application_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, header_id TEXT NOT NULL, header_type TEXT NOT NULL, header_title TEXT NOT NULL,
            header_tax_id TEXT, header_address TEXT, header_phone TEXT, header_bank TEXT, header_bank_account TEXT, header_is_default BIGINT NOT NULL,
            header_version BIGINT NOT NULL, amount NUMERIC NOT NULL, currency TEXT NOT NULL, email TEXT NOT NULL, remarks TEXT, applied_at BIGINT NOT NULL,
            resubmission_of TEXT, status TEXT NOT NULL, approved_by TEXT, approved_at BIGINT, rejected_by TEXT, rejected_at BIGINT, rejection_reason TEXT,
            resubmitted_as TEXT, number TEXT UNIQUE, series TEXT, sequence BIGINT, issued_at BIGINT, version BIGINT NOT NULL);
        CREATE INDEX applications_by_account ON applications (account_id, applied_at);
        CREATE TABLE application_series (series TEXT PRIMARY KEY, last_sequence BIGINT NOT NULL);
        CREATE TABLE invoices (
            invoice_id TEXT PRIMARY KEY, number TEXT UNIQUE, series TEXT, sequence BIGINT, account_id TEXT NOT NULL, account_name TEXT NOT NULL,
            payment_model TEXT NOT NULL, status TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL, currency TEXT NOT NULL,
            charges TEXT NOT NULL, tax_summary TEXT NOT NULL, subscriptions TEXT NOT NULL, corrections TEXT NOT NULL, created_at BIGINT NOT NULL,
            issued_at BIGINT, settled_at BIGINT, void_reason TEXT, version BIGINT NOT NULL);
        CREATE UNIQUE INDEX prepay_invoice_per_period ON invoices (account_id, period_start, period_end) WHERE payment_model = 'Prepaid';
        CREATE TABLE invoice_series (series TEXT PRIMARY KEY, last_sequence BIGINT NOT NULL);
        CREATE TABLE invoice_headers (
            header_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, type TEXT NOT NULL, title TEXT NOT NULL, tax_id TEXT, address TEXT, phone TEXT,
            bank TEXT, bank_account TEXT, is_default BIGINT NOT NULL, version BIGINT NOT NULL);
        CREATE INDEX invoice_headers_by_account ON invoice_headers (account_id);
        CREATE TABLE subscriptions (
            subscription_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, name TEXT NOT NULL, plan TEXT NOT NULL, pending_plan TEXT, billing_type TEXT NOT NULL,
            payment_model TEXT NOT NULL, ordered_at BIGINT NOT NULL, ordered_by TEXT NOT NULL, status TEXT NOT NULL, resources TEXT NOT NULL,
            pending_resources TEXT, version BIGINT NOT NULL, terms TEXT);
        CREATE INDEX subscriptions_by_account ON subscriptions (account_id);
        CREATE INDEX subscriptions_by_status ON subscriptions (status);
        CREATE INDEX subscriptions_by_plan ON subscriptions (plan);
        CREATE TABLE subscription_history (
            subscription_id TEXT NOT NULL, position BIGINT NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, trigger TEXT NOT NULL, at BIGINT NOT NULL,
            actor TEXT NOT NULL, reason TEXT, PRIMARY KEY (subscription_id, position));
        CREATE TABLE subscription_charges (
            charge_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, subscription_id TEXT NOT NULL, plan TEXT NOT NULL, plan_version BIGINT NOT NULL,
            period_start TEXT NOT NULL, period_end TEXT NOT NULL, line TEXT NOT NULL, status TEXT NOT NULL, made_at BIGINT NOT NULL, closed_at BIGINT,
            version BIGINT NOT NULL, credits TEXT, charge_name TEXT, invoice_id TEXT);
        CREATE INDEX subscription_charges_by_account ON subscription_charges (account_id, period_start);
        CREATE INDEX subscription_charges_by_subscription ON subscription_charges (subscription_id);
        CREATE TABLE billing_runs (id BIGINT PRIMARY KEY CHECK (id = 1), last_at BIGINT NOT NULL);
        """,
        """
        ALTER TABLE accounts ADD COLUMN name TEXT NOT NULL DEFAULT '';
        ALTER TABLE accounts ADD COLUMN account_type TEXT NOT NULL DEFAULT 'Customer';
        ALTER TABLE accounts ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
        UPDATE accounts SET name = account_id;
        CREATE INDEX accounts_by_type ON accounts (account_type, account_id COLLATE "C");
        CREATE INDEX accounts_by_id ON accounts (account_id COLLATE "C");
        ALTER TABLE invoices ADD COLUMN account_type TEXT NOT NULL DEFAULT 'Customer';
        """,
        """
        ALTER TABLE applications ADD COLUMN official_number TEXT;
        ALTER TABLE applications ADD COLUMN document_sha256 TEXT;
        CREATE TABLE issued_documents (
            application_id TEXT PRIMARY KEY, file_name TEXT NOT NULL, content_type TEXT NOT NULL, content BYTEA NOT NULL, sha256 TEXT NOT NULL);
        """,
        """
        CREATE TABLE outbox (
            sequence BIGSERIAL PRIMARY KEY, account_id TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL,
            attempts BIGINT NOT NULL, retry_at BIGINT, parked BIGINT NOT NULL, last_error TEXT, delivered_at BIGINT);
        CREATE INDEX outbox_undelivered ON outbox (account_id, sequence) WHERE delivered_at IS NULL AND parked = 0;
        """,
        """
        ALTER TABLE order_payments ADD COLUMN account_id TEXT;
        UPDATE order_payments p SET account_id = o.account_id FROM orders o WHERE o.order_id = p.order_id;
        ALTER TABLE order_payments ALTER COLUMN account_id SET NOT NULL;
        ALTER TABLE order_refunds ADD COLUMN account_id TEXT;
        UPDATE order_refunds f SET account_id = o.account_id FROM orders o WHERE o.order_id = f.order_id;
        ALTER TABLE order_refunds ALTER COLUMN account_id SET NOT NULL;
        ALTER TABLE subscription_history ADD COLUMN account_id TEXT;
        UPDATE subscription_history h SET account_id = s.account_id FROM subscriptions s WHERE s.subscription_id = h.subscription_id;
        ALTER TABLE subscription_history ALTER COLUMN account_id SET NOT NULL;
        ALTER TABLE issued_documents ADD COLUMN account_id TEXT;
        UPDATE issued_documents d SET account_id = a.account_id FROM applications a WHERE a.application_id = d.application_id;
        ALTER TABLE issued_documents ALTER COLUMN account_id SET NOT NULL;
        ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD PRIMARY KEY (account_id, order_id);
        ALTER TABLE order_payments DROP CONSTRAINT order_payments_pkey, ADD PRIMARY KEY (account_id, order_id, position);
        ALTER TABLE order_refunds DROP CONSTRAINT order_refunds_pkey, ADD PRIMARY KEY (account_id, order_id, number);
        ALTER TABLE corrections DROP CONSTRAINT corrections_pkey, ADD PRIMARY KEY (account_id, correction_id);
        ALTER TABLE applications DROP CONSTRAINT applications_pkey, DROP CONSTRAINT applications_number_key, ADD PRIMARY KEY (account_id, application_id);
        ALTER TABLE invoices DROP CONSTRAINT invoices_pkey, DROP CONSTRAINT invoices_number_key, ADD PRIMARY KEY (account_id, invoice_id);
        ALTER TABLE invoice_headers DROP CONSTRAINT invoice_headers_pkey, ADD PRIMARY KEY (account_id, header_id);
        ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_pkey, ADD PRIMARY KEY (account_id, subscription_id);
        ALTER TABLE subscription_history DROP CONSTRAINT subscription_history_pkey, ADD PRIMARY KEY (account_id, subscription_id, position);
        ALTER TABLE subscription_charges DROP CONSTRAINT subscription_charges_pkey, ADD PRIMARY KEY (account_id, charge_id);
        ALTER TABLE issued_documents DROP CONSTRAINT issued_documents_pkey, ADD PRIMARY KEY (account_id, application_id);
        ALTER TABLE outbox DROP CONSTRAINT outbox_pkey, ADD PRIMARY KEY (account_id, sequence);
        CREATE INDEX orders_by_id ON orders (order_id);
        CREATE INDEX corrections_by_id ON corrections (correction_id);
        CREATE INDEX applications_by_id ON applications (application_id);
        CREATE INDEX applications_by_number ON applications (number);
        CREATE INDEX invoices_by_id ON invoices (invoice_id);
        CREATE INDEX invoices_by_number ON invoices (number);
        CREATE INDEX invoice_headers_by_id ON invoice_headers (header_id);
        CREATE INDEX subscriptions_by_id ON subscriptions (subscription_id);
        CREATE INDEX subscription_charges_by_id ON subscription_charges (charge_id);
        CREATE INDEX issued_documents_by_id ON issued_documents (application_id);
        CREATE INDEX outbox_by_sequence ON outbox (sequence);
        """,
        """
        ALTER TABLE consumption ADD COLUMN reasoning_tokens BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE consumption ADD COLUMN image_tokens BIGINT NOT NULL DEFAULT 0;
        ALTER TABLE consumption ADD COLUMN audio_tokens BIGINT NOT NULL DEFAULT 0;
        """,
        """
        ALTER TABLE accounts ADD COLUMN grants TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE ledger_entries ADD COLUMN opens_grant TEXT;
        ALTER TABLE ledger_entries ADD COLUMN grant_movements TEXT;
        ALTER TABLE accounts ADD COLUMN low_balance_threshold NUMERIC;
        ALTER TABLE accounts ADD COLUMN auto_top_up TEXT;
        ALTER TABLE invoices ADD COLUMN credits TEXT NOT NULL DEFAULT '[]';
        UPDATE accounts SET grants = '[{"id":"opening-balance","source":"Paid","effective":' || opened_at || ',"priority":50,"granted":"' || balance
            || '","remaining":"' || balance || '","sequence":0,"credited":' || opened_at || '}]'
        WHERE balance > 0;
        """,
    ];

    private static readonly string[] SchemaTables =
    [
        "accounts", "ledger_entries", "orders", "consumption", "corrections", "applications", "application_series", "invoices", "invoice_series",
        "invoice_headers", "order_payments", "order_refunds", "subscriptions", "subscription_history", "subscription_charges", "billing_runs",
        "issued_documents", "outbox",
    ];

    private const string UniqueViolation = "23505";
    private const string LockNotAvailable = "55P03";
    private const string SerializationFailure = "40001";
    private const string DeadlockDetected = "40P01";

    private const int AutoPrepared = 64;

    private readonly string _connectionString;

    public PostgreSqlDialect(PostgreSqlOptions options)
        : base(Describe(options.ConnectionString), options.BusyTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        var lockTimeout = $"-c lock_timeout={(long)Math.Ceiling(options.BusyTimeout.TotalMilliseconds)}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? lockTimeout : $"{builder.Options} {lockTimeout}";
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = AutoPrepared;   // the stores run a few dozen statements again and again: the server parses and plans each once per connection
        }

        _connectionString = builder.ConnectionString;
    }

    /// <summary>Gets the schema version this adapter writes.</summary>
    public static int SchemaVersion => Scripts.Length;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Migrations => Scripts;

    /// <inheritdoc/>
    public override string OrdinalCollation => "\"C\"";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Tables => SchemaTables;

    /// <inheritdoc/>
    public override string TableExistsSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";

    /// <summary>
    /// Gets a transaction-scoped advisory lock keyed by the schema, so that two processes starting at once migrate one
    /// after the other; waiting for another process's migration is not a busy database, so the wait is up to a minute.
    /// </summary>
    public override string MigrationLockSql => "SET LOCAL lock_timeout = '60s'; SELECT pg_advisory_xact_lock(hashtext('billing-domain:' || current_schema()));";

    /// <summary>
    /// Gets a transaction-scoped advisory lock per account, in the two-key space (which the migration lock's one key
    /// never meets): the prepaid and invoice stores both take it before writing an account's events.
    /// </summary>
    public override string LockOutboxSql => "SELECT pg_advisory_xact_lock(1651076195, hashtext(@account))";

    /// <summary>Gets a transaction-scoped advisory lock per table and new id, in the two-key space beside the outbox's: two commits creating one id, in any accounts, meet here.</summary>
    public override string LockIdSql => "SELECT pg_advisory_xact_lock(1651076196, hashtext(@table || ':' || @id))";

    /// <summary>Gets <c>FOR UPDATE</c>: the checked row stays locked until the commit ends, so another writer waits (up to the busy timeout) and then sees the new version.</summary>
    public override string LockRow => " FOR UPDATE";

    /// <inheritdoc/>
    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override bool IsTaken(DbException exception) => exception is PostgresException { SqlState: UniqueViolation };

    /// <inheritdoc/>
    public override bool IsBusy(DbException exception) => exception is PostgresException { SqlState: LockNotAvailable };

    /// <inheritdoc/>
    public override bool IsRace(DbException exception) => exception is PostgresException { SqlState: SerializationFailure or DeadlockDetected };

    /// <summary>Returns the amount itself: Npgsql writes a decimal as <c>numeric</c> with its scale.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The amount.</returns>
    public override object Decimal(decimal value) => value;

    // The database as errors name it: host, port and database, never the credentials.
    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database {builder.Database ?? builder.Username ?? "postgres"} on {builder.Host}:{builder.Port}";
    }
}
