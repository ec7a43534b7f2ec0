using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// How the billing run bills one account's subscriptions: its class (grace period, stop and delete modes), the time
/// zone its days are counted in, and the billing day its monthly and yearly periods start on.
/// </summary>
/// <param name="Class">The account's class.</param>
/// <param name="Zone">The account's time zone; the run's zone when null.</param>
/// <param name="BillingDay">
/// The day of the month (1 to 31, the month's last day when it is shorter) every monthly or yearly subscription of the
/// account is billed on, its first period prorated from the day it became Active (Kill Bill's account billing
/// alignment); when null, each subscription is billed on the day it became Active (subscription alignment). Plans of
/// days or weeks always count from that day.
/// </param>
public sealed record AccountBilling(AccountClass Class, DateTimeZone? Zone = null, int? BillingDay = null)
{
    /// <summary>Gets the account's class.</summary>
    public AccountClass Class { get; } = Preconditions.CheckNotNull(Class);

    /// <summary>Gets the billing day, 1 to 31, or null for each subscription's own.</summary>
    public int? BillingDay { get; } = BillingDay is not { } day || (day >= 1 && day <= 31)
        ? BillingDay
        : throw new ArgumentOutOfRangeException(nameof(BillingDay), BillingDay, "A billing day is 1 to 31.");

    /// <summary>Gets automatic stops and deletes, a 7-day grace period, the run's zone and each subscription's own billing day.</summary>
    public static AccountBilling Default { get; } = new(AccountClass.Automatic);
}
