using System.Data.Common;
using System.Text.Json;
using Billing.Domain.Events;
using Billing.Domain.Storage;

namespace Billing.Domain.Relational;

/// <summary>
/// One connection (and, for a write, its transaction) with the statements every store runs on it. A statement run
/// again in the session reuses its command, prepared once: a group commit runs the same few statements for every call.
/// </summary>
internal sealed class SqlSession(SqlDialect dialect, DbConnection connection, DbTransaction? transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly List<Deferred> _deferred = [];
    private readonly Dictionary<string, int> _queuedByKey = new(StringComparer.Ordinal);

    /// <summary>Disposes the commands the session kept.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
    }

    /// <summary>Runs a statement with named parameters.</summary>
    /// <returns>The rows it changed.</returns>
#pragma warning disable CA1068 // The parameters are a params array, which must come last.
    public async Task<int> ExecAsync(CancellationToken cancellationToken, string sql, params (string Name, object? Value)[] parameters)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Kept(sql, parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues a write that must change exactly one row, run in order before the next statement or by
    /// <see cref="FlushAsync"/>: the writes a group commit queues go to the database together, in one round trip
    /// where the driver batches statements (<see cref="DbConnection.CanCreateBatch"/>).
    /// </summary>
    /// <param name="sql">The statement.</param>
    /// <param name="changedNothing">The error when it changed no row (a version that moved on), or null when it cannot (an insert: a taken key is the database's error).</param>
    /// <param name="parameters">The named parameters.</param>
    public void Defer(string sql, Func<Task<Exception>>? changedNothing, params (string Name, object? Value)[] parameters) =>
        _deferred.Add(new Deferred(sql, changedNothing, parameters));

    /// <summary>
    /// Queues a write of the row <paramref name="key"/> names, or, while an earlier write of that row is still
    /// queued, replaces it in its place: a group commit that changes an account ten times writes its last state once.
    /// </summary>
    /// <param name="key">The row, such as <c>accounts/acc-1</c>.</param>
    /// <param name="tag">What the caller needs to know of the queued write to build the next one (<see cref="TryGetQueued"/>).</param>
    /// <param name="sql">The statement.</param>
    /// <param name="changedNothing">The error when it changed no row, or null when it cannot.</param>
    /// <param name="parameters">The named parameters.</param>
    public void DeferLatest(string key, object tag, string sql, Func<Task<Exception>>? changedNothing, params (string Name, object? Value)[] parameters)
    {
        var write = new Deferred(sql, changedNothing, parameters) { Key = key, Tag = tag };
        if (_queuedByKey.TryGetValue(key, out var index))
        {
            _deferred[index] = write;
            return;
        }

        _queuedByKey[key] = _deferred.Count;
        _deferred.Add(write);
    }

    /// <summary>Returns whether a write of the row <paramref name="key"/> names is still queued, and its tag.</summary>
    /// <param name="key">The row.</param>
    /// <param name="tag">The tag it was queued with.</param>
    /// <returns>True while it is queued (until the next statement or flush runs it).</returns>
    public bool TryGetQueued(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? tag)
    {
        tag = _queuedByKey.TryGetValue(key, out var index) ? _deferred[index].Tag : null;
        return tag is not null;
    }

    /// <summary>Runs the queued writes, in order, and checks each changed its row.</summary>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_deferred.Count == 0)
        {
            return;
        }

        Deferred[] queued = [.. _deferred];
        _deferred.Clear();
        _queuedByKey.Clear();
        var changed = new int[queued.Length];
        if (queued.Length > 1 && connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var write in queued)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = write.Sql;
                Bind(command.Parameters, command.CreateParameter, write.Parameters);
                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < queued.Length; i++)
            {
                changed[i] = batch.BatchCommands[i].RecordsAffected;
            }
        }
        else
        {
            for (var i = 0; i < queued.Length; i++)
            {
                changed[i] = await Kept(queued[i].Sql, queued[i].Parameters).ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        for (var i = 0; i < queued.Length; i++)
        {
            if (changed[i] != 1 && queued[i].ChangedNothing is { } error)
            {
                throw await error().ConfigureAwait(false);
            }
        }
    }
#pragma warning restore CA1068

    /// <summary>
    /// Writes events to the outbox in this commit, each account's after its outbox lock (taken in ordinal order of
    /// the accounts, so that two commits never wait on each other), so that every store numbers an account's events in
    /// commit order.
    /// </summary>
    public async Task AppendEventsAsync(IReadOnlyList<BillingEvent> events, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (dialect.LockOutboxSql.Length > 0)
        {
            foreach (var accountId in events.Select(e => e.AccountId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await ScalarAsync(dialect.LockOutboxSql, cancellationToken, ("@account", accountId)).ConfigureAwait(false);
            }
        }

        foreach (var billingEvent in events)
        {
            await ExecAsync(
                cancellationToken,
                "INSERT INTO outbox (account_id, event_id, type, payload, attempts, parked) VALUES (@account, @eventId, @type, @payload, 0, 0)",
                ("@account", billingEvent.AccountId), ("@eventId", billingEvent.EventId), ("@type", billingEvent.Type),
                ("@payload", JsonSerializer.Serialize(billingEvent, json))).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a query and returns its first column of its first row, null when it has none.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Kept(sql, parameters).ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull ? value : null;
    }

    /// <summary>Runs a query and reads every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var reader = await Kept(sql, parameters).ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Refuses a write whose aggregate is not at the version it was read at (0: it must not exist yet, in any account),
    /// locking its row until the commit ends. Rows are keyed by account first, so the row is found and locked within
    /// its account (one shard when the tables are distributed by account); a new id is checked across accounts after
    /// the dialect's id lock.
    /// </summary>
    public async Task ExpectVersionAsync(string aggregate, string table, string key, string accountId, string id, long expected, CancellationToken cancellationToken)
    {
        object? version;
        if (expected == 0)
        {
            if (dialect.LockIdSql.Length > 0)
            {
                await ScalarAsync(dialect.LockIdSql, cancellationToken, ("@table", table), ("@id", id)).ConfigureAwait(false);
            }

            version = await ScalarAsync($"SELECT version FROM {table} WHERE {key} = @id", cancellationToken, ("@id", id)).ConfigureAwait(false);
        }
        else
        {
            version = await ScalarAsync($"SELECT version FROM {table} WHERE account_id = @account AND {key} = @id{dialect.LockRow}", cancellationToken, ("@account", accountId), ("@id", id))
                .ConfigureAwait(false);
        }

        var stored = version is null ? 0 : Convert.ToInt64(version, System.Globalization.CultureInfo.InvariantCulture);
        if (stored != expected)
        {
            throw new ConcurrencyConflictException(aggregate, id, expected, stored);
        }
    }

    /// <summary>Reads a number series' last sequence, 0 when it has none; <paramref name="locked"/> locks its row until the commit ends.</summary>
    public async Task<long> LastSequenceAsync(string table, string series, bool locked, CancellationToken cancellationToken) =>
        await ScalarAsync($"SELECT last_sequence FROM {table} WHERE series = @series{(locked ? dialect.LockRow : string.Empty)}", cancellationToken, ("@series", series))
            .ConfigureAwait(false) is { } last
            ? Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>
    /// Advances a number series to <paramref name="sequence"/>, which must follow its last one: a gapless series
    /// never skips or repeats a number, whichever writer gets there first. Compare-and-set, so two writers that both
    /// read the same last number cannot both advance it.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The series is not at <paramref name="sequence"/> − 1.</exception>
    public async Task AdvanceSeriesAsync(string table, string series, long? sequence, CancellationToken cancellationToken)
    {
        var previous = await LastSequenceAsync(table, series, locked: true, cancellationToken).ConfigureAwait(false);
        if (sequence != previous + 1
            || await ExecAsync(
                cancellationToken,
                $"INSERT INTO {table} VALUES (@series, @sequence) ON CONFLICT (series) DO UPDATE SET last_sequence = @sequence WHERE {table}.last_sequence = @previous",
                ("@series", series), ("@sequence", sequence), ("@previous", previous)).ConfigureAwait(false) != 1)
        {
            throw new ConcurrencyConflictException("number series", series, (sequence ?? 0) - 1, previous);
        }
    }

    // A command with named parameters; null values are stored as NULL, decimals as the dialect stores them exactly.
    private DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Bind(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    // The session's command for a statement, its parameters set to these values. A statement's text always comes with
    // the same parameter names, in the same order.
    private DbCommand Kept(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            return _commands[sql] = Command(sql, parameters);
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = ValueOf(parameters[i].Value);
        }

        return command;
    }

    // Adds the named parameters to a command's (or a batch command's) collection.
    private void Bind(DbParameterCollection target, Func<DbParameter> create, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = ValueOf(value);
            target.Add(parameter);
        }
    }

    private object ValueOf(object? value) => value switch
    {
        null => DBNull.Value,
        decimal amount => dialect.Decimal(amount),
        _ => value,
    };

    private sealed record Deferred(string Sql, Func<Task<Exception>>? ChangedNothing, (string Name, object? Value)[] Parameters)
    {
        public string? Key { get; init; }

        public object? Tag { get; init; }
    }
}
