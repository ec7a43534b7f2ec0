using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionRestoreTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);

    private static Subscription Active()
    {
        var subscription = Subscription.Order("sub-1", "acc", "Seats", "pro", BillingType.Recurring, PaymentModel.Prepaid, At, "alice");
        subscription.StartActivation(At, "p");
        subscription.CompleteActivation(At + Duration.FromHours(1), "p");
        return subscription;
    }

    private static Subscription Restore(IReadOnlyList<SubscriptionStatusChange> history, string? pendingPlan = null, long version = 1) =>
        Subscription.Restore("sub-1", "acc", "Seats", "pro", pendingPlan, BillingType.Recurring, PaymentModel.Prepaid, At, "alice", history, version);

    [Fact]
    public void Saved_CopiesEverything_WithTheNextVersion()
    {
        var subscription = Active();
        subscription.Stop(new AccountClass("M", OperationMode.Manual, OperationMode.Manual), At + Duration.FromDays(1), "bob", "why");

        var saved = subscription.Saved();
        var again = saved.Saved();

        Assert.Equal((0L, 1L, 2L), (subscription.Version, saved.Version, again.Version));
        Assert.Equal(subscription.History, again.History);
        Assert.Equal((ManualOperation.Stop, SubscriptionStatus.Active, SubscriptionStatus.WaitingForManualApprove), (again.PendingOperation, again.StatusBeforeApproval, again.Status));
        saved.DeclineOperation(At + Duration.FromDays(2), "manager");
        Assert.Equal(3, subscription.History.Count);   // the copy shares no history with the original
        Assert.Equal((null, null), (saved.PendingOperation, saved.StatusBeforeApproval));
    }

    [Fact]
    public void Restore_EmptyHistory_IsOrdered()
    {
        var restored = Restore([], "basic", 4);

        Assert.Equal((SubscriptionStatus.Ordered, "basic", 4L), (restored.Status, restored.PendingPlan, restored.Version));
    }

    [Fact]
    public void Restore_AHistoryThatDoesNotChain_ThrowsArgument()
    {
        var history = Active().History;
        var early = history[1] with { };
        var gap = new SubscriptionStatusChange(SubscriptionStatus.Installing, SubscriptionStatus.Activating, SubscriptionTrigger.CompleteInstallation, At, "p", null);

        Assert.Throws<ArgumentException>("history", () => Restore([history[1]]));                                        // not from Ordered
        Assert.Throws<ArgumentException>("history", () => Restore([history[0], gap]));                                   // Activating, then from Installing
        Assert.Throws<ArgumentException>("history", () => Restore([history[0] with { At = At + Duration.FromDays(1) }, early]));   // back in time
        Assert.Throws<ArgumentException>("history", () => Restore([history[0], null!]));
        Assert.Throws<ArgumentNullException>("history", () => Restore(null!));
    }

    [Fact]
    public void Restore_BadPendingPlanOrVersion_Throws()
    {
        Assert.Throws<ArgumentException>("pendingPlan", () => Restore([], "pro"));
        Assert.Throws<ArgumentException>("pendingPlan", () => Restore([], " "));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => Restore([], version: 0));
    }

    [Fact]
    public void Query_MatchesEveryFilter()
    {
        var subscription = Active();

        Assert.True(new SubscriptionQuery().Matches(subscription));
        Assert.True(new SubscriptionQuery { AccountId = "acc", Status = SubscriptionStatus.Active, Plan = "pro" }.Matches(subscription));
        Assert.False(new SubscriptionQuery { AccountId = "ACC" }.Matches(subscription));
        Assert.False(new SubscriptionQuery { Status = SubscriptionStatus.Ordered }.Matches(subscription));
        Assert.False(new SubscriptionQuery { Plan = "basic" }.Matches(subscription));
        Assert.Throws<ArgumentNullException>("subscription", () => new SubscriptionQuery().Matches(null!));
        Assert.Throws<ArgumentNullException>("subscriptions", () => new SubscriptionQuery().Apply(null!));
    }
}
