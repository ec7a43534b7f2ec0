using Billing.Domain.Storage;

namespace Billing.Domain.TopUps;

/// <summary>Reads top-up orders; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/>.</summary>
public interface ITopUpOrderStore
{
    /// <summary>Finds an order by its id.</summary>
    /// <param name="orderId">The order's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The order as last saved, or null.</returns>
    Task<TopUpOrder?> FindOrderAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's orders as <see cref="TopUpOrderQuery"/> says: filtered, newest first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<TopUpOrder>> QueryOrdersAsync(TopUpOrderQuery query, CancellationToken cancellationToken = default);
}
