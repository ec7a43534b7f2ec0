namespace Billing.Domain.Subscriptions;

/// <summary>How an account class lets a stop or a delete run.</summary>
public enum OperationMode
{
    /// <summary>The operation starts at once.</summary>
    Automatic,

    /// <summary>The operation waits in Waiting for manual approve until a manager approves or declines it.</summary>
    Manual,
}
