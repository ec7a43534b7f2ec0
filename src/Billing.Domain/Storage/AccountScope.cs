using Billing.Domain.Utility;

namespace Billing.Domain.Storage;

/// <summary>
/// Which accounts a query reads: one account, or, said explicitly, every account (a back-office view). A query of
/// an account's objects never reaches another account's unless it was made with <see cref="AllAccounts"/>.
/// </summary>
public sealed class AccountScope : IEquatable<AccountScope>
{
    private AccountScope(string? accountId)
    {
        AccountId = accountId;
    }

    /// <summary>Gets the scope of every account.</summary>
    public static AccountScope AllAccounts { get; } = new(null);

    /// <summary>Gets the account, or null for <see cref="AllAccounts"/>.</summary>
    public string? AccountId { get; }

    /// <summary>Gets a value indicating whether the scope is every account.</summary>
    public bool IsAllAccounts => AccountId is null;

    /// <summary>Returns the scope of one account.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException">The id is empty or holds a control character.</exception>
    public static AccountScope Of(string accountId) => new(Preconditions.CheckId(accountId));

    /// <summary>Returns whether the scope holds an account.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>True for every account in <see cref="AllAccounts"/>, else for its one account.</returns>
    public bool Includes(string accountId) => AccountId is null || AccountId == accountId;

    /// <inheritdoc/>
    public bool Equals(AccountScope? other) => other is not null && AccountId == other.AccountId;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AccountScope);

    /// <inheritdoc/>
    public override int GetHashCode() => AccountId?.GetHashCode(StringComparison.Ordinal) ?? 0;

    /// <inheritdoc/>
    public override string ToString() => AccountId ?? "all accounts";
}
