using Billing.Domain.Events;
using Billing.Domain.Plans;
using Billing.Domain.Subscriptions;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Subscriptions;

public partial class BillingRunTests
{
    [Fact]
    public async Task TheLifecycleAndTheRun_WriteTheirEvents_EachTransitionAndChargeOnce()
    {
        _class = AccountClass.Automatic with { GracePeriod = Duration.FromDays(60) };
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 10m);
        await Run.RunAsync(On(3, 10));   // 24.20 exceeds 10.00: the charge stays open, the subscription graced
        await Run.RunAsync(On(3, 10));   // again: nothing new

        var events = new List<BillingEvent>();
        for (var next = await _h.Store.NextAsync(Instant.MaxValue, 10); next.Count > 0; next = await _h.Store.NextAsync(Instant.MaxValue, 10))
        {
            events.Add(next[0].Event);
            await _h.Store.MarkDeliveredAsync(next[0].Sequence, On(3, 10));
        }

        var subscription = events.OfType<SubscriptionStatusChanged>().ToList();
        Assert.Equal(
            [(SubscriptionStatus.Ordered, SubscriptionStatus.Activating), (SubscriptionStatus.Activating, SubscriptionStatus.Active), (SubscriptionStatus.Active, SubscriptionStatus.Graced)],
            subscription.Select(e => (e.From, e.To)));
        Assert.Equal([1, 2, 3], subscription.Select(e => e.Position));
        var charge = Assert.Single(events.OfType<ChargeMade>());
        Assert.Equal(("sub-1/2026-03-10/Fee", "sub-1", Dollars(24.20m)), (charge.ChargeId, charge.SubscriptionId, charge.Amount));
        var grace = Assert.Single(events.OfType<GracePeriodStarted>());
        Assert.Equal(("sub-1", 3), (grace.SubscriptionId, grace.Position));
        Assert.Equal(events.Count, events.Select(e => e.EventId).Distinct().Count());
    }
}
