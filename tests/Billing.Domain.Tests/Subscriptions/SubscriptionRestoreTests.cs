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

    [Fact]
    public void Terms_StartWithTheOrder_AndGrowWithEachCompletedSwitchAndUpdate()
    {
        var subscription = Active();
        var seats = new Dictionary<string, decimal> { ["Seats"] = 4m };
        subscription.SwitchPlan("max", At + Duration.FromDays(1), "alice");
        subscription.CompleteSwitch(At + Duration.FromDays(2), "p");
        subscription.UpdateResources(seats, At + Duration.FromDays(3), "alice");
        subscription.FailUpdate(At + Duration.FromDays(4), "p");   // a failed update starts no terms

        Assert.Equal([(At, "pro", 0), (At + Duration.FromDays(2), "max", 0)], subscription.Terms.Select(t => (t.From, t.Plan, t.Resources.Count)));
        subscription.Retry(At + Duration.FromDays(5), "p");
        subscription.CompleteUpdate(At + Duration.FromDays(6), "p");
        Assert.Equal((At + Duration.FromDays(6), "max", 4m), (subscription.Terms[^1].From, subscription.Terms[^1].Plan, subscription.Terms[^1].Resources["Seats"]));
        Assert.Equal(subscription.Terms.Count, subscription.Saved().Terms.Count);
        Assert.True(subscription.Terms[^1].SameAs(new SubscriptionTerms(At, "max", seats)));
        Assert.False(subscription.Terms[^1].SameAs(subscription.Terms[^2]));
    }

    [Fact]
    public void Restore_TermsThatGoBackOrDoNotEndOnThePlan_ThrowArgument()
    {
        SubscriptionTerms Terms(int day, string plan) => new(At + Duration.FromDays(day), plan, new Dictionary<string, decimal>());
        Subscription With(params SubscriptionTerms[] terms) =>
            Subscription.Restore("sub-1", "acc", "Seats", "pro", null, BillingType.Recurring, PaymentModel.Prepaid, At, "alice", [], 1, terms: terms);

        Assert.Equal(2, With(Terms(0, "basic"), Terms(3, "pro")).Terms.Count);
        Assert.Throws<ArgumentException>("terms", () => With());                                   // none
        Assert.Throws<ArgumentException>("terms", () => With(Terms(0, "basic")));                  // not the plan
        Assert.Throws<ArgumentException>("terms", () => With(Terms(3, "basic"), Terms(2, "pro")));   // back in time
        Assert.Throws<ArgumentException>("terms", () => With(Terms(-1, "pro")));                   // before the order
        Assert.Throws<ArgumentException>("terms", () => With(Terms(0, "pro"), null!));
    }
}
