using Billing.Domain.StateMachines;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// The subscription lifecycle: every status of seed 001 and every transition between them, in one table.
/// </summary>
/// <remarks>
/// Rows the seed states are marked "seed"; every other row carries the one-line reason for the choice.
/// docs/subscription-lifecycle.md holds the diagram generated from this table.
/// </remarks>
public static class SubscriptionLifecycle
{
    /// <summary>The statuses a declined manual operation can return to: those from which a stop or delete can be requested.</summary>
    internal static IReadOnlyList<SubscriptionStatus> ApprovalOrigins { get; } =
    [
        SubscriptionStatus.Ordered, SubscriptionStatus.Active, SubscriptionStatus.Delivered, SubscriptionStatus.Graced,
        SubscriptionStatus.Stopped, SubscriptionStatus.Blocked, SubscriptionStatus.InstallationFailed, SubscriptionStatus.ActivationFailed,
        SubscriptionStatus.RenewingFailed, SubscriptionStatus.UpdatingFailed, SubscriptionStatus.StoppingFailed,
        SubscriptionStatus.DeletionFailed, SubscriptionStatus.SwitchingFailed,
    ];


    private static readonly Table Lifecycle = Build();

    /// <summary>Gets the machine holding the lifecycle table; subscriptions fire their triggers through it.</summary>
    public static StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext> Machine => Lifecycle.Machine;

    /// <summary>Gets the superstate of the seven <c>*_failed</c> statuses.</summary>
    public static StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.Superstate Failed => Lifecycle.Failed;

    /// <summary>Gets the superstate of the seven statuses in which an operation runs (Installing ... Switching).</summary>
    public static StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.Superstate InProgress => Lifecycle.InProgress;

    private static Table Build()
    {
        var machine = new StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>("subscription", s => s.DisplayName);
        var failed = machine.DefineSuperstate("Failed");
        var inProgress = machine.DefineSuperstate("InProgress");

        machine.Configure(SubscriptionStatus.Ordered)
            .Permit(SubscriptionTrigger.StartInstallation, SubscriptionStatus.Installing)          // seed: the ordered service is installing
            .Permit(SubscriptionTrigger.StartActivation, SubscriptionStatus.Activating)            // an order with nothing to install activates at once
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment that nothing waits for changes no status
            .Deletable();                                                                        // an order may be cancelled before it is used

        machine.Configure(SubscriptionStatus.Installing).SubstateOf(inProgress)
            .Permit(SubscriptionTrigger.CompleteInstallation, SubscriptionStatus.Activating)       // an installed service is activated next
            .Permit(SubscriptionTrigger.FailInstallation, SubscriptionStatus.InstallationFailed);  // seed

        machine.Configure(SubscriptionStatus.Activating).SubstateOf(inProgress)
            .PermitIf(SubscriptionTrigger.CompleteActivation, SubscriptionStatus.Active, static c => c.BillingType != BillingType.NonRecurring, "billing type is not non-recurring") // seed
            .PermitIf(SubscriptionTrigger.CompleteActivation, SubscriptionStatus.Delivered, static c => c.BillingType == BillingType.NonRecurring, "billing type is non-recurring") // seed
            .Permit(SubscriptionTrigger.FailActivation, SubscriptionStatus.ActivationFailed);      // seed

        machine.Configure(SubscriptionStatus.Active)
            .PermitIf(SubscriptionTrigger.StartRenewal, SubscriptionStatus.Renewing, static c => c.BillingType == BillingType.Recurring, "billing type is recurring") // only recurring plans renew
            .Permit(SubscriptionTrigger.StartUpdate, SubscriptionStatus.Updating)                  // seed: resources are updated on a used subscription
            .Permit(SubscriptionTrigger.StartSwitch, SubscriptionStatus.Switching)                 // seed: the plan of a used subscription is switched
            .Permit(SubscriptionTrigger.PaymentOverdue, SubscriptionStatus.Graced)                 // seed: not paid on time
            .PermitIf(SubscriptionTrigger.PaymentExpired, SubscriptionStatus.Blocked, static c => c.PaymentModel == PaymentModel.Postpaid, "payment model is postpaid") // seed
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment that nothing waits for changes no status
            .Stoppable()
            .Deletable();

        machine.Configure(SubscriptionStatus.Delivered)
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a non-recurring plan was paid once; later payments change nothing
            .Stoppable()                                                                         // a delivered service can be stopped for a while like an active one
            .Deletable();

        machine.Configure(SubscriptionStatus.Graced)
            .Permit(SubscriptionTrigger.PaymentReceived, SubscriptionStatus.Active)                // paid within the grace period: back in use
            .PermitIf(SubscriptionTrigger.GracePeriodExpired, SubscriptionStatus.Stopping, static c => c.StopMode == OperationMode.Automatic, "stop mode is automatic") // seed: after the grace period it will be stopped
            .PermitIf(SubscriptionTrigger.GracePeriodExpired, SubscriptionStatus.WaitingForManualApprove, static c => c.StopMode == OperationMode.Manual, "stop mode is manual") // seed: stops wait for approval in manual mode
            .PermitIf(SubscriptionTrigger.PaymentExpired, SubscriptionStatus.Blocked, static c => c.PaymentModel == PaymentModel.Postpaid, "payment model is postpaid") // seed: an expired postpaid payment blocks
            .Ignore(SubscriptionTrigger.PaymentOverdue)                                          // already in its grace period
            .Stoppable()
            .Deletable();

        machine.Configure(SubscriptionStatus.Blocked)
            .Permit(SubscriptionTrigger.PaymentReceived, SubscriptionStatus.Activating)            // the service was stopped, so paying activates it again
            .Ignore(SubscriptionTrigger.PaymentExpired)                                          // already blocked for it
            .Ignore(SubscriptionTrigger.PaymentOverdue)                                          // already blocked, which is further than graced
            .Deletable();

        machine.Configure(SubscriptionStatus.Stopped)
            .Permit(SubscriptionTrigger.Resume, SubscriptionStatus.Activating)                     // seed: stopped is temporary; resuming activates again
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment alone does not resume a stop someone asked for
            .Deletable();

        Operation(machine, inProgress, SubscriptionStatus.Renewing, SubscriptionTrigger.CompleteRenewal, SubscriptionStatus.Active, SubscriptionTrigger.FailRenewal, SubscriptionStatus.RenewingFailed);
        Operation(machine, inProgress, SubscriptionStatus.Updating, SubscriptionTrigger.CompleteUpdate, SubscriptionStatus.Active, SubscriptionTrigger.FailUpdate, SubscriptionStatus.UpdatingFailed);
        Operation(machine, inProgress, SubscriptionStatus.Switching, SubscriptionTrigger.CompleteSwitch, SubscriptionStatus.Active, SubscriptionTrigger.FailSwitch, SubscriptionStatus.SwitchingFailed);
        Operation(machine, inProgress, SubscriptionStatus.Stopping, SubscriptionTrigger.CompleteStop, SubscriptionStatus.Stopped, SubscriptionTrigger.FailStop, SubscriptionStatus.StoppingFailed);
        Operation(machine, inProgress, SubscriptionStatus.Deleting, SubscriptionTrigger.CompleteDeletion, SubscriptionStatus.Deleted, SubscriptionTrigger.FailDeletion, SubscriptionStatus.DeletionFailed);

        machine.Configure(inProgress)
            .Ignore(SubscriptionTrigger.PaymentReceived);                                        // a payment does not interrupt a running operation

        machine.Configure(failed)
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment does not repair a failed operation
            .Deletable();                                                                        // a failed subscription can always be given up

        Retry(machine, failed, SubscriptionStatus.InstallationFailed, SubscriptionStatus.Installing);
        Retry(machine, failed, SubscriptionStatus.ActivationFailed, SubscriptionStatus.Activating);
        Retry(machine, failed, SubscriptionStatus.RenewingFailed, SubscriptionStatus.Renewing);
        Retry(machine, failed, SubscriptionStatus.UpdatingFailed, SubscriptionStatus.Updating);
        Retry(machine, failed, SubscriptionStatus.StoppingFailed, SubscriptionStatus.Stopping);
        Retry(machine, failed, SubscriptionStatus.DeletionFailed, SubscriptionStatus.Deleting);
        Retry(machine, failed, SubscriptionStatus.SwitchingFailed, SubscriptionStatus.Switching);

        var waiting = machine.Configure(SubscriptionStatus.WaitingForManualApprove)
            .PermitIf(SubscriptionTrigger.ApproveOperation, SubscriptionStatus.Stopping, static c => c.PendingOperation == ManualOperation.Stop, "pending operation is stop") // seed: approval continues the stop
            .PermitIf(SubscriptionTrigger.ApproveOperation, SubscriptionStatus.Deleting, static c => c.PendingOperation == ManualOperation.Delete, "pending operation is delete") // seed: approval continues the delete
            .Ignore(SubscriptionTrigger.PaymentReceived);                                        // a payment does not decide a manager's approval
        foreach (var origin in ApprovalOrigins)
        {
            // Declining returns the subscription to where it was when the operation was requested.
            waiting.PermitIf(SubscriptionTrigger.DeclineOperation, origin, c => c.StatusBeforeApproval == origin, $"status before approval is {origin.DisplayName}");
        }

        // Deleted is terminal: nothing leaves it.
        machine.Configure(SubscriptionStatus.Deleted);
        return new Table(machine, failed, inProgress);
    }

