using System.Data.Common;
using Billing.Domain.Storage;

namespace Billing.Domain.Relational;

/// <summary>
/// A database the stores read and write through its <see cref="SqlDialect"/>: the schema migrated once before the
/// first call, each read on its own connection, each write one transaction committed whole or not at all, and the
/// engine's errors turned into the library's typed ones.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim holds no wait handle: it makes one only when AvailableWaitHandle is read, which this class never does.")]
internal sealed class RelationalDatabase(SqlDialect dialect)
{
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    /// <summary>Gets the engine's dialect.</summary>
    public SqlDialect Dialect { get; } = dialect ?? throw new ArgumentNullException(nameof(dialect));

    /// <summary>Creates or migrates the schema once; later calls return at once.</summary>
    /// <param name="cancellationToken">Cancels before the migration starts.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migration.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_migrated)
            {
                await Dialect.MigrateAsync(cancellationToken).ConfigureAwait(false);
                _migrated = true;
            }
        }
        catch (DbException busy) when (Dialect.IsBusy(busy))
        {
            throw new StorageBusyException(Dialect.Name, Dialect.BusyTimeout, busy);
        }
        finally
        {
            _migration.Release();
        }
    }

    /// <summary>
    /// Creates or migrates the schema now, blocking: only for the SQLite adapter's path constructors, whose driver
    /// completes its asynchronous calls synchronously, so nothing waits on another thread.
    /// </summary>
    public void Migrate() => MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs a query on its own connection and reads every row.</summary>
    public Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync(session => session.QueryAsync(sql, read, cancellationToken, parameters), cancellationToken);

    /// <summary>Reads a number series' last sequence on its own connection, 0 when it has none.</summary>
    public Task<long> LastSequenceAsync(string table, string series, CancellationToken cancellationToken) =>
        ReadAsync(session => session.LastSequenceAsync(table, series, locked: false, cancellationToken), cancellationToken);

    /// <summary>Runs a read on its own connection; a lock held past the busy timeout is a <see cref="StorageBusyException"/>.</summary>
    public async Task<T> ReadAsync<T>(Func<SqlSession, Task<T>> read, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var session = new SqlSession(Dialect, connection, null);
            return await read(session).ConfigureAwait(false);
        }
        catch (DbException busy) when (Dialect.IsBusy(busy))
        {
            throw new StorageBusyException(Dialect.Name, Dialect.BusyTimeout, busy);
        }
    }

    /// <summary>
    /// Runs a write in one transaction and commits it: all of it or nothing. A key or number another writer took
    /// first, or a race the engine refused, is a <see cref="ConcurrencyConflictException"/>; a lock held past the
    /// busy timeout is a <see cref="StorageBusyException"/>; any other database error passes through.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqlSession, Task<T>> write, CancellationToken cancellationToken)
    {
        await MigrateAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var session = new SqlSession(Dialect, connection, transaction);
            var result = await write(session).ConfigureAwait(false);
            await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (DbException taken) when (Dialect.IsTaken(taken) || Dialect.IsRace(taken))
        {
            throw new ConcurrencyConflictException("stored record", taken.Message, 0, null);
        }
        catch (DbException busy) when (Dialect.IsBusy(busy))
        {
            throw new StorageBusyException(Dialect.Name, Dialect.BusyTimeout, busy);
        }
    }
}
