namespace Billing.Domain.Events;

/// <summary>What a host does with billing events (mail a customer, call a webhook, post to the ERP): a consumer registered with <see cref="BillingEventDispatcher"/>.</summary>
/// <remarks>
/// Delivery is at least once: a consumer may see an event again after a crash, or after another consumer failed it, and
/// deduplicates by <see cref="BillingEvent.EventId"/>. Throwing fails the delivery, which is tried again later.
/// </remarks>
public interface IBillingEventConsumer
{
    /// <summary>Handles an event; ignore the types you do not act on.</summary>
    /// <param name="billingEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default);
}
