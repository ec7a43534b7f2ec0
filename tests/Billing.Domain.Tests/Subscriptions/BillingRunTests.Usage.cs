using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Subscriptions;

// Usage charges: metered by the host once a period has ended, always in arrears.
public partial class BillingRunTests
{
    private readonly Meter _meter = new();

    private static readonly PlanCharge Calls = new(
        "Calls", PlanChargeKind.Usage, new GraduatedPrice([new PriceTier(1_000m, Dollars(0m)), new PriceTier(null, Dollars(0.01m))]));

    private BillingRun MeteredRun => new(_store, _plans, new ChargeEngine(ChargePolicy.PerLine), DateTimeZone.Utc, _h.Clock, usage: _meter);

    private void WithMeteredPlans() =>
        _plans = _plans
            .With(new Plan("metered", 1, Jan1, "API", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
                [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(Dollars(10m))), Calls], taxes: [Vat]))
            .With(new Plan("payg", 1, Jan1, "PAYG", BillingType.PayAsYouGoExternal, BillingInterval.Monthly, BillingMode.InArrears, [Calls], taxes: [Vat]));

    [Fact]
    public async Task AUsageCharge_IsMeteredOnceThePeriodEnded_OverItsDays_AndOnlyOnce()
    {
        WithMeteredPlans();
        _meter.Quantity = 2_500m;
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "metered", 100m);

        await MeteredRun.RunAsync(On(3, 10));
        var beforeTheEnd = _meter.Asked.Count;
        await MeteredRun.RunAsync(On(4, 10));
        await MeteredRun.RunAsync(On(4, 11));

        Assert.Equal(0, beforeTheEnd);
        Assert.Equal([("sub-1", "Calls", new InstantRange(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 4, 10, 0, 0)))], _meter.Asked);
        var usage = (await ChargesAsync()).Single(c => c.ChargeName == "Calls");
        Assert.Equal(("sub-1/2026-03-10/Calls", 2_500m, 18.15m, 1m, SubscriptionChargeStatus.Closed), (usage.ChargeId, usage.Line.Quantity, usage.Amount.Amount, usage.Line.DurationMonths, usage.Status));   // 1,500 x 0.01 + 21 % VAT
        Assert.Equal(3, (await ChargesAsync()).Count);   // March's fee, March's calls, April's fee
    }

    [Fact]
    public async Task APayAsYouGoExternalPlan_ChargesItsUsage_WithNoDuration()
    {
        WithMeteredPlans();
        _meter.Quantity = 1_200.5m;
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "payg", 100m);

        await MeteredRun.RunAsync(On(4, 10));

        var usage = Assert.Single(await ChargesAsync());
        Assert.Equal(("PAYG Calls", 1_200.5m, (decimal?)null, 2.43m), (usage.Line.Description, usage.Line.Quantity, usage.Line.DurationMonths, usage.Amount.Amount));   // 200.5 x 0.01 = 2.01 + 0.42 VAT
    }

    [Fact]
    public async Task PlansThatChargeUsage_WithoutAMeter_OrAMeterAnsweringNonsense_AreRefused_AndWriteNothing()
    {
        WithMeteredPlans();
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "payg", 100m);
        _meter.Quantity = -1m;

        Assert.Throws<ArgumentException>("usage", () => Run);
        Assert.Equal("pricing.negative_quantity", (await Assert.ThrowsAsync<NegativeQuantityException>(() => MeteredRun.RunAsync(On(4, 10)))).Code);   // the plan's price refuses it
        _meter.Quantity = 1.2345m;
        await Assert.ThrowsAsync<ArgumentException>(() => MeteredRun.RunAsync(On(4, 10)));

        Assert.Empty(await ChargesAsync());
    }

    [Fact]
    public async Task APayAsYouGoPlanTheCatalogLacks_IsNotRenewed_AndTheRunGoesOn()
    {
        WithMeteredPlans();
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "payg", 100m);
        _plans = PlanCatalog.Empty.With(Plan("pro", BillingMode.InAdvance, 20m));

        var result = await MeteredRun.RunAsync(On(4, 10));

        Assert.Equal((0, 0), (result.RenewalsFailed, result.ChargesMade));   // a pay as you go plan does not renew, so it cannot fail to
        Assert.Equal(SubscriptionStatus.Active, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);
    }

    private sealed class Meter : IUsageMeter
    {
        public decimal Quantity { get; set; }

        public List<(string, string, InstantRange)> Asked { get; } = [];

        public Task<decimal> UsageAsync(string subscriptionId, string chargeName, InstantRange during, CancellationToken cancellationToken = default)
        {
            Asked.Add((subscriptionId, chargeName, during));
            return Task.FromResult(Quantity);
        }
    }
}
