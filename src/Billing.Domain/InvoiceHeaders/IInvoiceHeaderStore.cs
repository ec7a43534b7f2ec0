namespace Billing.Domain.InvoiceHeaders;

/// <summary>The storage port of invoice headers.</summary>
public interface IInvoiceHeaderStore
{
    /// <summary>Finds a header by its id.</summary>
    /// <param name="headerId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The header as last saved, or null.</returns>
    Task<InvoiceHeader?> FindHeaderAsync(string headerId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's headers, the default first, then by title (ordinal) and id.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The headers.</returns>
    Task<IReadOnlyList<InvoiceHeader>> ListHeadersAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Writes headers and removes one, atomically: all of it or nothing.</summary>
    /// <param name="saved">The headers to write, each with the version it was read at (0 for a new one).</param>
    /// <param name="removed">A header to remove, with the version it was read at, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The written headers as stored.</returns>
    /// <exception cref="Storage.ConcurrencyConflictException">A version is stale; nothing was written.</exception>
    Task<IReadOnlyList<InvoiceHeader>> CommitHeadersAsync(IReadOnlyList<InvoiceHeader> saved, InvoiceHeader? removed, CancellationToken cancellationToken = default);
}
