using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Storage;
using System.Data.Common;
using static Billing.Domain.Relational.RelationalValues;

namespace Billing.Domain.Relational;

/// <summary>
/// The invoice header store on a relational database: several headers written and one removed in one transaction,
/// versions checked (and locked) first. Made by an adapter package: <c>SqliteInvoiceHeaderStore</c> or
/// <c>PostgreSqlInvoiceHeaderStore</c>.
/// </summary>
public abstract class RelationalInvoiceHeaderStore : RelationalStore, IInvoiceHeaderStore
{

    internal RelationalInvoiceHeaderStore(SqlDialect dialect)
        : base(dialect)
    {
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<InvoiceHeader>> CommitHeadersAsync(IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return await Database.WriteAsync(session => WriteAsync(session, saved, removed, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<InvoiceHeader>> WriteAsync(
        SqlSession session, IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken)
    {
        foreach (var header in removed is null ? saved : [.. saved, removed])
        {
            await session.ExpectVersionAsync("invoice header", "invoice_headers", "header_id", header.AccountId, header.HeaderId, header.Version, cancellationToken).ConfigureAwait(false);
        }

        if (removed is not null)
        {
            await session.ExecAsync(cancellationToken, "DELETE FROM invoice_headers WHERE account_id = @account AND header_id = @id", ("@account", removed.AccountId), ("@id", removed.HeaderId)).ConfigureAwait(false);
        }

        IReadOnlyList<InvoiceHeader> written = [.. saved.Select(h => h with { Version = h.Version + 1 })];
        foreach (var h in written)
        {
            var d = h.Details;
            await session.ExecAsync(
                cancellationToken,
                """
                DELETE FROM invoice_headers WHERE account_id = @account AND header_id = @id;
                INSERT INTO invoice_headers VALUES (@id, @account, @type, @title, @taxId, @address, @phone, @bank, @bankAccount, @isDefault, @version)
                """,
                ("@id", h.HeaderId), ("@account", h.AccountId), ("@type", d.Type.ToString()), ("@title", d.Title), ("@taxId", d.TaxId), ("@address", d.Address),
                ("@phone", d.Phone), ("@bank", d.Bank), ("@bankAccount", d.BankAccount), ("@isDefault", h.IsDefault ? 1 : 0), ("@version", h.Version)).ConfigureAwait(false);
        }

        return written;
    }

    /// <inheritdoc/>
    public async Task<InvoiceHeader?> FindHeaderAsync(string headerId, CancellationToken cancellationToken = default) =>
        (await AllAsync("SELECT * FROM invoice_headers WHERE header_id = @id", cancellationToken, ("@id", headerId)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc/>
    public async Task<IReadOnlyList<InvoiceHeader>> ListHeadersAsync(string accountId, CancellationToken cancellationToken = default) =>
        [.. (await AllAsync("SELECT * FROM invoice_headers WHERE account_id = @account", cancellationToken, ("@account", accountId)).ConfigureAwait(false))
            .OrderByDescending(h => h.IsDefault).ThenBy(h => h.Title, StringComparer.Ordinal).ThenBy(h => h.HeaderId, StringComparer.Ordinal)];

    private InvoiceHeader Read(DbDataReader r) =>
        InvoiceHeader.Restore(
            Required(r, "header_id"), Required(r, "account_id"),
            new InvoiceHeaderDetails(
                Enum<InvoiceHeaderType>(r, "type"), Required(r, "title"), Text(r, "tax_id"), Text(r, "address"), Text(r, "phone"), Text(r, "bank"), Text(r, "bank_account")),
            Long(r, "is_default") != 0,
            Long(r, "version"));

    private Task<List<InvoiceHeader>> AllAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Database.QueryAsync(sql, Read, cancellationToken, parameters);
}
