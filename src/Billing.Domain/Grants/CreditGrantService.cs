using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Grants;

/// <summary>
/// Grants credit that was not paid for (a promotion, a trial, goodwill) and expires the unspent remainders of grants.
/// Paid credit comes from top-ups (<see cref="TopUps.TopUpService"/>). Grants are entries of the account's ledger:
/// the balance stays the sum of its entries.
/// </summary>
public sealed class CreditGrantService
{
    private readonly PrepaidCommands _commands;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="clock">The clock stamping the grants.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public CreditGrantService(IPrepaidStore store, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
        : this(new PrepaidCommands(store, clock, retry, logger))
    {
    }

    /// <summary>Initializes the service on another service's commands (the billing run's).</summary>
    internal CreditGrantService(PrepaidCommands commands)
    {
        _commands = commands;
    }

    /// <summary>The idempotency key of a grant's ledger entry, which is also its <see cref="CreditGrant.GrantId"/>.</summary>
    /// <param name="grantId">The host's id of the grant.</param>
    /// <returns><c>grant:</c> and the id.</returns>
    public static string KeyFor(string grantId) => "grant:" + grantId;

    /// <summary>
    /// Grants credit to an account: one <see cref="LedgerEntryKind.GrantCredit"/> entry whose key is
    /// <see cref="KeyFor"/> the id. The same grant again returns its entry; the id with anything else is refused.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="grantId">The host's id of the grant, unique in the account.</param>
    /// <param name="amount">More than 0, in the ledger's currency and its minor units.</param>
    /// <param name="terms">Its source (not <see cref="CreditSource.Paid"/>), effective date, expiry and priority; the expiry after now.</param>
    /// <param name="description">A line for statements.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry that opened the grant.</returns>
    /// <exception cref="ArgumentException">An id or the description is empty, the terms are paid credit, or they expire by now.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not more than 0.</exception>
    /// <exception cref="AmountNotRoundedException">The amount has more decimals than the currency's minor units.</exception>
    /// <exception cref="CurrencyMismatchException">The amount is not in the ledger's currency; nothing was written.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The grant id is taken by another grant; nothing was written.</exception>
    public Task<LedgerEntry> GrantAsync(
        string accountId, string grantId, Money amount, GrantTerms terms, string description, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        var key = KeyFor(Preconditions.CheckId(grantId));
        Preconditions.CheckPayable(amount);

        Preconditions.CheckArgument(Preconditions.CheckNotNull(terms).Source != CreditSource.Paid, nameof(terms), "Paid credit comes from a top-up (TopUpService).");
        Preconditions.CheckText(description);
        return _commands.RunAsync("credit_grant.grant", async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(amount);
            if (await _commands.Store.FindEntryAsync(accountId, key, cancellationToken).ConfigureAwait(false) is { } granted)
            {
                return granted.Kind == LedgerEntryKind.GrantCredit && granted.Amount == amount && granted.OpensGrant == terms && granted.Description == description
                    ? granted
                    : throw new IdempotencyKeyReusedException("credit grant", grantId);
            }

            var (credited, entry) = account.Post(LedgerEntryKind.GrantCredit, amount, key, _commands.Now, grantId, description, terms);
            await _commands.CommitAsync(new PrepaidChange(credited, entry), cancellationToken).ConfigureAwait(false);
            return entry;
        }, cancellationToken);
    }

    /// <summary>
    /// Removes the unspent remainder of each of an account's grants whose expiry has come by <paramref name="at"/>:
    /// one <see cref="LedgerEntryKind.GrantExpiry"/> entry per grant (<see cref="PrepaidAccount.Expire"/>), its
    /// reference the grant's id, recorded at the grant's expiry, so the balance as of any instant is exact. Calling it
    /// again writes nothing.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="at">The instant, not after now.</param>
    /// <param name="cancellationToken">Cancels between commits; what was committed stays.</param>
    /// <returns>The expiry entries written, in spending order of their grants.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is after now.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    public async Task<IReadOnlyList<LedgerEntry>> ExpireAsync(string accountId, Instant at, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        CheckNotAfterNow(at);
        return await ExpireUpToAsync(accountId, at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Expires an account's grants up to <paramref name="at"/>, each in its own commit (a change carries one entry).</summary>
    internal async Task<IReadOnlyList<LedgerEntry>> ExpireUpToAsync(string accountId, Instant at, CancellationToken cancellationToken)
    {
        var written = new List<LedgerEntry>();
        while (await ExpireOneAsync(accountId, at, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            written.Add(entry);
        }

        return written;
    }

    /// <summary>Expires what has expired by <paramref name="at"/> in every account the store lists (<see cref="ExpireAsync"/>): what a daily job or the billing run calls.</summary>
    /// <param name="at">The instant, not after now.</param>
    /// <param name="cancellationToken">Cancels between commits; what was committed stays.</param>
    /// <returns>The number of expiry entries written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is after now.</exception>
    public async Task<int> ExpireAllAsync(Instant at, CancellationToken cancellationToken = default)
    {
        CheckNotAfterNow(at);
        var accounts = await Pages.AllAsync(page => _commands.Store.ListAccountsAsync(new AccountQuery { Page = page }, cancellationToken)).ConfigureAwait(false);
        var written = 0;
        foreach (var account in accounts.Where(a => a.ExpiringAt(at).Count > 0))
        {
            written += (await ExpireAsync(account.AccountId, at, cancellationToken).ConfigureAwait(false)).Count;
        }

        return written;
    }

    // One grant's expiry; null when nothing more has expired.
    private Task<LedgerEntry?> ExpireOneAsync(string accountId, Instant at, CancellationToken cancellationToken) =>
        _commands.RunAsync("credit_grant.expire", async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.ExpiringAt(at) is not [var grant, ..])
            {
                return null;
            }

            var (head, entry) = account.Expire(grant.GrantId);
            await _commands.CommitAsync(new PrepaidChange(head, entry), cancellationToken).ConfigureAwait(false);
            return entry;
        }, cancellationToken);

    private void CheckNotAfterNow(Instant at)
    {
        if (at > _commands.Now)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, "Grants are expired up to now at the latest.");
        }
    }
}
