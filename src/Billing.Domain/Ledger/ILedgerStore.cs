using Billing.Domain.Storage;
using NodaTime;

namespace Billing.Domain.Ledger;

/// <summary>Reads prepaid ledgers; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/>.</summary>
public interface ILedgerStore
{
    /// <summary>Finds an account's ledger head.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The head as last saved, or null when the ledger was never opened.</returns>
    Task<PrepaidAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Finds many accounts' ledger heads in one read: what a group commit of many calls reads first.</summary>
    /// <param name="accountIds">The accounts; each once is enough, a repeat changes nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The heads found, by account id (ordinal); an account whose ledger was never opened is absent.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="accountIds"/> or an id is null.</exception>
    Task<IReadOnlyDictionary<string, PrepaidAccount>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default);

    /// <summary>Lists the accounts whose ledgers were opened, by id (ordinal), paged: what a month-end close walks.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, as <see cref="AccountQuery.Apply"/> cuts it.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="query"/> is null.</exception>
    Task<Page<PrepaidAccount>> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken = default);

    /// <summary>Finds the entry an account's command wrote, by its idempotency key.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="idempotencyKey">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or null.</returns>
    Task<LedgerEntry?> FindEntryAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's entries recorded in a range, in sequence order, paged.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="recorded">The range of <see cref="LedgerEntry.RecordedAt"/>.</param>
    /// <param name="page">The page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<LedgerEntry>> ListEntriesAsync(string accountId, InstantRange recorded, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Sums an account's entries recorded at or before an instant.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance then, or null when the ledger was never opened.</returns>
    Task<Money?> BalanceAsOfAsync(string accountId, Instant asOf, CancellationToken cancellationToken = default);
}
