using Billing.Domain.Rating;
using Billing.Domain.Storage;

namespace Billing.Domain.Consumption;

/// <summary>Reads recorded consumption; writes go through <see cref="Prepaid.IPrepaidStore.CommitAsync"/>.</summary>
public interface IConsumptionStore
{
    /// <summary>Finds an account's recorded call by its request id.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or null.</returns>
    Task<ConsumptionRecord?> FindConsumptionAsync(string accountId, string requestId, CancellationToken cancellationToken = default);

    /// <summary>Lists an account's recorded calls as <see cref="ConsumptionQuery"/> says: filtered, newest first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<ConsumptionRecord>> QueryConsumptionAsync(ConsumptionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Sums an account's recorded calls booked in a range per model and token name, ordered by model then token name (ordinal).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="booked">The range of the calls' <see cref="ConsumptionRecord.BookedAt"/>: a Prepay invoice's period.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One total per model and token name with calls in the range.</returns>
    Task<IReadOnlyList<ConsumptionTotal>> SumConsumptionAsync(string accountId, InstantRange booked, CancellationToken cancellationToken = default);
}
