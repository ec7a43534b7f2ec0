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

    /// <summary>Opens an account's ledger; opening it again in the same currency (and with no credit limit, or the same) returns it as it is.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="currency">The currency of its balance.</param>
    /// <param name="creditLimit">How far below zero the balance may go; 0 when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger head.</returns>
    /// <exception cref="CurrencyMismatchException">The ledger exists in another currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The ledger exists with another credit limit: set it with <see cref="SetCreditLimitAsync"/>.</exception>
    public Task<PrepaidAccount> OpenAsync(string accountId, Currency currency, Money? creditLimit = null, CancellationToken cancellationToken = default)
    {
        var opened = PrepaidAccount.Open(accountId, currency, _commands.Now, creditLimit);
        return _commands.RunAsync("account.open", async () =>
        {
            if (await _commands.Store.FindAccountAsync(accountId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.Currency != currency ? throw new CurrencyMismatchException(existing.Currency, currency)
                    : creditLimit is { } limit && limit != existing.CreditLimit ? throw new IdempotencyKeyReusedException("prepaid account", accountId)
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
        _commands.RunAsync("account.set_credit_limit", async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var limited = account.WithCreditLimit(creditLimit);
            return limited == account ? account : (await _commands.CommitAsync(new PrepaidChange(limited), cancellationToken).ConfigureAwait(false)).Account!;
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
