namespace Billing.Domain.Subscriptions;

/// <summary>The kind of a subscription status.</summary>
public enum SubscriptionStatusGroup
{
    /// <summary>At rest: nothing runs until someone or something acts (Ordered, Active, Delivered, Graced, Stopped, Blocked, Waiting for manual approve).</summary>
    Stable,

    /// <summary>An operation is running and will complete or fail (Installing, Activating, Renewing, Updating, Stopping, Deleting, Switching).</summary>
    InProgress,

    /// <summary>An operation failed; it can be retried, or the subscription deleted (the seven <c>*_failed</c> statuses).</summary>
    Failed,

    /// <summary>The end: nothing leaves it (Deleted).</summary>
    Terminal,
}
