using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Subscriptions;

/// <summary>Calls the subscription's intention method for a trigger, so that tests can walk the table through the aggregate.</summary>
internal static class SubscriptionDriver
{
    public static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);

    public static SubscriptionStatusChange? Apply(Subscription subscription, SubscriptionTrigger trigger, AccountClass accountClass, Instant at, string actor = "test") =>
        trigger switch
        {
            SubscriptionTrigger.StartInstallation => subscription.StartInstallation(at, actor),
            SubscriptionTrigger.CompleteInstallation => subscription.CompleteInstallation(at, actor),
            SubscriptionTrigger.FailInstallation => subscription.FailInstallation(at, actor, "disk full"),
            SubscriptionTrigger.StartActivation => subscription.StartActivation(at, actor),
            SubscriptionTrigger.CompleteActivation => subscription.CompleteActivation(at, actor),
            SubscriptionTrigger.FailActivation => subscription.FailActivation(at, actor),
            SubscriptionTrigger.StartRenewal => subscription.Renew(at, actor),
            SubscriptionTrigger.CompleteRenewal => subscription.CompleteRenewal(at, actor),
            SubscriptionTrigger.FailRenewal => subscription.FailRenewal(at, actor),
            SubscriptionTrigger.StartUpdate => subscription.UpdateResources(new Dictionary<string, decimal> { ["Seats"] = 2m }, at, actor),
            SubscriptionTrigger.CompleteUpdate => subscription.CompleteUpdate(at, actor),
            SubscriptionTrigger.FailUpdate => subscription.FailUpdate(at, actor),
            SubscriptionTrigger.StartSwitch => subscription.SwitchPlan(subscription.Plan + "+", at, actor),
            SubscriptionTrigger.CompleteSwitch => subscription.CompleteSwitch(at, actor),
            SubscriptionTrigger.FailSwitch => subscription.FailSwitch(at, actor),
            SubscriptionTrigger.RequestStop => subscription.Stop(accountClass, at, actor),
            SubscriptionTrigger.CompleteStop => subscription.CompleteStop(at, actor),
            SubscriptionTrigger.FailStop => subscription.FailStop(at, actor),
            SubscriptionTrigger.Resume => subscription.Resume(at, actor),
            SubscriptionTrigger.RequestDeletion => subscription.Delete(accountClass, at, actor),
            SubscriptionTrigger.CompleteDeletion => subscription.CompleteDeletion(at, actor),
            SubscriptionTrigger.FailDeletion => subscription.FailDeletion(at, actor),
            SubscriptionTrigger.Retry => subscription.Retry(at, actor),
            SubscriptionTrigger.PaymentOverdue => subscription.MarkPaymentOverdue(at, actor),
            SubscriptionTrigger.GracePeriodExpired => subscription.ExpireGracePeriod(accountClass, at, actor),
            SubscriptionTrigger.PaymentExpired => subscription.ExpirePayment(at, actor),
            SubscriptionTrigger.PaymentReceived => subscription.ReceivePayment(at, actor),
            SubscriptionTrigger.ApproveOperation => subscription.ApproveOperation(at, actor, "approved"),
            SubscriptionTrigger.DeclineOperation => subscription.DeclineOperation(at, actor, "declined"),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, null),
        };

    public static Subscription NewSubscription(BillingType billingType = BillingType.Recurring, PaymentModel paymentModel = PaymentModel.Prepaid) =>
        Subscription.Order("sub-1", "acc-1", "GPU box", "gpu-small", billingType, paymentModel, Start, "alice");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(SubscriptionStatus, BillingType, PaymentModel, AccountClass), List<SubscriptionTrigger>?> Paths = new();

    /// <summary>Returns a subscription walked into <paramref name="target"/> along the shortest path of triggers the table permits, or null when no path leads there.</summary>
    public static Subscription? TryInStatus(SubscriptionStatus target, BillingType billingType, PaymentModel paymentModel, AccountClass accountClass)
    {
        var path = Paths.GetOrAdd((target, billingType, paymentModel, accountClass), key => ShortestPath(key.Item1, key.Item2, key.Item3, key.Item4));
        return path is null ? null : Replay(path, billingType, paymentModel, accountClass);
    }

    /// <summary>Returns a subscription walked into <paramref name="target"/>; the status must be reachable.</summary>
    public static Subscription InStatus(SubscriptionStatus target, BillingType billingType = BillingType.Recurring, PaymentModel paymentModel = PaymentModel.Prepaid, AccountClass? accountClass = null) =>
        TryInStatus(target, billingType, paymentModel, accountClass ?? AccountClass.Automatic)
            ?? throw new InvalidOperationException($"{target} is not reachable for {billingType}/{paymentModel}/{accountClass?.Name}.");

    private static List<SubscriptionTrigger>? ShortestPath(SubscriptionStatus target, BillingType billingType, PaymentModel paymentModel, AccountClass accountClass)
    {
        var queue = new Queue<(Subscription Subscription, List<SubscriptionTrigger> Path)>();
        var seen = new HashSet<(SubscriptionStatus, ManualOperation?, SubscriptionStatus?)>();
        queue.Enqueue((NewSubscription(billingType, paymentModel), []));
        while (queue.Count > 0)
        {
            var (current, path) = queue.Dequeue();
            if (current.Status == target)
            {
                return path;
            }

            foreach (var trigger in current.PermittedTriggers(accountClass))
            {
                var next = Replay([.. path, trigger], billingType, paymentModel, accountClass);
                if (seen.Add((next.Status, next.PendingOperation, next.StatusBeforeApproval)))
                {
                    queue.Enqueue((next, [.. path, trigger]));
                }
            }
        }

        return null;
    }

    private static Subscription Replay(List<SubscriptionTrigger> path, BillingType billingType, PaymentModel paymentModel, AccountClass accountClass)
    {
        var subscription = NewSubscription(billingType, paymentModel);
        var at = Start;
        foreach (var trigger in path)
        {
            at += Duration.FromMinutes(1);
            Apply(subscription, trigger, accountClass, at);
        }

        return subscription;
    }
}
