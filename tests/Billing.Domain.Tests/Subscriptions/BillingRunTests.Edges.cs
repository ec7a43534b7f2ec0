using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Subscriptions;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Subscriptions;

// The edges of the billing run's planner: instants exactly at the run, activations that take days, billing days
// with trials and early orders, updates that change nothing.
public partial class BillingRunTests
{
    [Fact]
    public async Task AnActivationThatTakesDays_StartsTheCycleOnTheDayItBecameActive()
    {
        _h.Clock.Reset(On(3, 1));
        await _h.FundAsync("acc", 100m);
        await Subscriptions.OrderAsync("sub-1", "acc", "Seats", "pro", PaymentModel.Prepaid, "alice");
        await ChangeAsync((s, now) => s.StartActivation(now, "p"));
        _h.Clock.Reset(On(3, 4));
        await ChangeAsync((s, now) => s.CompleteActivation(now, "p"));

        await Run.RunAsync(On(3, 5));

        Assert.Equal(["sub-1/2026-03-04/Fee"], (await ChargesAsync()).Select(c => c.ChargeId));
    }

    [Fact]
    public async Task ChangesRecordedAtTheRunsInstant_AreBilledByIt()
    {
        _h.Clock.Reset(On(3, 10));
        _h.Clock.AutoAdvance = Duration.Zero;   // every change at exactly noon, the run's instant
        await ActivateAsync("sub-1", "pro", 200m);
        await Run.RunAsync(On(3, 10));
        _h.Clock.Reset(On(3, 25));
        await ChangeAsync((s, now) => s.SwitchPlan("max", now, "alice"));
        await ChangeAsync((s, now) => s.CompleteSwitch(now, "p"));

        var result = await Run.RunAsync(On(3, 25));

        Assert.Equal(2, result.ChargesMade);   // the credit and the new plan's charge
        Assert.Equal(["sub-1/2026-03-10/Fee", "sub-1/2026-03-10/Fee/credit-2026-03-25", "sub-1/2026-03-10/Fee/from-2026-03-25/terms-1"], (await ChargesAsync()).Select(c => c.ChargeId));
    }

    [Fact]
    public async Task ABillingDay_WithATrial_ChargesFromTheTrialsEnd_AndNothingBeforeTheActivation()
    {
        _billingDay = 1;
        _h.Clock.Reset(On(3, 2));
        await _h.FundAsync("acc", 100m);
        await Subscriptions.OrderAsync("sub-1", "acc", "Seats", "trial", PaymentModel.Prepaid, "alice");   // ordered on the 2nd, not in use yet
        _h.Clock.Reset(On(3, 10));
        await ChangeAsync((s, now) => s.StartActivation(now, "p"));
        await ChangeAsync((s, now) => s.CompleteActivation(now, "p"));

        await Run.RunAsync(On(4, 1));

        Assert.Equal(
            [("sub-1/2026-03-01/Fee/from-2026-03-24", new BillingPeriod(new LocalDate(2026, 3, 24), new LocalDate(2026, 4, 1))), ("sub-1/2026-04-01/Fee", BillingPeriod.OfMonth(new YearMonth(2026, 4)))],
            (await ChargesAsync()).Select(c => (c.ChargeId, c.Period)));   // 14 trial days from the 10th are free
    }

    [Fact]
    public async Task AnUpdateToTheSameQuantities_ChangesNoCharge()
    {
        _plans = _plans.With(new Plan("team", 1, Jan1, "Team", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
            [new Billing.Domain.Plans.PlanCharge("Seats", PlanChargeKind.Resource, new Billing.Domain.Pricing.PerUnitPrice(Dollars(5m)), defaultQuantity: 2m)]));
        await ChargedUntilTheChangeDayAsync("team", 100m);
        await ChangeAsync((s, now) => s.UpdateResources(new Dictionary<string, decimal> { ["Seats"] = 3m }, now, "alice"));
        await ChangeAsync((s, now) => s.CompleteUpdate(now, "p"));
        await Run.RunAsync(On(3, 26));
        _h.Clock.Reset(On(3, 28));
        await ChangeAsync((s, now) => s.UpdateResources(new Dictionary<string, decimal> { ["Seats"] = 3m }, now, "alice"));   // the same again
        await ChangeAsync((s, now) => s.CompleteUpdate(now, "p"));

        var again = await Run.RunAsync(On(3, 29));

        Assert.Equal(0, again.ChargesMade);
        Assert.Equal(3, (await ChargesAsync()).Count);   // March's 2 seats, their credit from the 25th, 3 seats from the 25th
    }

    [Fact]
    public async Task UsageMeteredAfterItsPeriod_DoesNotRenewThatPeriodAgain()
    {
        WithMeteredPlans();
        _meter.Quantity = 10m;
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "metered", 100m);

        var renewals = new List<int>();
        foreach (var month in new[] { 3, 4, 5 })
        {
            renewals.Add((await MeteredRun.RunAsync(On(month, 10))).Renewed);
        }

        Assert.Equal([0, 1, 1], renewals);   // April's and May's periods; April's usage, metered in May, renews nothing
    }
}
