using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Ledger;

/// <summary>Which prepaid accounts to list (<see cref="ILedgerStore.ListAccountsAsync"/>): every account, or those of one type, by id, paged.</summary>
public sealed record AccountQuery
{
    /// <summary>Gets the account type wanted, or null for all.</summary>
    public AccountType? Type { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether an account matches the filter; stores may use it or translate it.</summary>
    /// <param name="account">The ledger head.</param>
    /// <returns>True when it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    public bool Matches(PrepaidAccount account)
    {
        Preconditions.CheckNotNull(account);
        return Type is null || account.Profile.Type == Type;
    }

    /// <summary>Orders the matching accounts by id (ordinal) and cuts the page.</summary>
    /// <param name="accounts">Candidate accounts.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/> is null.</exception>
    public Page<PrepaidAccount> Apply(IEnumerable<PrepaidAccount> accounts) =>
        Page.Cut([.. Preconditions.CheckNotNull(accounts).Where(Matches).OrderBy(a => a.AccountId, StringComparer.Ordinal)]);
}
