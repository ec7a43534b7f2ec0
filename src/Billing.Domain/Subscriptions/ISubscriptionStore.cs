using Billing.Domain.Storage;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>Reads subscriptions and their charges; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/>, with the ledger entries they make.</summary>
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

    /// <summary>Finds a subscription charge by its id (<see cref="SubscriptionCharge.KeyFor"/>).</summary>
    /// <param name="chargeId">The charge's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The charge as last saved, or null.</returns>
    Task<SubscriptionCharge?> FindChargeAsync(string chargeId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's subscription charges as <see cref="SubscriptionChargeQuery"/> says.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<SubscriptionCharge>> QueryChargesAsync(SubscriptionChargeQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets the instant the last billing run billed up to (<see cref="Prepaid.PrepaidChange.BillingRunAt"/>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instant, or null before the first run.</returns>
    Task<Instant?> LastBillingRunAsync(CancellationToken cancellationToken = default);
}
