using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Subscriptions;

/// <summary>Subscriptions by account, status and plan, newest order first.</summary>
public sealed record SubscriptionQuery
{
    /// <summary>Gets the account wanted, or null for every account.</summary>
    public string? AccountId { get; init; }

    /// <summary>Gets the status wanted, or null for all.</summary>
    public SubscriptionStatus? Status { get; init; }

    /// <summary>Gets the plan wanted (the current plan, not a pending one), or null for all.</summary>
    public string? Plan { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether a subscription matches every filter; stores may use it or translate it.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <returns>True when it matches.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscription"/> is null.</exception>
    public bool Matches(Subscription subscription)
    {
        Preconditions.CheckNotNull(subscription);
        return (AccountId is null || subscription.AccountId == AccountId)
            && (Status is null || subscription.Status == Status)
            && (Plan is null || subscription.Plan == Plan);
    }

    /// <summary>Orders matching subscriptions newest order first (then id descending) and cuts the page.</summary>
    /// <param name="subscriptions">Candidate subscriptions.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriptions"/> is null.</exception>
    public Page<Subscription> Apply(IEnumerable<Subscription> subscriptions) =>
        Page.Cut([.. Preconditions.CheckNotNull(subscriptions).Where(Matches).OrderByDescending(s => s.OrderedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)]);
}
