using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Storage;

namespace Billing.Domain.Testing.InMemory;

/// <summary>The invoice header store in memory, with optimistic concurrency and atomic multi-header commits under one lock.</summary>
public sealed class InMemoryInvoiceHeaderStore : IInvoiceHeaderStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, InvoiceHeader> _headers = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<IReadOnlyList<InvoiceHeader>> CommitHeadersAsync(IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        lock (_gate)
        {
            foreach (var header in removed is null ? saved : [.. saved, removed])
            {
                var stored = _headers.GetValueOrDefault(header.HeaderId)?.Version ?? 0;
                if (stored != header.Version)
                {
                    throw new ConcurrencyConflictException("invoice header", header.HeaderId, header.Version, stored);
                }
            }

            if (removed is not null)
            {
                _headers.Remove(removed.HeaderId);
            }

            IReadOnlyList<InvoiceHeader> written = [.. saved.Select(h => h with { Version = h.Version + 1 })];
            foreach (var header in written)
            {
                _headers[header.HeaderId] = header;
            }

            return Task.FromResult(written);
        }
    }

    /// <inheritdoc/>
    public Task<InvoiceHeader?> FindHeaderAsync(string headerId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_headers.GetValueOrDefault(headerId));
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<InvoiceHeader>> ListHeadersAsync(string accountId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<InvoiceHeader>>(
                [.. _headers.Values.Where(h => h.AccountId == accountId).OrderByDescending(h => h.IsDefault).ThenBy(h => h.Title, StringComparer.Ordinal).ThenBy(h => h.HeaderId, StringComparer.Ordinal)]);
        }
    }
}
