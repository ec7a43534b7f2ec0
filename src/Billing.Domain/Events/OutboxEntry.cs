using NodaTime;

namespace Billing.Domain.Events;

/// <summary>An event as the outbox holds it: its place in the store's order, and how its delivery went so far.</summary>
/// <param name="Sequence">Its place: the store numbers events in commit order, from 1.</param>
/// <param name="Event">The event.</param>
/// <param name="Attempts">How many deliveries failed.</param>
/// <param name="RetryAt">When a failed delivery is tried again; null when none failed, or when it is parked.</param>
/// <param name="Parked">Whether it is parked: its deliveries failed as often as the dispatcher allows, and it waits for an operator (<see cref="IOutboxStore.RequeueAsync"/>).</param>
/// <param name="LastError">What the last failed delivery said, or null.</param>
public sealed record OutboxEntry(long Sequence, BillingEvent Event, int Attempts, Instant? RetryAt, bool Parked, string? LastError)
{
    /// <summary>Gets the event.</summary>
    public BillingEvent Event { get; } = Utility.Preconditions.CheckNotNull(Event);
}
