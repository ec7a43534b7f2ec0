namespace Billing.Domain.Subscriptions;

/// <summary>Everything that can happen to a subscription; what each does in each status is the lifecycle table.</summary>
public enum SubscriptionTrigger
{
    /// <summary>Installation of the ordered service starts.</summary>
    StartInstallation,

    /// <summary>Installation finished; activation follows.</summary>
    CompleteInstallation,

    /// <summary>Installation failed.</summary>
    FailInstallation,

    /// <summary>Activation starts (an order with nothing to install).</summary>
    StartActivation,

    /// <summary>Activation finished: Active, or Delivered for the Non-recurring billing type.</summary>
    CompleteActivation,

    /// <summary>Activation failed.</summary>
    FailActivation,

    /// <summary>Renewal of a recurring subscription starts.</summary>
    StartRenewal,

    /// <summary>Renewal finished.</summary>
    CompleteRenewal,

    /// <summary>Renewal failed.</summary>
    FailRenewal,

    /// <summary>A resource update starts.</summary>
    StartUpdate,

    /// <summary>The resource update finished.</summary>
    CompleteUpdate,

    /// <summary>The resource update failed.</summary>
    FailUpdate,

    /// <summary>A plan switch starts.</summary>
    StartSwitch,

    /// <summary>The plan switch finished.</summary>
    CompleteSwitch,

    /// <summary>The plan switch failed.</summary>
    FailSwitch,

    /// <summary>A stop is requested; with the account class's stop mode manual it waits for approval.</summary>
    RequestStop,

    /// <summary>The stop finished.</summary>
    CompleteStop,

    /// <summary>The stop failed.</summary>
    FailStop,

    /// <summary>A stopped subscription is resumed; it activates again.</summary>
    Resume,

    /// <summary>Deletion is requested; with the account class's delete mode manual it waits for approval.</summary>
    RequestDeletion,

    /// <summary>The deletion finished.</summary>
    CompleteDeletion,

    /// <summary>The deletion failed.</summary>
    FailDeletion,

    /// <summary>The failed operation is tried again.</summary>
    Retry,

    /// <summary>The customer did not pay on time: the grace period starts.</summary>
    PaymentOverdue,

    /// <summary>The grace period ended unpaid: the subscription is stopped.</summary>
    GracePeriodExpired,

    /// <summary>The payment of a postpaid subscription expired: it is blocked.</summary>
    PaymentExpired,

    /// <summary>The customer paid.</summary>
    PaymentReceived,

    /// <summary>A manager approves the operation waiting for approval.</summary>
    ApproveOperation,

    /// <summary>A manager declines the operation waiting for approval; the subscription goes back to where it was.</summary>
    DeclineOperation,
}
