using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Subscriptions;

/// <summary>An account's subscription charges by subscription, status and when they closed; by period start, then id.</summary>
public sealed record SubscriptionChargeQuery
{
    /// <summary>Initializes a query of one account's charges.</summary>
    /// <param name="accountId">The account.</param>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public SubscriptionChargeQuery(string accountId)
    {
        AccountId = Preconditions.CheckId(accountId);
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the subscription wanted, or null for all.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>Gets the status wanted, or null for all.</summary>
    public SubscriptionChargeStatus? Status { get; init; }

    /// <summary>Gets the range the charges closed in (an invoice's period); bounding it leaves out open charges.</summary>
    public InstantRange Closed { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether a charge matches every filter; stores may use it or translate it.</summary>
    /// <param name="charge">The charge.</param>
    /// <returns>True when it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="charge"/> is null.</exception>
    public bool Matches(SubscriptionCharge charge) =>
        Preconditions.CheckNotNull(charge).AccountId == AccountId
        && (SubscriptionId is null || charge.SubscriptionId == SubscriptionId)
        && (Status is null || charge.Status == Status)
        && (Closed == InstantRange.All || (charge.ClosedAt is { } closed && Closed.Contains(closed)));

    /// <summary>Orders matching charges by period start, then id, and cuts the page.</summary>
    /// <param name="charges">Candidate charges.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="charges"/> is null.</exception>
    public Page<SubscriptionCharge> Apply(IEnumerable<SubscriptionCharge> charges) =>
        Page.Cut([.. Preconditions.CheckNotNull(charges).Where(Matches).OrderBy(c => c.Period.Start).ThenBy(c => c.ChargeId, StringComparer.Ordinal)]);
}
