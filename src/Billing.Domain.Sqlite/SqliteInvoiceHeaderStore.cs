using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Storage;
using Microsoft.Data.Sqlite;
using static Billing.Domain.Sqlite.SqliteValues;

namespace Billing.Domain.Sqlite;

/// <summary>The invoice header store on a SQLite file: several headers written and one removed in one transaction, versions checked first.</summary>
public sealed class SqliteInvoiceHeaderStore : IInvoiceHeaderStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Opens (and creates or migrates) the store in a SQLite file; it may be the other stores' file.</summary>
    /// <param name="path">The file's path; created when missing.</param>
    /// <param name="busyTimeout">How long a call waits for another writer's lock before <see cref="StorageBusyException"/>; 5 seconds when null.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The busy timeout is not positive or above an hour.</exception>
    /// <exception cref="StorageSchemaException">The file's schema is damaged or newer than this adapter.</exception>
    public SqliteInvoiceHeaderStore(string path, TimeSpan? busyTimeout = null)
        : this(SqliteOptions.ForFile(path) with { BusyTimeout = busyTimeout ?? SqliteDatabase.DefaultBusyTimeout })
    {
        _database.Migrate();
    }

    /// <summary>Makes the store over the database the options name, without touching it: the schema is created or migrated by <see cref="MigrateAsync"/> or, once, by the first call.</summary>
    /// <param name="options">The connection string and busy timeout.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SqliteInvoiceHeaderStore(SqliteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = new SqliteDatabase(options);
    }

    /// <summary>Creates or migrates the schema now (a host does it at start-up or deployment); the first call does it otherwise. Doing it again does nothing.</summary>
    /// <param name="cancellationToken">Cancels before the migration starts.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="StorageSchemaException">The database's schema is damaged or newer than this adapter (<c>storage.schema_invalid</c>).</exception>
    /// <exception cref="StorageBusyException">Another writer held the database past the busy timeout.</exception>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => _database.MigrateAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<InvoiceHeader>> CommitHeadersAsync(IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return await _database.WriteAsync((connection, transaction) => WriteAsync(connection, transaction, saved, removed, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<InvoiceHeader>> WriteAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken)
    {
        foreach (var header in removed is null ? saved : [.. saved, removed])
        {
            await ExpectVersionAsync(connection, transaction, "invoice header", "invoice_headers", "header_id", header.HeaderId, header.Version, cancellationToken).ConfigureAwait(false);
        }

        if (removed is not null)
        {
            await ExecAsync(connection, transaction, cancellationToken, "DELETE FROM invoice_headers WHERE header_id = $id", ("$id", removed.HeaderId)).ConfigureAwait(false);
        }

        IReadOnlyList<InvoiceHeader> written = [.. saved.Select(h => h with { Version = h.Version + 1 })];
        foreach (var h in written)
        {
            var d = h.Details;
            await ExecAsync(
                connection, transaction, cancellationToken,
                """
                DELETE FROM invoice_headers WHERE header_id = $id;
                INSERT INTO invoice_headers VALUES ($id, $account, $type, $title, $taxId, $address, $phone, $bank, $bankAccount, $isDefault, $version)
                """,
                ("$id", h.HeaderId), ("$account", h.AccountId), ("$type", d.Type.ToString()), ("$title", d.Title), ("$taxId", d.TaxId), ("$address", d.Address),
                ("$phone", d.Phone), ("$bank", d.Bank), ("$bankAccount", d.BankAccount), ("$isDefault", h.IsDefault ? 1 : 0), ("$version", h.Version)).ConfigureAwait(false);
        }

        return written;
    }

    /// <inheritdoc/>
    public async Task<InvoiceHeader?> FindHeaderAsync(string headerId, CancellationToken cancellationToken = default) =>
        (await AllAsync("SELECT * FROM invoice_headers WHERE header_id = $id", cancellationToken, ("$id", headerId)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc/>
    public async Task<IReadOnlyList<InvoiceHeader>> ListHeadersAsync(string accountId, CancellationToken cancellationToken = default) =>
        [.. (await AllAsync("SELECT * FROM invoice_headers WHERE account_id = $account", cancellationToken, ("$account", accountId)).ConfigureAwait(false))
            .OrderByDescending(h => h.IsDefault).ThenBy(h => h.Title, StringComparer.Ordinal).ThenBy(h => h.HeaderId, StringComparer.Ordinal)];

    private InvoiceHeader Read(SqliteDataReader r) =>
        InvoiceHeader.Restore(
            Required(r, "header_id"), Required(r, "account_id"),
            new InvoiceHeaderDetails(
                Enum<InvoiceHeaderType>(r, "type"), Required(r, "title"), Text(r, "tax_id"), Text(r, "address"), Text(r, "phone"), Text(r, "bank"), Text(r, "bank_account")),
            Long(r, "is_default") != 0,
            Long(r, "version"));

    private Task<List<InvoiceHeader>> AllAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        _database.QueryAsync(sql, Read, cancellationToken, parameters);
}
