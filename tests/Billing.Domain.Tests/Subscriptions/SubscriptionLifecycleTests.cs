using Billing.Domain.Lifecycles;
using Billing.Domain.Subscriptions;
using static Billing.Domain.Subscriptions.SubscriptionStatus;
using T = Billing.Domain.Subscriptions.SubscriptionTrigger;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionLifecycleTests
{
    private static readonly AccountClass ManualStop = new("Manual stop", OperationMode.Manual, OperationMode.Automatic);
    private static readonly AccountClass ManualBoth = new("Manual", OperationMode.Manual, OperationMode.Manual);
    private static readonly AccountClass ManualDelete = new("Manual delete", OperationMode.Automatic, OperationMode.Manual);

    private static readonly (BillingType, PaymentModel, AccountClass)[] Setups =
    [
        (BillingType.Recurring, PaymentModel.Prepaid, AccountClass.Automatic),
        (BillingType.NonRecurring, PaymentModel.Postpaid, ManualBoth),
        (BillingType.PayAsYouGoExternal, PaymentModel.Postpaid, ManualStop),
        (BillingType.Recurring, PaymentModel.Postpaid, ManualDelete),
    ];

    public static TheoryData<SubscriptionStatus, T> EveryPair
    {
        get
        {
            var pairs = new TheoryData<SubscriptionStatus, T>();
            foreach (var status in SubscriptionStatus.List.OrderBy(s => s.Value))
            {
                foreach (var trigger in Enum.GetValues<T>())
                {
                    pairs.Add(status, trigger);
                }
            }

            return pairs;
        }
    }

    /// <summary>
    /// The lifecycle restated, independently of the table: the destination of a trigger, the same status when
    /// it is ignored, or null when it is refused.
    /// </summary>
    private static SubscriptionStatus? Expected(SubscriptionStatus status, T trigger, SubscriptionContext c)
    {
        if (status == Deleted)
        {
            return null;
        }

        var stop = c.StopMode == OperationMode.Manual ? WaitingForManualApprove : Stopping;
        var delete = c.DeleteMode == OperationMode.Manual ? WaitingForManualApprove : Deleting;
        var failed = status.Group == SubscriptionStatusGroup.Failed;
        return trigger switch
        {
            T.RequestDeletion when failed || status == Ordered || status == Active || status == Delivered
                || status == Graced || status == Blocked || status == Stopped => delete,
            T.RequestStop when status == Active || status == Delivered || status == Graced => stop,
            T.PaymentReceived when status == Graced => Active,
            T.PaymentReceived when status == Blocked => Activating,
            T.PaymentReceived => status,
            T.PaymentOverdue when status == Active => Graced,
            T.PaymentOverdue when status == Graced || status == Blocked => status,
            T.PaymentExpired when (status == Active || status == Graced) && c.PaymentModel == PaymentModel.Postpaid => Blocked,
            T.PaymentExpired when status == Blocked => status,
            T.GracePeriodExpired when status == Graced => stop,
            T.StartInstallation when status == Ordered => Installing,
            T.StartActivation when status == Ordered => Activating,
            T.CompleteInstallation when status == Installing => Activating,
            T.FailInstallation when status == Installing => InstallationFailed,
            T.CompleteActivation when status == Activating => c.BillingType == BillingType.NonRecurring ? Delivered : Active,
            T.FailActivation when status == Activating => ActivationFailed,
            T.StartRenewal when status == Active && c.BillingType == BillingType.Recurring => Renewing,
            T.CompleteRenewal when status == Renewing => Active,
            T.FailRenewal when status == Renewing => RenewingFailed,
            T.StartUpdate when status == Active => Updating,
            T.CompleteUpdate when status == Updating => Active,
            T.FailUpdate when status == Updating => UpdatingFailed,
            T.StartSwitch when status == Active => Switching,
            T.CompleteSwitch when status == Switching => Active,
            T.FailSwitch when status == Switching => SwitchingFailed,
            T.CompleteStop when status == Stopping => Stopped,
            T.FailStop when status == Stopping => StoppingFailed,
            T.Resume when status == Stopped => Activating,
            T.CompleteDeletion when status == Deleting => Deleted,
            T.FailDeletion when status == Deleting => DeletionFailed,
            T.Retry when status == InstallationFailed => Installing,
            T.Retry when status == ActivationFailed => Activating,
            T.Retry when status == RenewingFailed => Renewing,
            T.Retry when status == UpdatingFailed => Updating,
            T.Retry when status == StoppingFailed => Stopping,
            T.Retry when status == DeletionFailed => Deleting,
            T.Retry when status == SwitchingFailed => Switching,
            T.ApproveOperation when status == WaitingForManualApprove && c.PendingOperation == ManualOperation.Stop => Stopping,
            T.ApproveOperation when status == WaitingForManualApprove && c.PendingOperation == ManualOperation.Delete => Deleting,
            T.DeclineOperation when status == WaitingForManualApprove && c.StatusBeforeApproval is { } before
                && (before.Group == SubscriptionStatusGroup.Failed || before == Ordered || before == Active || before == Delivered
                    || before == Graced || before == Stopped || before == Blocked) => before,
            _ => null,
        };
    }

    private static IEnumerable<SubscriptionContext> Contexts() =>
        from billingType in Enum.GetValues<BillingType>()
        from paymentModel in Enum.GetValues<PaymentModel>()
        from stopMode in Enum.GetValues<OperationMode>()
        from deleteMode in Enum.GetValues<OperationMode>()
        from pending in new (ManualOperation?, SubscriptionStatus?)[]
        {
            (null, null), (ManualOperation.Stop, Active), (ManualOperation.Delete, Stopped), (ManualOperation.Stop, Graced),
            (ManualOperation.Delete, InstallationFailed), (ManualOperation.Delete, Ordered), (ManualOperation.Stop, Renewing),
        }
        select new SubscriptionContext(billingType, paymentModel, stopMode, deleteMode, pending.Item1, pending.Item2);

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Machine_EveryStatusAndTrigger_IsPermittedToTheExpectedStatusOrRefused(SubscriptionStatus status, T trigger)
    {
        foreach (var context in Contexts())
        {
            var expected = Expected(status, trigger, context);

            Assert.Equal(expected is not null, SubscriptionLifecycle.Machine.CanFire(status, trigger, context));
            if (expected is null)
            {
                var refused = Assert.Throws<TransitionRefusedException>(() => SubscriptionLifecycle.Machine.Fire(status, trigger, context));
                Assert.Equal("subscription.transition_refused", refused.Code);
                Assert.Equal(status.DisplayName, refused.State);
            }
            else
            {
                var transition = SubscriptionLifecycle.Machine.Fire(status, trigger, context);
                Assert.Equal(expected, transition.Destination);
                Assert.Equal(expected == status, transition.IsIgnored);
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Subscription_EveryStatusAndTrigger_MovesAsExpectedOrIsRefusedUnchanged(SubscriptionStatus status, T trigger)
    {
        foreach (var (billingType, paymentModel, accountClass) in Setups)
        {
            if (SubscriptionDriver.TryInStatus(status, billingType, paymentModel, accountClass) is not { } subscription)
            {
                continue;
            }

            var context = new SubscriptionContext(billingType, paymentModel, accountClass.StopMode, accountClass.DeleteMode, subscription.PendingOperation, subscription.StatusBeforeApproval);
            var expected = Expected(status, trigger, context);
            var historyBefore = subscription.History.ToList();
            var at = (historyBefore.Count > 0 ? historyBefore[^1].At : SubscriptionDriver.Start) + Duration.FromHours(1);

            if (expected is null)
            {
                Assert.False(subscription.CanFire(trigger, accountClass));
                Assert.Throws<TransitionRefusedException>(() => SubscriptionDriver.Apply(subscription, trigger, accountClass, at));
                Assert.Same(status, subscription.Status);
                Assert.Equal(historyBefore, subscription.History);
            }
            else
            {
                Assert.True(subscription.CanFire(trigger, accountClass));
                var change = SubscriptionDriver.Apply(subscription, trigger, accountClass, at);
                Assert.Same(expected, subscription.Status);
                if (expected == status)
                {
                    Assert.Null(change);
                    Assert.Equal(historyBefore, subscription.History);
                }
                else
                {
                    Assert.Equal(new SubscriptionStatusChange(status, expected, trigger, at, "test", change!.Reason), change);
                    Assert.Equal([.. historyBefore, change], subscription.History);
                }
            }
        }
    }

    [Fact]
    public void EveryStatus_IsReachableUnderSomeSetup()
    {
        var setups = Setups.Concat([(BillingType.NonRecurring, PaymentModel.Postpaid, AccountClass.Automatic)]);

        var reached = SubscriptionStatus.List.Where(s => setups.Any(setup => SubscriptionDriver.TryInStatus(s, setup.Item1, setup.Item2, setup.Item3) is not null));

        Assert.Equal(SubscriptionStatus.List.OrderBy(s => s.Value), reached.OrderBy(s => s.Value));
    }

    [Fact]
    public void Superstates_HoldEveryFailedAndEveryInProgressStatus()
    {
        foreach (var status in SubscriptionStatus.List)
        {
            Assert.Equal(status.Group == SubscriptionStatusGroup.Failed, SubscriptionLifecycle.Machine.IsInState(status, SubscriptionLifecycle.Failed));
            Assert.Equal(status.Group == SubscriptionStatusGroup.InProgress, SubscriptionLifecycle.Machine.IsInState(status, SubscriptionLifecycle.InProgress));
        }
    }

    [Fact]
    public void Machine_ConfiguresEveryStatus() =>
        Assert.Equal(SubscriptionStatus.List.OrderBy(s => s.Value), SubscriptionLifecycle.Machine.States.OrderBy(s => s.Value));
}
