using Billing.Domain.Lifecycles;
using Rows = Stateless.StateMachine<Billing.Domain.Lifecycles.LifecycleState<Billing.Domain.Subscriptions.SubscriptionStatus>, Billing.Domain.Subscriptions.SubscriptionTrigger>.StateConfiguration;
using Table = Billing.Domain.Lifecycles.LifecycleTable<Billing.Domain.Subscriptions.SubscriptionStatus, Billing.Domain.Subscriptions.SubscriptionTrigger, Billing.Domain.Subscriptions.SubscriptionContext>;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// The subscription lifecycle: every status of seed 001 and every transition between them, in one table.
/// </summary>
/// <remarks>
/// Rows the seed states are marked "seed"; every other row carries the one-line reason for the choice. The rows are
/// Stateless' (<c>Permit</c>, <c>PermitIf</c>, <c>Ignore</c>, <c>SubstateOf</c>); guards read the
/// <see cref="SubscriptionContext"/> of the trigger being fired. docs/subscription-lifecycle.md holds the diagram
/// Stateless exports from this table.
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

    /// <summary>Gets the superstate of the seven <c>*_failed</c> statuses.</summary>
    public static LifecycleSuperstate Failed { get; } = new("Failed");

    /// <summary>Gets the superstate of the seven statuses in which an operation runs (Installing ... Switching).</summary>
    public static LifecycleSuperstate InProgress { get; } = new("InProgress");

    /// <summary>Gets the lifecycle; subscriptions fire their triggers through it.</summary>
    public static Lifecycle<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext> Machine { get; } = new("subscription", SubscriptionStatus.Ordered, Build);

    internal static void Build(Table machine)
    {
        machine.Configure(SubscriptionStatus.Ordered)
            .Permit(SubscriptionTrigger.StartInstallation, SubscriptionStatus.Installing)          // seed: the ordered service is installing
            .Permit(SubscriptionTrigger.StartActivation, SubscriptionStatus.Activating)            // an order with nothing to install activates at once
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment that nothing waits for changes no status
            .Deletable(machine);                                                                 // an order may be cancelled before it is used

        machine.Configure(SubscriptionStatus.Installing).SubstateOf(InProgress)
            .Permit(SubscriptionTrigger.CompleteInstallation, SubscriptionStatus.Activating)       // an installed service is activated next
            .Permit(SubscriptionTrigger.FailInstallation, SubscriptionStatus.InstallationFailed);  // seed

        machine.Configure(SubscriptionStatus.Activating).SubstateOf(InProgress)
            .PermitIf(SubscriptionTrigger.CompleteActivation, SubscriptionStatus.Active, machine.If(static c => c.BillingType != BillingType.NonRecurring), "billing type is not non-recurring") // seed
            .PermitIf(SubscriptionTrigger.CompleteActivation, SubscriptionStatus.Delivered, machine.If(static c => c.BillingType == BillingType.NonRecurring), "billing type is non-recurring") // seed
            .Permit(SubscriptionTrigger.FailActivation, SubscriptionStatus.ActivationFailed);      // seed

        machine.Configure(SubscriptionStatus.Active)
            .PermitIf(SubscriptionTrigger.StartRenewal, SubscriptionStatus.Renewing, machine.If(static c => c.BillingType == BillingType.Recurring), "billing type is recurring") // only recurring plans renew
            .Permit(SubscriptionTrigger.StartUpdate, SubscriptionStatus.Updating)                  // seed: resources are updated on a used subscription
            .Permit(SubscriptionTrigger.StartSwitch, SubscriptionStatus.Switching)                 // seed: the plan of a used subscription is switched
            .Permit(SubscriptionTrigger.PaymentOverdue, SubscriptionStatus.Graced)                 // seed: not paid on time
            .PermitIf(SubscriptionTrigger.PaymentExpired, SubscriptionStatus.Blocked, machine.If(static c => c.PaymentModel == PaymentModel.Postpaid), "payment model is postpaid") // seed
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment that nothing waits for changes no status
            .Stoppable(machine)
            .Deletable(machine);

        machine.Configure(SubscriptionStatus.Delivered)
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a non-recurring plan was paid once; later payments change nothing
            .Stoppable(machine)                                                                  // a delivered service can be stopped for a while like an active one
            .Deletable(machine);

        machine.Configure(SubscriptionStatus.Graced)
            .Permit(SubscriptionTrigger.PaymentReceived, SubscriptionStatus.Active)                // paid within the grace period: back in use
            .PermitIf(SubscriptionTrigger.GracePeriodExpired, SubscriptionStatus.Stopping, machine.If(static c => c.StopMode == OperationMode.Automatic), "stop mode is automatic") // seed: after the grace period it will be stopped
            .PermitIf(SubscriptionTrigger.GracePeriodExpired, SubscriptionStatus.WaitingForManualApprove, machine.If(static c => c.StopMode == OperationMode.Manual), "stop mode is manual") // seed: stops wait for approval in manual mode
            .PermitIf(SubscriptionTrigger.PaymentExpired, SubscriptionStatus.Blocked, machine.If(static c => c.PaymentModel == PaymentModel.Postpaid), "payment model is postpaid") // seed: an expired postpaid payment blocks
            .Ignore(SubscriptionTrigger.PaymentOverdue)                                          // already in its grace period
            .Stoppable(machine)
            .Deletable(machine);

        machine.Configure(SubscriptionStatus.Blocked)
            .Permit(SubscriptionTrigger.PaymentReceived, SubscriptionStatus.Activating)            // the service was stopped, so paying activates it again
            .Ignore(SubscriptionTrigger.PaymentExpired)                                          // already blocked for it
            .Ignore(SubscriptionTrigger.PaymentOverdue)                                          // already blocked, which is further than graced
            .Deletable(machine);

        machine.Configure(SubscriptionStatus.Stopped)
            .Permit(SubscriptionTrigger.Resume, SubscriptionStatus.Activating)                     // seed: stopped is temporary; resuming activates again
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment alone does not resume a stop someone asked for
            .Deletable(machine);

        Operation(machine, SubscriptionStatus.Renewing, SubscriptionTrigger.CompleteRenewal, SubscriptionStatus.Active, SubscriptionTrigger.FailRenewal, SubscriptionStatus.RenewingFailed);
        Operation(machine, SubscriptionStatus.Updating, SubscriptionTrigger.CompleteUpdate, SubscriptionStatus.Active, SubscriptionTrigger.FailUpdate, SubscriptionStatus.UpdatingFailed);
        Operation(machine, SubscriptionStatus.Switching, SubscriptionTrigger.CompleteSwitch, SubscriptionStatus.Active, SubscriptionTrigger.FailSwitch, SubscriptionStatus.SwitchingFailed);
        Operation(machine, SubscriptionStatus.Stopping, SubscriptionTrigger.CompleteStop, SubscriptionStatus.Stopped, SubscriptionTrigger.FailStop, SubscriptionStatus.StoppingFailed);
        Operation(machine, SubscriptionStatus.Deleting, SubscriptionTrigger.CompleteDeletion, SubscriptionStatus.Deleted, SubscriptionTrigger.FailDeletion, SubscriptionStatus.DeletionFailed);

        machine.Configure(InProgress)
            .Ignore(SubscriptionTrigger.PaymentReceived);                                        // a payment does not interrupt a running operation

        machine.Configure(Failed)
            .Ignore(SubscriptionTrigger.PaymentReceived)                                         // a payment does not repair a failed operation
            .Deletable(machine);                                                                 // a failed subscription can always be given up

        Retry(machine, SubscriptionStatus.InstallationFailed, SubscriptionStatus.Installing);
        Retry(machine, SubscriptionStatus.ActivationFailed, SubscriptionStatus.Activating);
        Retry(machine, SubscriptionStatus.RenewingFailed, SubscriptionStatus.Renewing);
        Retry(machine, SubscriptionStatus.UpdatingFailed, SubscriptionStatus.Updating);
        Retry(machine, SubscriptionStatus.StoppingFailed, SubscriptionStatus.Stopping);
        Retry(machine, SubscriptionStatus.DeletionFailed, SubscriptionStatus.Deleting);
        Retry(machine, SubscriptionStatus.SwitchingFailed, SubscriptionStatus.Switching);

        var waiting = machine.Configure(SubscriptionStatus.WaitingForManualApprove)
            .PermitIf(SubscriptionTrigger.ApproveOperation, SubscriptionStatus.Stopping, machine.If(static c => c.PendingOperation == ManualOperation.Stop), "pending operation is stop") // seed: approval continues the stop
            .PermitIf(SubscriptionTrigger.ApproveOperation, SubscriptionStatus.Deleting, machine.If(static c => c.PendingOperation == ManualOperation.Delete), "pending operation is delete") // seed: approval continues the delete
            .Ignore(SubscriptionTrigger.PaymentReceived);                                        // a payment does not decide a manager's approval
        foreach (var origin in ApprovalOrigins)
        {
            // Declining returns the subscription to where it was when the operation was requested.
            waiting.PermitIf(SubscriptionTrigger.DeclineOperation, origin, machine.If(c => c.StatusBeforeApproval == origin), $"status before approval is {origin.DisplayName}");
        }

        // Deleted is terminal: nothing leaves it.
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(SubscriptionStatus.Deleted);
    }

    private static Rows Stoppable(this Rows state, Table machine) =>
        state
            .PermitIf(SubscriptionTrigger.RequestStop, SubscriptionStatus.Stopping, machine.If(static c => c.StopMode == OperationMode.Automatic), "stop mode is automatic") // seed
            .PermitIf(SubscriptionTrigger.RequestStop, SubscriptionStatus.WaitingForManualApprove, machine.If(static c => c.StopMode == OperationMode.Manual), "stop mode is manual"); // seed

    private static Rows Deletable(this Rows state, Table machine) =>
        state
            .PermitIf(SubscriptionTrigger.RequestDeletion, SubscriptionStatus.Deleting, machine.If(static c => c.DeleteMode == OperationMode.Automatic), "delete mode is automatic") // seed
            .PermitIf(SubscriptionTrigger.RequestDeletion, SubscriptionStatus.WaitingForManualApprove, machine.If(static c => c.DeleteMode == OperationMode.Manual), "delete mode is manual"); // seed

    // An operation in progress completes or fails (seed: each -ing status has its *_failed twin).
    private static void Operation(Table machine, SubscriptionStatus running, SubscriptionTrigger complete, SubscriptionStatus completed, SubscriptionTrigger fail, SubscriptionStatus failed) =>
        machine.Configure(running).SubstateOf(InProgress).Permit(complete, completed).Permit(fail, failed);

    // A failed operation is tried again from its running status.
    private static void Retry(Table machine, SubscriptionStatus failed, SubscriptionStatus running) =>
        machine.Configure(failed).SubstateOf(Failed).Permit(SubscriptionTrigger.Retry, running);
}