    private static StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.StateConfiguration Stoppable(
        this StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.StateConfiguration state) =>
        state
            .PermitIf(SubscriptionTrigger.RequestStop, SubscriptionStatus.Stopping, static c => c.StopMode == OperationMode.Automatic, "stop mode is automatic") // seed
            .PermitIf(SubscriptionTrigger.RequestStop, SubscriptionStatus.WaitingForManualApprove, static c => c.StopMode == OperationMode.Manual, "stop mode is manual"); // seed

    private static StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.StateConfiguration Deletable(
        this StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.StateConfiguration state) =>
        state
            .PermitIf(SubscriptionTrigger.RequestDeletion, SubscriptionStatus.Deleting, static c => c.DeleteMode == OperationMode.Automatic, "delete mode is automatic") // seed
            .PermitIf(SubscriptionTrigger.RequestDeletion, SubscriptionStatus.WaitingForManualApprove, static c => c.DeleteMode == OperationMode.Manual, "delete mode is manual"); // seed

    // An operation in progress completes or fails (seed: each -ing status has its *_failed twin).
    private static void Operation(
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext> machine,
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.Superstate inProgress,
        SubscriptionStatus running, SubscriptionTrigger complete, SubscriptionStatus completed, SubscriptionTrigger fail, SubscriptionStatus failed) =>
        machine.Configure(running).SubstateOf(inProgress).Permit(complete, completed).Permit(fail, failed);

    // A failed operation is tried again from its running status.
    private static void Retry(
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext> machine,
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.Superstate failedGroup,
        SubscriptionStatus failed,
        SubscriptionStatus running) =>
        machine.Configure(failed).SubstateOf(failedGroup).Permit(SubscriptionTrigger.Retry, running);

    private sealed record Table(
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext> Machine,
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.Superstate Failed,
        StateMachine<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>.Superstate InProgress);
}
