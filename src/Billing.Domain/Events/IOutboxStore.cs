using NodaTime;

namespace Billing.Domain.Events;

/// <summary>
/// The outbox: the events the prepaid store wrote with the changes that caused them (<see cref="Prepaid.PrepaidChange.Events"/>),
/// read by <see cref="BillingEventDispatcher"/> in order per account and marked as they are delivered.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Returns the next event of each account that has one to deliver: the account's oldest event neither delivered nor
    /// parked, if it is due (never failed, or its retry time has come). An account whose oldest such event waits for a
    /// retry returns nothing, so that its events are delivered in order. Oldest first.
    /// </summary>
    /// <param name="now">The dispatcher's now.</param>
    /// <param name="maxAccounts">How many accounts at most, 1 or more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>At most one entry per account, by sequence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAccounts"/> is below 1.</exception>
    Task<IReadOnlyList<OutboxEntry>> NextAsync(Instant now, int maxAccounts, CancellationToken cancellationToken = default);

    /// <summary>Marks an event delivered: it is not returned again.</summary>
    /// <param name="sequence">The event's sequence.</param>
    /// <param name="at">When.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task MarkDeliveredAsync(long sequence, Instant at, CancellationToken cancellationToken = default);

    /// <summary>Records a failed delivery: one more attempt, what it said, and when to try again, or parks the event when <paramref name="retryAt"/> is null.</summary>
    /// <param name="sequence">The event's sequence.</param>
    /// <param name="failure">What the delivery said.</param>
    /// <param name="retryAt">When to try again; null parks it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task MarkFailedAsync(long sequence, string failure, Instant? retryAt, CancellationToken cancellationToken = default);

    /// <summary>Lists the parked events, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parked entries.</returns>
    Task<IReadOnlyList<OutboxEntry>> ParkedAsync(CancellationToken cancellationToken = default);

    /// <summary>Puts a parked event back to be delivered now, its attempts kept.</summary>
    /// <param name="sequence">The event's sequence.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task RequeueAsync(long sequence, CancellationToken cancellationToken = default);
}
