namespace Billing.Domain.Subscriptions;

/// <summary>What the guards of the subscription lifecycle read: a value snapshot of a subscription and its account class.</summary>
/// <param name="BillingType">The plan's billing type.</param>
/// <param name="PaymentModel">Prepaid or postpaid.</param>
/// <param name="StopMode">The account class's stop mode.</param>
/// <param name="DeleteMode">The account class's delete mode.</param>
/// <param name="PendingOperation">The operation waiting for approval, in Waiting for manual approve.</param>
/// <param name="StatusBeforeApproval">The status a declined operation returns to, in Waiting for manual approve.</param>
public readonly record struct SubscriptionContext(
    BillingType BillingType,
    PaymentModel PaymentModel,
    OperationMode StopMode,
    OperationMode DeleteMode,
    ManualOperation? PendingOperation,
    SubscriptionStatus? StatusBeforeApproval);
