using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Storage;

namespace Billing.Domain.DocumentStore.Tests;

/// <summary>The invoice header store on a <see cref="DocumentDatabase"/>; a removed header's document is replaced by a tombstone.</summary>
internal sealed class DocumentInvoiceHeaderStore(DocumentDatabase database) : IInvoiceHeaderStore
{
    private const string Headers = "headers";

    public Task<IReadOnlyList<InvoiceHeader>> CommitHeadersAsync(IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return database.RunAsync<IReadOnlyList<InvoiceHeader>>(
            session =>
            {
                foreach (var header in removed is null ? saved : [.. saved, removed])
                {
                    var stored = Live(session.Find<Slot>(Headers, header.HeaderId))?.Version ?? 0;
                    if (stored != header.Version)
                    {
                        throw new ConcurrencyConflictException("invoice header", header.HeaderId, header.Version, stored);
                    }
                }

                if (removed is not null)
                {
                    session.Put(Headers, removed.HeaderId, new Slot(null));
                }

                IReadOnlyList<InvoiceHeader> written = [.. saved.Select(h => h with { Version = h.Version + 1 })];
                foreach (var header in written)
                {
                    session.Put(Headers, header.HeaderId, new Slot(HeaderDocument.Of(header)));
                }

                return written;
            },
            cancellationToken);
    }

    public Task<InvoiceHeader?> FindHeaderAsync(string headerId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => Live(session.Find<Slot>(Headers, headerId))?.Restore(), cancellationToken);

    public Task<IReadOnlyList<InvoiceHeader>> ListHeadersAsync(string accountId, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<InvoiceHeader>>(
            session =>
            [
                .. session.All<Slot>(Headers).Select(Live).OfType<HeaderDocument>().Where(h => h.AccountId == accountId).Select(h => h.Restore())
                    .OrderByDescending(h => h.IsDefault).ThenBy(h => h.Title, StringComparer.Ordinal).ThenBy(h => h.HeaderId, StringComparer.Ordinal),
            ],
            cancellationToken);

    private static HeaderDocument? Live(Slot? slot) => slot?.Header;

    // A header's document, or a tombstone where one was removed.
    private sealed record Slot(HeaderDocument? Header);
}
