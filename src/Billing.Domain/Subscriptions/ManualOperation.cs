namespace Billing.Domain.Subscriptions;

/// <summary>The operation a subscription in Waiting for manual approve waits to run.</summary>
public enum ManualOperation
{
    /// <summary>Stop the subscription.</summary>
    Stop,

    /// <summary>Delete the subscription.</summary>
    Delete,
}
