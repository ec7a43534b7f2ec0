using Billing.Domain.Lifecycles;
using Billing.Domain.Subscriptions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionProperties
{
    private static readonly AccountClass[] Classes =
    [
        AccountClass.Automatic,
        new("Manual", OperationMode.Manual, OperationMode.Manual),
        new("Manual stop", OperationMode.Manual, OperationMode.Automatic),
    ];

    private static Arbitrary<(BillingType, PaymentModel)> Kinds =>
        Arb.From(
            from billingType in Gen.Elements(Enum.GetValues<BillingType>())
            from paymentModel in Gen.Elements(Enum.GetValues<PaymentModel>())
            select (billingType, paymentModel));

    private static Arbitrary<(SubscriptionTrigger Trigger, int Class)[]> Commands =>
        Arb.From(
            Gen.ArrayOf(
                from trigger in Gen.Elements(Enum.GetValues<SubscriptionTrigger>())
                from accountClass in Gen.Choose(0, Classes.Length - 1)
                select (trigger, accountClass)),
            commands => Enumerable.Range(0, commands.Length).Select(skip => commands.Where((_, i) => i != skip).ToArray()));

    [Property(MaxTest = Laws.Cases)]
    public Property AnyCommandSequence_StaysInsideTheTable_AndARefusedCommandChangesNothing() =>
        Prop.ForAll(Kinds, Commands, (kind, commands) =>
        {
            var subscription = SubscriptionDriver.NewSubscription(kind.Item1, kind.Item2);
            var at = SubscriptionDriver.Start;
            var accepted = 0;
            foreach (var (trigger, classIndex) in commands)
            {
                at += Duration.FromMinutes(1);
                var accountClass = Classes[classIndex];
                var before = Snapshot(subscription);
                var context = new SubscriptionContext(kind.Item1, kind.Item2, accountClass.StopMode, accountClass.DeleteMode, subscription.PendingOperation, subscription.StatusBeforeApproval);
                var permitted = SubscriptionLifecycle.Machine.CanFire(subscription.Status, trigger, context);
                try
                {
                    if (SubscriptionDriver.Apply(subscription, trigger, accountClass, at) is not null)
                    {
                        accepted++;
                    }

                    if (!permitted || subscription.Status != SubscriptionLifecycle.Machine.Fire(before.Status, trigger, context).Destination)
                    {
                        return false;
                    }
                }
                catch (TransitionRefusedException)
                {
                    if (permitted || before != Snapshot(subscription))
                    {
                        return false;
                    }
                }

                if (!Holds(subscription, before, accepted))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property AnyWalkAlongPermittedTriggers_KeepsEveryLaw() =>
        Prop.ForAll(Kinds, Commands, (kind, choices) =>
        {
            var subscription = SubscriptionDriver.NewSubscription(kind.Item1, kind.Item2);
            var at = SubscriptionDriver.Start;
            var accepted = 0;
            foreach (var (choice, classIndex) in choices)
            {
                var accountClass = Classes[classIndex];
                var permitted = subscription.PermittedTriggers(accountClass);
                if (permitted.Count == 0)
                {
                    return subscription.Status == SubscriptionStatus.Deleted;
                }

                at += Duration.FromMinutes(1);
                var before = Snapshot(subscription);
                SubscriptionDriver.Apply(subscription, permitted[(int)choice % permitted.Count], accountClass, at);
                accepted++;
                if (!Holds(subscription, before, accepted))
                {
                    return false;
                }
            }

            return true;
        });

    private static (SubscriptionStatus Status, int History, ManualOperation? Pending, SubscriptionStatus? Before, string Plan) Snapshot(Subscription s) =>
        (s.Status, s.History.Count, s.PendingOperation, s.StatusBeforeApproval, s.Plan);

    // The laws of one step: inside the 22 statuses; history = accepted transitions, chained; Deleted is
    // terminal; manual approval ends in the pending operation or back where it started.
    private static bool Holds(Subscription s, (SubscriptionStatus Status, int History, ManualOperation? Pending, SubscriptionStatus? Before, string Plan) before, int accepted)
    {
        var waiting = s.Status == SubscriptionStatus.WaitingForManualApprove;
        var leftApproval = before.Status == SubscriptionStatus.WaitingForManualApprove && !waiting;
        var approvalEndedWell = !leftApproval
            || (before.Pending == ManualOperation.Stop && s.Status == SubscriptionStatus.Stopping)
            || (before.Pending == ManualOperation.Delete && s.Status == SubscriptionStatus.Deleting)
            || s.Status == before.Before;
        return SubscriptionStatus.List.Contains(s.Status)
            && s.History.Count == accepted
            && (s.History.Count == 0 ? s.Status == SubscriptionStatus.Ordered : s.History[0].From == SubscriptionStatus.Ordered && s.History[^1].To == s.Status)
            && s.History.Zip(s.History.Skip(1)).All(pair => pair.First.To == pair.Second.From)
            && (before.Status != SubscriptionStatus.Deleted || s.Status == SubscriptionStatus.Deleted)
            && waiting == s.PendingOperation.HasValue
            && waiting == (s.StatusBeforeApproval is not null)
            && approvalEndedWell;
    }
}
