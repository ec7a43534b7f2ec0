using Billing.Domain.Events;

namespace Billing.Domain.Hosting;

/// <summary>The settings of billing events (section <c>Billing:Events</c>): how deliveries are retried before an event is parked, and which optional events are written.</summary>
public sealed class EventOptions
{
    /// <summary>Gets or sets how many failed deliveries park an event, 1 to 1,000.</summary>
    public int MaxAttempts { get; set; } = EventDeliveryPolicy.Default.MaxAttempts;

    /// <summary>Gets or sets the delay after the first failure, positive; each later one doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = EventDeliveryPolicy.Default.FirstDelay.ToTimeSpan();

    /// <summary>Gets or sets the longest delay between deliveries, at least <see cref="FirstDelay"/>.</summary>
    public TimeSpan MaxDelay { get; set; } = EventDeliveryPolicy.Default.MaxDelay.ToTimeSpan();

    /// <summary>Gets or sets a value indicating whether each recorded call writes a <c>call.recorded</c> event (one more row a call).</summary>
    public bool CallEvents { get; set; }
}
