using Billing.Domain.Lifecycles;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionTests
{
    private static readonly Instant T0 = SubscriptionDriver.Start;
    private static readonly AccountClass Manual = new("Reseller", OperationMode.Manual, OperationMode.Manual);

    private static Instant At(int minutes) => T0 + Duration.FromMinutes(minutes);

    [Fact]
    public void Order_CreatesAnOrderedSubscriptionWithNoHistory()
    {
        var subscription = Subscription.Order("sub-9", "acc-3", "Inference API", "pro", BillingType.PayAsYouGoExternal, PaymentModel.Postpaid, T0, "bob");

        Assert.Equal("sub-9", subscription.Id);
        Assert.Equal("acc-3", subscription.AccountId);
        Assert.Equal("Inference API", subscription.Name);
        Assert.Equal("pro", subscription.Plan);
        Assert.Equal(BillingType.PayAsYouGoExternal, subscription.BillingType);
        Assert.Equal(PaymentModel.Postpaid, subscription.PaymentModel);
        Assert.Equal(T0, subscription.OrderedAt);
        Assert.Equal("bob", subscription.OrderedBy);
        Assert.Same(SubscriptionStatus.Ordered, subscription.Status);
        Assert.Empty(subscription.History);
        Assert.Null(subscription.PendingOperation);
        Assert.Null(subscription.PendingPlan);
    }

    [Theory]
    [InlineData("", "acc", "name", "plan", "actor", "id")]
    [InlineData("id", " ", "name", "plan", "actor", "accountId")]
    [InlineData("id", "acc", "", "plan", "actor", "name")]
    [InlineData("id", "acc", "name", "", "actor", "plan")]
    [InlineData("id", "acc", "name", "plan", "", "actor")]
    public void Order_EmptyText_ThrowsArgumentNamingIt(string id, string account, string name, string plan, string actor, string param) =>
        Assert.Throws<ArgumentException>(param, () => Subscription.Order(id, account, name, plan, BillingType.Recurring, PaymentModel.Prepaid, T0, actor));

    [Fact]
    public void Order_UndefinedEnums_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>("billingType", () => Subscription.Order("i", "a", "n", "p", (BillingType)9, PaymentModel.Prepaid, T0, "x"));
        Assert.Throws<ArgumentOutOfRangeException>("paymentModel", () => Subscription.Order("i", "a", "n", "p", BillingType.Recurring, (PaymentModel)9, T0, "x"));
    }

    [Fact]
    public void RecurringLife_InstallActivateRenewStopResumeDelete_RecordsEveryStep()
    {
        var s = SubscriptionDriver.NewSubscription();

        s.StartInstallation(At(1), "provisioner");
        s.CompleteInstallation(At(2), "provisioner");
        s.CompleteActivation(At(3), "provisioner");
        s.Renew(At(4), "billing");
        s.CompleteRenewal(At(5), "billing");
        s.Stop(AccountClass.Automatic, At(6), "alice", "holiday");
        s.CompleteStop(At(7), "provisioner");
        s.Resume(At(8), "alice");
        s.CompleteActivation(At(9), "provisioner");
        s.Delete(AccountClass.Automatic, At(10), "alice");
        s.CompleteDeletion(At(11), "provisioner");

        Assert.Same(SubscriptionStatus.Deleted, s.Status);
        Assert.Equal(
            ["Installing", "Activating", "Active", "Renewing", "Active", "Stopping", "Stopped", "Activating", "Active", "Deleting", "Deleted"],
            s.History.Select(c => c.To.DisplayName));
        Assert.Equal(new SubscriptionStatusChange(SubscriptionStatus.Active, SubscriptionStatus.Stopping, SubscriptionTrigger.RequestStop, At(6), "alice", "holiday"), s.History[5]);
        Assert.All(s.History.Zip(s.History.Skip(1)), pair => Assert.Same(pair.First.To, pair.Second.From));
    }

    [Fact]
    public void CompleteActivation_NonRecurring_IsDeliveredNotActive()
    {
        var s = SubscriptionDriver.NewSubscription(BillingType.NonRecurring);
        s.StartActivation(At(1), "p");

        s.CompleteActivation(At(2), "p");

        Assert.Same(SubscriptionStatus.Delivered, s.Status);
    }

    [Fact]
    public void Renew_PayAsYouGo_IsRefusedNamingTheGuard()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active, BillingType.PayAsYouGoExternal);

        var refused = Assert.Throws<TransitionRefusedException>(() => s.Renew(At(100), "billing"));

        Assert.Equal(["billing type is recurring"], refused.UnmetGuards);
        Assert.Same(SubscriptionStatus.Active, s.Status);
    }

    [Fact]
    public void Renew_Delivered_IsRefused()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Delivered, BillingType.NonRecurring);

        var refused = Assert.Throws<TransitionRefusedException>(() => s.Renew(At(100), "billing"));

        Assert.Empty(refused.UnmetGuards);
        Assert.Same(SubscriptionStatus.Delivered, s.Status);
    }

    [Fact]
    public void PaymentOverdue_ThenPaid_ReturnsToActive()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);

        s.MarkPaymentOverdue(At(100), "billing");
        Assert.Same(SubscriptionStatus.Graced, s.Status);
        s.ReceivePayment(At(101), "billing");

        Assert.Same(SubscriptionStatus.Active, s.Status);
    }

    [Fact]
    public void GracePeriodExpired_StopsTheSubscription()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Graced);

        s.ExpireGracePeriod(AccountClass.Automatic, At(100), "scheduler");

        Assert.Same(SubscriptionStatus.Stopping, s.Status);
    }

    [Fact]
    public void PaymentExpired_Postpaid_BlocksAndPaymentReactivates()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active, paymentModel: PaymentModel.Postpaid);

        s.ExpirePayment(At(100), "billing");
        Assert.Same(SubscriptionStatus.Blocked, s.Status);
        s.ReceivePayment(At(101), "billing");

        Assert.Same(SubscriptionStatus.Activating, s.Status);
    }

    [Fact]
    public void PaymentExpired_Prepaid_IsRefused()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);

        var refused = Assert.Throws<TransitionRefusedException>(() => s.ExpirePayment(At(100), "billing"));

        Assert.Equal(["payment model is postpaid"], refused.UnmetGuards);
    }

    [Fact]
    public void ReceivePayment_WhenNothingWaits_IsIgnoredWithoutHistory()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);
        var before = s.History.Count;

        Assert.Null(s.ReceivePayment(At(100), "billing"));
        Assert.Same(SubscriptionStatus.Active, s.Status);
        Assert.Equal(before, s.History.Count);
    }

    [Fact]
    public void Stop_ManualMode_WaitsForApprovalAndRemembersTheOperation()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);

        s.Stop(Manual, At(100), "alice");

        Assert.Same(SubscriptionStatus.WaitingForManualApprove, s.Status);
        Assert.Equal(ManualOperation.Stop, s.PendingOperation);
        Assert.Same(SubscriptionStatus.Active, s.StatusBeforeApproval);
    }

    [Fact]
    public void ApproveOperation_ContinuesThePendingStop()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);
        s.Stop(Manual, At(100), "alice");

        s.ApproveOperation(At(101), "manager", "ok");

        Assert.Same(SubscriptionStatus.Stopping, s.Status);
        Assert.Null(s.PendingOperation);
        Assert.Null(s.StatusBeforeApproval);
        Assert.Equal(new SubscriptionStatusChange(SubscriptionStatus.WaitingForManualApprove, SubscriptionStatus.Stopping, SubscriptionTrigger.ApproveOperation, At(101), "manager", "ok"), s.History[^1]);
    }

    [Fact]
    public void ApproveOperation_ContinuesThePendingDelete()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Stopped);
        s.Delete(Manual, At(100), "alice");
        Assert.Equal(ManualOperation.Delete, s.PendingOperation);

        s.ApproveOperation(At(101), "manager");

        Assert.Same(SubscriptionStatus.Deleting, s.Status);
    }

    [Fact]
    public void DeclineOperation_ReturnsToTheStatusBefore()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Graced);
        s.ExpireGracePeriod(Manual, At(100), "scheduler");
        Assert.Equal(ManualOperation.Stop, s.PendingOperation);

        s.DeclineOperation(At(101), "manager", "customer called");

        Assert.Same(SubscriptionStatus.Graced, s.Status);
        Assert.Null(s.PendingOperation);
        Assert.Null(s.StatusBeforeApproval);
    }

    [Fact]
    public void DeclineOperation_OfADeleteFromAFailedStatus_ReturnsThere()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.InstallationFailed);
        s.Delete(Manual, At(100), "alice");

        s.DeclineOperation(At(101), "manager");

        Assert.Same(SubscriptionStatus.InstallationFailed, s.Status);
    }

    [Fact]
    public void SwitchPlan_ChangesThePlanOnlyWhenComplete()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);

        s.SwitchPlan("gpu-large", At(100), "alice");
        Assert.Equal("gpu-small", s.Plan);
        Assert.Equal("gpu-large", s.PendingPlan);
        s.FailSwitch(At(101), "provisioner", "no capacity");
        Assert.Equal("gpu-large", s.PendingPlan);
        s.Retry(At(102), "provisioner");
        s.CompleteSwitch(At(103), "provisioner");

        Assert.Equal("gpu-large", s.Plan);
        Assert.Null(s.PendingPlan);
        Assert.Same(SubscriptionStatus.Active, s.Status);
    }

    [Fact]
    public void SwitchPlan_ToTheCurrentPlan_ThrowsArgumentAndChangesNothing()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);
        var before = s.History.Count;

        Assert.Throws<ArgumentException>("newPlan", () => s.SwitchPlan("gpu-small", At(100), "alice"));
        Assert.Same(SubscriptionStatus.Active, s.Status);
        Assert.Equal(before, s.History.Count);
    }

    [Fact]
    public void SwitchPlan_Refused_LeavesNoPendingPlan()
    {
        var s = SubscriptionDriver.NewSubscription();

        Assert.Throws<TransitionRefusedException>(() => s.SwitchPlan("gpu-large", At(1), "alice"));
        Assert.Null(s.PendingPlan);
    }

    [Theory]
    [InlineData(nameof(SubscriptionStatus.InstallationFailed), nameof(SubscriptionStatus.Installing))]
    [InlineData(nameof(SubscriptionStatus.ActivationFailed), nameof(SubscriptionStatus.Activating))]
    [InlineData(nameof(SubscriptionStatus.RenewingFailed), nameof(SubscriptionStatus.Renewing))]
    [InlineData(nameof(SubscriptionStatus.UpdatingFailed), nameof(SubscriptionStatus.Updating))]
    [InlineData(nameof(SubscriptionStatus.StoppingFailed), nameof(SubscriptionStatus.Stopping))]
    [InlineData(nameof(SubscriptionStatus.DeletionFailed), nameof(SubscriptionStatus.Deleting))]
    [InlineData(nameof(SubscriptionStatus.SwitchingFailed), nameof(SubscriptionStatus.Switching))]
    public void Retry_EachKindOfFailure_RunsTheOperationAgain(string failedField, string runningField)
    {
        var failed = (SubscriptionStatus)typeof(SubscriptionStatus).GetField(failedField)!.GetValue(null)!;
        var running = (SubscriptionStatus)typeof(SubscriptionStatus).GetField(runningField)!.GetValue(null)!;
        var s = SubscriptionDriver.InStatus(failed);

        s.Retry(At(1000), "operator");

        Assert.Same(running, s.Status);
    }

    [Fact]
    public void Fire_Refused_LeavesStatusAndHistoryUnchanged()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Stopped);
        var history = s.History.ToList();

        var refused = Assert.Throws<TransitionRefusedException>(() => s.Renew(At(1000), "billing"));

        Assert.Equal("subscription.transition_refused", refused.Code);
        Assert.Equal("Stopped", refused.State);
        Assert.Equal("StartRenewal", refused.Trigger);
        Assert.Same(SubscriptionStatus.Stopped, s.Status);
        Assert.Equal(history, s.History);
    }

    [Fact]
    public void Fire_BeforeTheLastChange_ThrowsArgumentAndChangesNothing()
    {
        var s = SubscriptionDriver.NewSubscription();
        s.StartInstallation(At(10), "p");

        Assert.Throws<ArgumentException>("at", () => s.CompleteInstallation(At(9), "p"));
        Assert.Same(SubscriptionStatus.Installing, s.Status);
        Assert.Single(s.History);
    }

    [Fact]
    public void Fire_EmptyActor_ThrowsArgument()
    {
        var s = SubscriptionDriver.NewSubscription();

        Assert.Throws<ArgumentException>("actor", () => s.StartInstallation(At(1), " "));
        Assert.Throws<ArgumentNullException>("accountClass", () => s.Delete(null!, At(1), "x"));
        Assert.Same(SubscriptionStatus.Ordered, s.Status);
    }

    [Fact]
    public void Deleted_RefusesEverything()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Deleted);

        Assert.Empty(s.PermittedTriggers());
        Assert.All(Enum.GetValues<SubscriptionTrigger>(), t => Assert.False(s.CanFire(t, Manual)));
    }

    [Fact]
    public void PermittedTriggers_DependOnTheAccountClass()
    {
        var s = SubscriptionDriver.InStatus(SubscriptionStatus.Active);

        Assert.Equal(
            [SubscriptionTrigger.StartRenewal, SubscriptionTrigger.StartUpdate, SubscriptionTrigger.StartSwitch, SubscriptionTrigger.RequestStop, SubscriptionTrigger.RequestDeletion, SubscriptionTrigger.PaymentOverdue],
            s.PermittedTriggers());
        Assert.True(s.CanFire(SubscriptionTrigger.PaymentReceived));
        Assert.False(s.CanFire(SubscriptionTrigger.Resume));
    }

    [Fact]
    public void AccountClass_RejectsBadArguments()
    {
        Assert.Throws<ArgumentNullException>("name", () => new AccountClass(null!, OperationMode.Manual, OperationMode.Manual));
        Assert.Throws<ArgumentOutOfRangeException>("stopMode", () => new AccountClass("x", (OperationMode)5, OperationMode.Manual));
        Assert.Throws<ArgumentOutOfRangeException>("deleteMode", () => new AccountClass("x", OperationMode.Manual, (OperationMode)5));
    }
}
