using Billing.Domain.Storage;

namespace Billing.Domain.Subscriptions;

/// <summary>Reads subscriptions; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/>, with the charges and ledger entries they make.</summary>
public interface ISubscriptionStore
{
    /// <summary>Finds a subscription by its id.</summary>
    /// <param name="subscriptionId">The subscription's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription as last saved, with its whole history, or null.</returns>
    Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Lists subscriptions as <see cref="SubscriptionQuery"/> says: filtered, newest order first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<Subscription>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken = default);
}
