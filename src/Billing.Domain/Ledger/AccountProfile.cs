using System.Text.Json.Serialization;
using Billing.Domain.Periods;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Ledger;

/// <summary>
/// Who an account is, as lists and documents show it: its display name, its <see cref="AccountType"/> and the time
/// zone its billing days start in. Stored with the ledger head, so that a month-end close finds every account and what
/// its invoice needs without the host remembering it.
/// </summary>
public sealed record AccountProfile
{
    /// <summary>Initializes a profile.</summary>
    /// <param name="name">The display name, as invoices show it (seed 001's "Account").</param>
    /// <param name="type">The account's type.</param>
    /// <param name="zone">The time zone its billing days start in.</param>
    /// <exception cref="ArgumentException">The name is empty, or the type is not defined.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="zone"/> is null.</exception>
    public AccountProfile(string name, AccountType type, DateTimeZone zone)
    {
        Name = Preconditions.CheckText(name);
        Preconditions.CheckArgument(Enum.IsDefined(type), nameof(type), $"{(int)type} is not an account type.");
        Type = type;
        Zone = Preconditions.CheckNotNull(zone);
    }

    /// <summary>Gets the display name.</summary>
    public string Name { get; }

    /// <summary>Gets the account's type.</summary>
    public AccountType Type { get; }

    /// <summary>Gets the time zone the account's billing days start in.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the zone as the periods' arithmetic takes it.</summary>
    [JsonIgnore]
    public AccountTimeZone TimeZone => new(Zone);

    /// <summary>Returns the profile an account opened without one gets: its id as its name, a customer, billed in UTC.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <returns>The default profile.</returns>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="accountId"/> is null.</exception>
    public static AccountProfile DefaultFor(string accountId) => new(accountId, AccountType.Customer, DateTimeZone.Utc);

    /// <summary>Compares name, type and zone id.</summary>
    /// <param name="other">The other profile.</param>
    /// <returns>True when all three are equal.</returns>
    public bool Equals(AccountProfile? other) =>
        other is not null && Name == other.Name && Type == other.Type && Zone.Id == other.Zone.Id;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Type, Zone.Id);
}
