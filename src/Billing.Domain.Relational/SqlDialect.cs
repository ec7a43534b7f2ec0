using System.Data.Common;

namespace Billing.Domain.Relational;

/// <summary>
/// What one database engine does its own way: opening a configured connection, creating and migrating the schema,
/// telling a taken key and a lock held too long from other errors, storing an exact decimal, and locking the rows a
/// commit checks. The stores' SQL is otherwise the same on every engine (named <c>@parameters</c>,
/// <c>INSERT … ON CONFLICT</c>).
/// </summary>
internal abstract class SqlDialect(string name, TimeSpan busyTimeout)
{
    /// <summary>Gets the database as errors name it, such as <c>SQLite database billing.db</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Gets how long a call waits for another writer's lock before <see cref="Storage.StorageBusyException"/>.</summary>
    public TimeSpan BusyTimeout { get; } = busyTimeout;

    /// <summary>Gets the clause that locks a row a commit reads to check (its version, a series' last number) until the commit ends; empty where the engine serialises writers itself.</summary>
    public abstract string LockRow { get; }

    /// <summary>
    /// Gets the statement that a commit writing an account's events (parameter <c>@account</c>) runs first, holding a
    /// lock until the commit ends, so that the account's events are numbered in commit order whichever store writes
    /// them; empty where the engine serialises writers itself.
    /// </summary>
    public abstract string LockOutboxSql { get; }

    /// <summary>
    /// Gets the statement that a commit creating an aggregate (parameters <c>@table</c> and <c>@id</c>) runs before it
    /// checks that no account holds the id, holding a lock until the commit ends: rows are keyed by account first, so
    /// no unique key spans accounts, and two writers creating one id in two accounts must meet here; empty where the
    /// engine serialises writers itself.
    /// </summary>
    public abstract string LockIdSql { get; }

    /// <summary>Gets the collation that orders text by code point, as the stores' ordinal order (<c>StringComparer.Ordinal</c>) does for ids.</summary>
    public abstract string OrdinalCollation { get; }

    /// <summary>Opens a connection configured to wait up to the busy timeout for another writer.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open connection.</returns>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Gets the schema's migrations in order: the script at index <c>i</c> takes the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Gets the tables the current schema has, checked after migrating so that a damaged database is named, not half used.</summary>
    public abstract IReadOnlyList<string> Tables { get; }

    /// <summary>Gets a query counting the tables named <c>@name</c> in the schema the stores use.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>Gets a statement run before the migration's transaction (a journal mode), or null.</summary>
    public virtual string? BeforeMigrationSql => null;

    /// <summary>Gets a statement run first in the migration's transaction that makes concurrent migrations (other processes) wait for it, or null where the engine's one writer at a time already does.</summary>
    public virtual string? MigrationLockSql => null;

    /// <summary>
    /// Creates the version table if missing, then applies the migrations the database has not seen, each with its
    /// version row, in one transaction, and checks every table the schema has is there.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="Storage.StorageSchemaException">The version table is damaged or newer than this adapter, or a table is missing.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (BeforeMigrationSql is { } before)
        {
            await using var outside = new SqlSession(this, connection, null);
            await outside.ExecAsync(cancellationToken, before).ConfigureAwait(false);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var session = new SqlSession(this, connection, transaction);
        await session.ExecAsync(cancellationToken, MigrationLockSql + "\nCREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);").ConfigureAwait(false);

        var current = 0L;
        foreach (var version in await session.QueryAsync("SELECT version FROM schema_version", r => r.IsDBNull(0) ? null : r.GetValue(0), cancellationToken).ConfigureAwait(false))
        {
            current = Math.Max(current, version is long number and >= 1 and <= int.MaxValue
                ? number
                : throw new Storage.StorageSchemaException(Name, "schema_version", $"it holds {version ?? "NULL"}, which is not a schema version."));
        }

        if (current > Migrations.Count)
        {
            throw new Storage.StorageSchemaException(Name, "schema_version", $"the database is at schema version {current}; this adapter knows up to {Migrations.Count}. Use a newer adapter package.");
        }

        for (var version = (int)current + 1; version <= Migrations.Count; version++)
        {
            try
            {
                await session.ExecAsync(cancellationToken, Migrations[version - 1] + $"\nINSERT INTO schema_version (version) VALUES ({version});").ConfigureAwait(false);
            }
            catch (DbException failed) when (!IsBusy(failed))
            {
                throw new Storage.StorageSchemaException(Name, "schema_version", $"it says version {current}, but migrating to {version} failed: the tables do not match their recorded version ({failed.Message})", failed);
            }
        }

        foreach (var table in Tables)
        {
            if (Convert.ToInt64(await session.ScalarAsync(TableExistsSql, cancellationToken, ("@name", table)).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new Storage.StorageSchemaException(Name, table, $"it is missing although schema_version says version {Migrations.Count}.");
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns whether the error is a primary key or unique index another writer took first.</summary>
    /// <param name="exception">The database's error.</param>
    /// <returns>True for a taken key.</returns>
    public abstract bool IsTaken(DbException exception);

    /// <summary>Returns whether the error is a lock held past the busy timeout.</summary>
    /// <param name="exception">The database's error.</param>
    /// <returns>True for a busy database.</returns>
    public abstract bool IsBusy(DbException exception);

    /// <summary>Returns whether the error is the engine refusing a transaction that raced another (a deadlock, a serialization failure): a conflict the caller retries.</summary>
    /// <param name="exception">The database's error.</param>
    /// <returns>True for a lost race.</returns>
    public virtual bool IsRace(DbException exception) => false;

    /// <summary>Returns a decimal as a parameter value the engine stores exactly, with its scale.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The parameter value.</returns>
    public abstract object Decimal(decimal value);
}
