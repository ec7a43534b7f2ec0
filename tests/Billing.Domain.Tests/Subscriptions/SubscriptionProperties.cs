using Billing.Domain.StateMachines;
using Billing.Domain.Subscriptions;
using FsCheck;
using FsCheck.Fluent;

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

    [Fact]
    public void AnyCommandSequence_StaysInsideTheTable_AndARefusedCommandChangesNothing() =>
        Check.One(Laws.Config, Prop.ForAll(Kinds, Commands, (kind, commands) =>
        {
            var subscription = SubscriptionDriver.NewSubscription(kind.Item1, kind.Item2);
            var at = SubscriptionDriver.Start;
            foreach (var (trigger, classIndex) in commands)
            {
                at += Duration.FromMinutes(1);
                var accountClass = Classes[classIndex];
                var before = (subscription.Status, subscription.History.Count, subscription.PendingOperation, subscription.StatusBeforeApproval, subscription.Plan);
                var context = new SubscriptionContext(kind.Item1, kind.Item2, accountClass.StopMode, accountClass.DeleteMode, subscription.PendingOperation, subscription.StatusBeforeApproval);
                var permitted = SubscriptionLifecycle.Machine.CanFire(subscription.Status, trigger, context);
                try
                {
                    SubscriptionDriver.Apply(subscription, trigger, accountClass, at);
                    if (!permitted || subscription.Status != SubscriptionLifecycle.Machine.Fire(before.Status, trigger, context).Destination)
                    {
                        return false;
                    }
                }
                catch (TransitionRefusedException)
                {
                    if (permitted || before != (subscription.Status, subscription.History.Count, subscription.PendingOperation, subscription.StatusBeforeApproval, subscription.Plan))
                    {
                        return false;
                    }
                }

                var waiting = subscription.Status == SubscriptionStatus.WaitingForManualApprove;
                if (waiting != subscription.PendingOperation.HasValue || waiting != (subscription.StatusBeforeApproval is not null))
                {
                    return false;
                }
            }

            return subscription.History.Zip(subscription.History.Skip(1)).All(pair => pair.First.To == pair.Second.From)
                && (subscription.History.Count == 0
                    ? subscription.Status == SubscriptionStatus.Ordered
                    : subscription.History[0].From == SubscriptionStatus.Ordered && subscription.History[^1].To == subscription.Status);
        }));
}
