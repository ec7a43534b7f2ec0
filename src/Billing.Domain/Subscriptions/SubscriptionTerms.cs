using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// What a subscription is on from an instant: its plan and its resources' quantities. A subscription starts on the
/// terms it was ordered with; each completed plan switch and resource update starts new terms.
/// </summary>
/// <param name="From">When the terms took effect: the order, or the completion of the switch or update.</param>
/// <param name="Plan">The plan's id.</param>
/// <param name="Resources">The resources' quantities by plan charge name; a resource not listed holds the plan's default.</param>
public sealed record SubscriptionTerms(Instant From, string Plan, IReadOnlyDictionary<string, decimal> Resources)
{
    /// <summary>Gets the plan's id.</summary>
    public string Plan { get; } = Preconditions.CheckId(Plan);

    /// <summary>Gets the resources' quantities by plan charge name.</summary>
    public IReadOnlyDictionary<string, decimal> Resources { get; } = Preconditions.CheckNotNull(Resources);

    /// <summary>Returns a value indicating whether both terms put the subscription on the same plan with the same quantities.</summary>
    /// <param name="other">The other terms.</param>
    /// <returns>True when plan and quantities are equal, whatever the instants.</returns>
    public bool SameAs(SubscriptionTerms other) =>
        Preconditions.CheckNotNull(other).Plan == Plan
        && other.Resources.Count == Resources.Count
        && Resources.All(r => other.Resources.TryGetValue(r.Key, out var quantity) && quantity == r.Value);
}
