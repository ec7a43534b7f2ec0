using Microsoft.Extensions.Logging;
using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.InvoiceHeaders;

/// <summary>Adds, edits, removes and lists an account's invoice headers, keeping exactly one default while any exist.</summary>
public sealed class InvoiceHeaderService
{
    private readonly IInvoiceHeaderStore _store;
    private readonly CommandRunner _runner;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The header store.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> is null.</exception>
    public InvoiceHeaderService(IInvoiceHeaderStore store, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _store = Preconditions.CheckNotNull(store);
        _runner = new CommandRunner(retry, logger);
    }

    /// <summary>Adds a header; the account's first header becomes its default, as does one added with <paramref name="makeDefault"/>.</summary>
    /// <param name="headerId">The header's id, chosen by the host.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="details">What the invoice shows.</param>
    /// <param name="makeDefault">True to make it the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The header as stored.</returns>
    /// <exception cref="ArgumentException">The details are invalid (the message names the field).</exception>
    /// <exception cref="IdempotencyKeyReusedException">The id is taken by a different header.</exception>
    public Task<InvoiceHeader> AddAsync(string headerId, string accountId, InvoiceHeaderDetails details, bool makeDefault = false, CancellationToken cancellationToken = default)
    {
        var header = InvoiceHeader.Create(headerId, accountId, details);
        return _runner.RunAsync("invoice_header.add", async () =>
        {
            if (await _store.FindHeaderAsync(headerId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.AccountId == accountId && existing.Details == header.Details ? existing : throw new IdempotencyKeyReusedException("invoice header", headerId);
            }

            var others = await _store.ListHeadersAsync(accountId, cancellationToken).ConfigureAwait(false);
            return await SaveAsync(header, makeDefault || others.Count == 0, others, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Replaces what a header shows.</summary>
    /// <param name="accountId">The account the header belongs to.</param>
    /// <param name="headerId">The header.</param>
    /// <param name="details">The new details.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The header as stored.</returns>
    /// <exception cref="NotFoundException">No such header in the account.</exception>
    /// <exception cref="ArgumentException">The details are invalid.</exception>
    public Task<InvoiceHeader> EditAsync(string accountId, string headerId, InvoiceHeaderDetails details, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(details).Checked();
        return _runner.RunAsync("invoice_header.edit", async () =>
        {
            var header = await FindAsync(accountId, headerId, cancellationToken).ConfigureAwait(false);
            var edited = header.Edit(details);
            return edited == header ? header : (await _store.CommitHeadersAsync([edited], null, cancellationToken).ConfigureAwait(false))[0];
        }, cancellationToken);
    }

    /// <summary>Makes a header the account's default; the previous default stops being one.</summary>
    /// <param name="accountId">The account the header belongs to.</param>
    /// <param name="headerId">The header.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The header as stored.</returns>
    /// <exception cref="NotFoundException">No such header in the account.</exception>
    public Task<InvoiceHeader> SetDefaultAsync(string accountId, string headerId, CancellationToken cancellationToken = default) =>
        _runner.RunAsync("invoice_header.set_default", async () =>
        {
            var header = await FindAsync(accountId, headerId, cancellationToken).ConfigureAwait(false);
            return header.IsDefault
                ? header
                : await SaveAsync(header, true, await _store.ListHeadersAsync(header.AccountId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Removes a header; when it was the default, the next header (by title) becomes the default. Removing it again does nothing.</summary>
    /// <param name="accountId">The account the header belongs to.</param>
    /// <param name="headerId">The header.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when it is removed.</returns>
    /// <exception cref="NotFoundException">The header belongs to another account.</exception>
    public Task RemoveAsync(string accountId, string headerId, CancellationToken cancellationToken = default) =>
        _runner.RunAsync("invoice_header.remove", async () =>
        {
            Preconditions.CheckId(accountId);
            if (await _store.FindHeaderAsync(headerId, cancellationToken).ConfigureAwait(false) is not { } header)
            {
                return true;
            }

            if (header.AccountId != accountId)
            {
                throw new NotFoundException("invoice header", headerId);
            }

            var heir = header.IsDefault
                ? (await _store.ListHeadersAsync(header.AccountId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(h => h.HeaderId != headerId)
                : null;
            await _store.CommitHeadersAsync(heir is null ? [] : [heir.AsDefault(true)], header, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Lists an account's headers, the default first.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The headers.</returns>
    public Task<IReadOnlyList<InvoiceHeader>> ListAsync(string accountId, CancellationToken cancellationToken = default) =>
        _store.ListHeadersAsync(Preconditions.CheckId(accountId), cancellationToken);

    private async Task<InvoiceHeader> SaveAsync(InvoiceHeader header, bool makeDefault, IReadOnlyList<InvoiceHeader> others, CancellationToken cancellationToken)
    {
        var demoted = makeDefault ? others.Where(h => h.IsDefault && h.HeaderId != header.HeaderId).Select(h => h.AsDefault(false)) : [];
        var saved = await _store.CommitHeadersAsync([header.AsDefault(makeDefault || header.IsDefault), .. demoted], null, cancellationToken).ConfigureAwait(false);
        return saved[0];
    }

    // A header of another account is not found: an account never reaches another's objects.
    private async Task<InvoiceHeader> FindAsync(string accountId, string headerId, CancellationToken cancellationToken)
    {
        Preconditions.CheckId(accountId);
        return await _store.FindHeaderAsync(headerId, cancellationToken).ConfigureAwait(false) is { } header && header.AccountId == accountId
            ? header
            : throw new NotFoundException("invoice header", headerId);
    }
}
