using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionResourcesTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);

    private static Subscription Active()
    {
        var subscription = Subscription.Order("sub-1", "acc", "Seats", "pro", BillingType.Recurring, PaymentModel.Prepaid, At, "alice");
        subscription.StartActivation(At, "p");
        subscription.CompleteActivation(At, "p");
        return subscription;
    }

    private static Dictionary<string, decimal> Q(params (string Name, decimal Quantity)[] quantities) => quantities.ToDictionary(q => q.Name, q => q.Quantity, StringComparer.Ordinal);

    [Fact]
    public void AnUpdate_AppliesItsQuantitiesWhenItCompletes_KeepingResourcesItDoesNotName()
    {
        var subscription = Active();
        subscription.UpdateResources(Q(("Seats", 5m), ("GB", 10m)), At, "alice");
        subscription.CompleteUpdate(At, "p");

        subscription.UpdateResources(Q(("Seats", 7m)), At, "alice");

        Assert.Equal([("GB", 10m), ("Seats", 5m)], subscription.Resources.Select(p => (p.Key, p.Value)));
        Assert.Equal([("GB", 10m), ("Seats", 7m)], subscription.PendingResources!.Select(p => (p.Key, p.Value)));
        subscription.FailUpdate(At, "p", "quota");
        Assert.Equal(7m, subscription.PendingResources!["Seats"]);      // kept for the retry
        subscription.Retry(At, "ops");
        subscription.CompleteUpdate(At, "p");
        Assert.Equal(7m, subscription.Resources["Seats"]);
        Assert.Null(subscription.PendingResources);
    }

    [Fact]
    public void BadQuantities_ThrowArgument_AndChangeNothing()
    {
        var subscription = Active();

        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => subscription.UpdateResources(Q(("Seats", -1m)), At, "alice"));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => subscription.UpdateResources(Q(("Seats", 1.0001m)), At, "alice"));
        Assert.Throws<ArgumentException>("quantities", () => subscription.UpdateResources(Q((" ", 1m)), At, "alice"));
        Assert.Throws<ArgumentNullException>("quantities", () => subscription.UpdateResources(null!, At, "alice"));

        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Null(subscription.PendingResources);
        Assert.Empty(subscription.Resources);
    }

    [Fact]
    public void ARefusedUpdate_LeavesNoPendingQuantities()
    {
        var subscription = Subscription.Order("sub-1", "acc", "Seats", "pro", BillingType.Recurring, PaymentModel.Prepaid, At, "alice");

        Assert.Throws<Billing.Domain.Lifecycles.TransitionRefusedException>(() => subscription.UpdateResources(Q(("Seats", 2m)), At, "alice"));

        Assert.Null(subscription.PendingResources);
    }

    [Fact]
    public void Restore_KeepsResources_AndChecksThem()
    {
        var restored = Subscription.Restore("sub-1", "acc", "S", "pro", null, BillingType.Recurring, PaymentModel.Prepaid, At, "alice", [], 1, Q(("Seats", 2.50m)), Q(("Seats", 3m)));

        Assert.Equal(2.50m, restored.Saved().Resources["Seats"]);
        Assert.Equal(3m, restored.Saved().PendingResources!["Seats"]);
        Assert.Throws<ArgumentOutOfRangeException>("resources", () =>
            Subscription.Restore("sub-1", "acc", "S", "pro", null, BillingType.Recurring, PaymentModel.Prepaid, At, "alice", [], 1, Q(("Seats", -2m))));
    }
}
