using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>One accepted transition in a subscription's history.</summary>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="Trigger">What happened.</param>
/// <param name="At">When it happened, as passed in by the caller.</param>
/// <param name="Actor">Who or what did it: a user, a manager, a provisioning system.</param>
/// <param name="Reason">Why, when given: a failure message, a manager's note.</param>
public sealed record SubscriptionStatusChange(
    SubscriptionStatus From,
    SubscriptionStatus To,
    SubscriptionTrigger Trigger,
    Instant At,
    string Actor,
    string? Reason)
{
    /// <summary>Gets the status before.</summary>
    public SubscriptionStatus From { get; } = Preconditions.CheckNotNull(From);

    /// <summary>Gets the status after.</summary>
    public SubscriptionStatus To { get; } = Preconditions.CheckNotNull(To);

    /// <summary>Gets who or what did it: a user, a manager, a provisioning system.</summary>
    public string Actor { get; } = Preconditions.CheckNotNull(Actor);
}
