using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Ledger;

/// <summary>Opens prepaid ledgers, sets credit limits and answers balance questions.</summary>
public sealed class PrepaidAccountService
{
    private readonly PrepaidCommands _commands;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public PrepaidAccountService(IPrepaidStore store, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _commands = new PrepaidCommands(store, clock, retry, logger);
    }

    /// <summary>Opens an account's ledger with the default profile (<see cref="AccountProfile.DefaultFor"/>); opening it again in the same currency (and with no credit limit, or the same) returns it as it is.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="currency">The currency of its balance.</param>
    /// <param name="creditLimit">How far below zero the balance may go; 0 when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head.</returns>
    /// <exception cref="CurrencyMismatchException">The ledger exists in another currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The ledger exists with another credit limit: set it with <see cref="SetCreditLimitAsync"/>.</exception>
    public Task<PrepaidAccount> OpenAsync(string accountId, Currency currency, Money? creditLimit = null, CancellationToken cancellationToken = default) =>
        OpenWithAsync(accountId, null, currency, creditLimit, cancellationToken);

    /// <summary>
    /// Opens an account's ledger with who the account is; opening it again with the same profile and currency (and with no
    /// credit limit, or the same) returns it as it is.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="profile">Its display name, type and time zone.</param>
    /// <param name="currency">The currency of its balance.</param>
    /// <param name="creditLimit">How far below zero the balance may go; 0 when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">The ledger exists in another currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">
    /// The ledger exists with another credit limit or profile: change them with <see cref="SetCreditLimitAsync"/> and <see cref="UpdateProfileAsync"/>.
    /// </exception>
    public Task<PrepaidAccount> OpenAsync(string accountId, AccountProfile profile, Currency currency, Money? creditLimit = null, CancellationToken cancellationToken = default) =>
        OpenWithAsync(accountId, Preconditions.CheckNotNull(profile), currency, creditLimit, cancellationToken);

    /// <summary>Replaces who an account is: its display name, type or time zone. Invoices already made keep the name and type they were made with.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="profile">The new profile.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head with the profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="NotFoundException">The ledger was never opened.</exception>
    public Task<PrepaidAccount> UpdateProfileAsync(string accountId, AccountProfile profile, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(profile);
        return UpdateAsync("account.update_profile", accountId, a => a.WithProfile(profile), cancellationToken);
    }

    /// <summary>Lists the accounts, by id, paged; of one type when the query says so.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    public Task<Page<PrepaidAccount>> ListAsync(AccountQuery query, CancellationToken cancellationToken = default) =>
        _commands.Store.ListAccountsAsync(Preconditions.CheckNotNull(query), cancellationToken);

    private Task<PrepaidAccount> OpenWithAsync(string accountId, AccountProfile? profile, Currency currency, Money? creditLimit, CancellationToken cancellationToken)
    {
        var opened = PrepaidAccount.Open(accountId, currency, _commands.Now, creditLimit, profile);
        return _commands.RunAsync("account.open", async () =>
        {
            if (await _commands.Store.FindAccountAsync(accountId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.Currency != currency ? throw new CurrencyMismatchException(existing.Currency, currency)
                    : (creditLimit is { } limit && limit != existing.CreditLimit) || (profile is not null && profile != existing.Profile)
                        ? throw new IdempotencyKeyReusedException("prepaid account", accountId)
                    : existing;
            }

            return (await _commands.CommitAsync(new PrepaidChange(opened), cancellationToken).ConfigureAwait(false)).Account!;
        }, cancellationToken);
    }

    /// <summary>Sets an account's credit limit.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="creditLimit">0 or more, in minor units of the ledger's currency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head with the new limit.</returns>
    /// <exception cref="NotFoundException">The ledger was never opened.</exception>
    public Task<PrepaidAccount> SetCreditLimitAsync(string accountId, Money creditLimit, CancellationToken cancellationToken = default) =>
        UpdateAsync("account.set_credit_limit", accountId, a => a.WithCreditLimit(creditLimit), cancellationToken);

    /// <summary>Sets or clears an account's low-balance threshold: a debit that takes the balance below it raises <see cref="Events.BalanceBelowThreshold"/>, once per crossing.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="threshold">In the ledger's currency and its minor units; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head with the threshold.</returns>
    /// <exception cref="NotFoundException">The ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">The threshold is in another currency; nothing was written.</exception>
    /// <exception cref="AmountNotRoundedException">The threshold has more decimals than the currency's minor units.</exception>
    public Task<PrepaidAccount> SetLowBalanceThresholdAsync(string accountId, Money? threshold, CancellationToken cancellationToken = default) =>
        UpdateAsync("account.set_low_balance_threshold", accountId, a => a.WithLowBalanceThreshold(threshold), cancellationToken);

    /// <summary>Sets or clears an account's automatic top-up (<see cref="TopUps.AutoTopUpService"/>).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="autoTopUp">The threshold, the credit and payment of each order and the method; null for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head with it.</returns>
    /// <exception cref="NotFoundException">The ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">Its credit is in another currency; nothing was written.</exception>
    public Task<PrepaidAccount> SetAutoTopUpAsync(string accountId, TopUps.AutoTopUp? autoTopUp, CancellationToken cancellationToken = default) =>
        UpdateAsync("account.set_auto_top_up", accountId, a => a.WithAutoTopUp(autoTopUp), cancellationToken);

    // Reads the head, changes it, and writes it when it changed.
    private Task<PrepaidAccount> UpdateAsync(string command, string accountId, Func<PrepaidAccount, PrepaidAccount> change, CancellationToken cancellationToken) =>
        _commands.RunAsync(command, async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var changed = change(account);
            return changed == account ? account : (await _commands.CommitAsync(new PrepaidChange(changed), cancellationToken).ConfigureAwait(false)).Account!;
        }, cancellationToken);

    /// <summary>Gets an account's ledger head: balance, credit limit, entry count.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The head.</returns>
    /// <exception cref="NotFoundException">The ledger was never opened.</exception>
    public Task<PrepaidAccount> GetAsync(string accountId, CancellationToken cancellationToken = default) => _commands.Store.RequireAccountAsync(accountId, cancellationToken);

    /// <summary>Gets an account's balance as of an instant: the sum of the entries recorded at or before it.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="asOf">The instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance then.</returns>
    /// <exception cref="NotFoundException">The ledger was never opened.</exception>
    public async Task<Money> BalanceAsOfAsync(string accountId, Instant asOf, CancellationToken cancellationToken = default) =>
        await _commands.Store.BalanceAsOfAsync(accountId, asOf, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("prepaid account", accountId);
}
