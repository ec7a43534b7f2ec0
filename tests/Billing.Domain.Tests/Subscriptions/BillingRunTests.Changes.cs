using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.Payments;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Subscriptions;

// Changes in the middle of a period: the period 2026-03-10 to 2026-04-10 has 31 days; a change on 03-25 leaves 16.
public partial class BillingRunTests
{
    private static readonly BillingPeriod FirstPeriod = new(new LocalDate(2026, 3, 10), new LocalDate(2026, 4, 10));

    private Task<(Subscription Subscription, SubscriptionStatusChange? Change)> ChangeAsync(Func<Subscription, Instant, SubscriptionStatusChange?> change) => Subscriptions.ChangeAsync("acc", "sub-1", change);

    // Activates sub-1 on 03-10, has the first period charged, and sets the clock to the change day, 03-25.
    private async Task ChargedUntilTheChangeDayAsync(string plan, decimal funds)
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", plan, funds);
        await Run.RunAsync(On(3, 10));
        _h.Clock.Reset(On(3, 25));
    }

    private async Task StopAsync()
    {
        await ChangeAsync((s, now) => s.Stop(AccountClass.Automatic, now, "alice"));
        await ChangeAsync((s, now) => s.CompleteStop(now, "p"));
    }

    private async Task ResumeAsync()
    {
        await ChangeAsync((s, now) => s.Resume(now, "alice"));
        await ChangeAsync((s, now) => s.CompleteActivation(now, "p"));
    }

    private async Task TopUpAsync(string orderId, decimal amount)
    {
        var order = await _h.TopUps.CreateAsync(orderId, "acc", Dollars(amount), Dollars(amount), "card");
        _h.Gateway.Script(order.OrderId, PaymentScript.SucceedAtOnce());
        await _h.TopUps.StartPaymentAsync(order.OrderId);
    }

    private async Task AssertLedgerMatchesChargesAsync(decimal funds)
    {
        var charged = (await ChargesAsync()).Where(c => c.Status == SubscriptionChargeStatus.Closed).Aggregate(Dollars(0m), (sum, c) => sum + c.Amount);
        Assert.Equal(Dollars(funds) - charged, (await _h.Store.FindAccountAsync("acc"))!.Balance);
        Assert.Equal(Dollars(funds) - charged, await _h.SumOfEntriesAsync("acc"));
    }

    [Fact]
    public async Task ASwitchMidPeriod_CreditsTheOldPlansUnusedDays_AndChargesTheNewPlanFromTheSwitchDay()
    {
        await ChargedUntilTheChangeDayAsync("pro", 200m);
        await ChangeAsync((s, now) => s.SwitchPlan("max", now, "alice"));
        await ChangeAsync((s, now) => s.CompleteSwitch(now, "p"));

        var result = await Run.RunAsync(On(3, 25) + Duration.FromHours(1));
        await Run.RunAsync(On(4, 10));

        Assert.Equal((2, 2), (result.ChargesMade, result.ChargesPaid));
        var charges = await ChargesAsync();
        Assert.Equal(
            [
                ("sub-1/2026-03-10/Fee", "pro", 24.20m, 10, 3),
                ("sub-1/2026-03-10/Fee/credit-2026-03-25", "pro", -12.49m, 25, 3),        // 20.00 x 16/31 = 10.32 + 2.17 VAT
                ("sub-1/2026-03-10/Fee/from-2026-03-25/terms-1", "max", 31.23m, 25, 3),   // 50.00 x 16/31 = 25.81 + 5.42 VAT: the switch day is the new plan's
                ("sub-1/2026-04-10/Fee/terms-1", "max", 60.50m, 10, 4),
            ],
            charges.Select(c => (c.ChargeId, c.Plan, c.Amount.Amount, c.Period.Start.Day, c.Period.Start.Month)));
        Assert.Equal("sub-1/2026-03-10/Fee", charges[1].Credits);
        Assert.Equal(("Credit: Pro Fee, 2026-03-25 to 2026-04-09", "Pro Fee, 2026-03-25 to 2026-04-09"), (charges[1].Line.Description, charges[2].Line.Description));
        Assert.Equal((-10.32m, -2.17m, 0.516m), (charges[1].Line.Net.Amount, charges[1].Line.Taxes.Amount, charges[1].Line.DurationMonths));
        Assert.All(charges, c => Assert.Equal(SubscriptionChargeStatus.Closed, c.Status));
        var credit = await _h.Store.FindEntryAsync("acc", "credit:sub-1/2026-03-10/Fee/credit-2026-03-25");
        Assert.Equal((LedgerEntryKind.SubscriptionChargeCredit, Dollars(12.49m)), (credit!.Kind, credit.Amount));
        await AssertLedgerMatchesChargesAsync(200m);
        Assert.Equal(0, (await Run.RunAsync(On(4, 10))).ChargesMade);
    }

    [Fact]
    public async Task AResourceUpdateMidPeriod_CreditsTheOldQuantity_AndChargesTheNewOne_Prorated()
    {
        _plans = _plans.With(new Plan("team", 1, Jan1, "Team", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
            [new PlanCharge("Seats", PlanChargeKind.Resource, new PerUnitPrice(Dollars(5m)), defaultQuantity: 2m)]));
        await ChargedUntilTheChangeDayAsync("team", 100m);
        await ChangeAsync((s, now) => s.UpdateResources(new Dictionary<string, decimal> { ["Seats"] = 3.5m }, now, "alice"));
        await ChangeAsync((s, now) => s.CompleteUpdate(now, "p"));

        await Run.RunAsync(On(4, 10));

        var charges = await ChargesAsync();
        Assert.Equal([2m, 2m, 3.5m, 3.5m], charges.Select(c => c.Line.Quantity));
        Assert.Equal([10.00m, -5.16m, 9.03m, 17.50m], charges.Select(c => c.Amount.Amount));   // 10 x 16/31 = 5.16; 17.50 x 16/31 = 9.03 (no tax on this plan)
        await AssertLedgerMatchesChargesAsync(100m);
    }

    [Theory]
    [InlineData(4, 30, 12.49)]   // the trial credit is still spendable: the unused part comes back to it
    [InlineData(3, 20, 0)]       // it expired before the stop: what comes back to it expires with it
    public async Task AStop_GivesTheUnusedPartBackToTheGrantsTheChargeDrewFrom(int expiryMonth, int expiryDay, decimal trialAfter)
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await _h.FundAsync("acc", 100m);
        var trial = new Billing.Domain.Grants.GrantTerms(Billing.Domain.Grants.CreditSource.Trial, On(3, 1), On(expiryMonth, expiryDay), priority: 0);
        await _h.Grants.GrantAsync("acc", "trial", Dollars(30m), trial, "Trial credit");
        await ActivateAsync("sub-1", "pro", 100m);
        await Run.RunAsync(On(3, 10));                                              // 24.20 from the trial credit
        _h.Clock.Reset(On(3, 25));
        await StopAsync();

        var result = await Run.RunAsync(On(3, 26));
        var credit = await _h.Store.FindEntryAsync("acc", "credit:sub-1/2026-03-10/Fee/credit-2026-03-25");
        var account = (await _h.Store.FindAccountAsync("acc"))!;

        Assert.Equal([("grant:trial", 12.49m)], credit!.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Equal(trialAfter == 0m ? 2 : 0, result.GrantsExpired);   // the 5.80 left at its expiry, then the 12.49 given back after it
        Assert.Equal(
            trialAfter == 0m ? [(-5.80m, On(3, 20)), (-12.49m, On(3, 26))] : Array.Empty<(decimal, Instant)>(),
            (await _h.Store.ListEntriesAsync("acc", default, Billing.Domain.Storage.PageRequest.First)).Items.Where(e => e.Kind == LedgerEntryKind.GrantExpiry).Select(e => (e.Amount.Amount, e.RecordedAt)));
        Assert.Equal(trialAfter == 0m ? [] : [("grant:trial", 30m - 24.20m + trialAfter)], account.Grants.Where(g => g.GrantId == "grant:trial").Select(g => (g.GrantId, g.Remaining.Amount)));
        Assert.Equal(Dollars(100m), account.Grants.Single(g => g.GrantId == "topup:ord-acc-100").Remaining);
        Assert.Equal(await _h.SumOfEntriesAsync("acc"), account.Balance);
    }

    [Fact]
    public async Task AStop_CreditsFromTheDayItStopped_NothingIsChargedWhileStopped_AndAResumeIsChargedFromItsDay()
    {
        await ChargedUntilTheChangeDayAsync("pro", 100m);
        await StopAsync();

        await Run.RunAsync(On(3, 26));
        var whileStopped = await Run.RunAsync(On(5, 10));
        _h.Clock.Reset(On(5, 20));
        await ResumeAsync();
        await Run.RunAsync(On(5, 21));

        Assert.Equal(0, whileStopped.ChargesMade);
        Assert.Equal(
            [
                ("sub-1/2026-03-10/Fee", 24.20m),
                ("sub-1/2026-03-10/Fee/credit-2026-03-25", -12.49m),
                ("sub-1/2026-05-10/Fee/from-2026-05-20", 24.59m),   // version 2 (30.00) x 21/31 = 20.32 + 4.27 VAT; the cycle keeps its day
            ],
            (await ChargesAsync()).Select(c => (c.ChargeId, c.Amount.Amount)));
        await AssertLedgerMatchesChargesAsync(100m);
    }

    [Fact]
    public async Task ADeletion_CreditsTheUnusedDays_AndADeletedSubscriptionIsNeverChargedAgain()
    {
        await ChargedUntilTheChangeDayAsync("pro", 100m);
        await ChangeAsync((s, now) => s.Delete(AccountClass.Automatic, now, "alice"));
        await ChangeAsync((s, now) => s.CompleteDeletion(now, "p"));

        await Run.RunAsync(On(3, 26));
        var deleted = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        var refused = await Assert.ThrowsAsync<Billing.Domain.Lifecycles.TransitionRefusedException>(
            () => ChangeAsync((s, now) => s.UpdateResources(new Dictionary<string, decimal>(), now, "alice")));
        var later = await Run.RunAsync(On(9, 10));

        Assert.Equal("subscription.transition_refused", refused.Code);
        Assert.Equal(deleted.Version, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Version);   // nothing written
        Assert.Equal(0, later.ChargesMade);
        Assert.Equal([24.20m, -12.49m], (await ChargesAsync()).Select(c => c.Amount.Amount));
        await AssertLedgerMatchesChargesAsync(100m);
    }

    [Fact]
    public async Task AStopUndoneOnItsDay_TwiceOver_LeavesThePeriodChargedOnce()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        await Run.RunAsync(On(3, 10));
        Instant Hour(int hour) => Instant.FromUtc(2026, 3, 25, hour, 0);
        foreach (var hour in new[] { 9, 13 })
        {
            _h.Clock.Reset(Hour(hour));
            await StopAsync();
            await Run.RunAsync(Hour(hour + 1));
            _h.Clock.Reset(Hour(hour + 2));
            await ResumeAsync();
            await Run.RunAsync(Hour(hour + 3));
        }

        var charges = await ChargesAsync();
        Assert.Equal(
            [
                "sub-1/2026-03-10/Fee", "sub-1/2026-03-10/Fee/credit-2026-03-25", "sub-1/2026-03-10/Fee/from-2026-03-25",
                "sub-1/2026-03-10/Fee/from-2026-03-25/2", "sub-1/2026-03-10/Fee/from-2026-03-25/credit-2026-03-25",
            ],
            charges.Select(c => c.ChargeId));
        Assert.Equal(Dollars(24.20m), charges.Aggregate(Dollars(0m), (sum, c) => sum + c.Amount));
        await AssertLedgerMatchesChargesAsync(100m);
    }

    [Fact]
    public async Task ACreditOfAnUnpaidCharge_StaysOpen_AndIsSettledWithItsCharge()
    {
        _class = AccountClass.Automatic with { GracePeriod = Duration.FromDays(60) };
        await ChargedUntilTheChangeDayAsync("pro", 1m);
        await StopAsync();
        var credited = await Run.RunAsync(On(3, 26));

        Assert.Equal((1, 0), (credited.ChargesMade, credited.ChargesPaid));   // the credit of an open charge is made open, not paid
        Assert.All(await ChargesAsync(), c => Assert.Equal(SubscriptionChargeStatus.Open, c.Status));
        Assert.Equal(Dollars(1m), (await _h.Store.FindAccountAsync("acc"))!.Balance);

        await TopUpAsync("ord-2", 11m);   // 12.00: enough for what is owed, 24.20 - 12.49 = 11.71, not for the charge alone
        var settled = await Run.RunAsync(On(3, 27));

        Assert.Equal(1, settled.ChargesPaid);
        Assert.All(await ChargesAsync(), c => Assert.Equal(SubscriptionChargeStatus.Closed, c.Status));
        var entry = await _h.Store.FindEntryAsync("acc", "charge:sub-1/2026-03-10/Fee");
        Assert.Equal(Dollars(-11.71m), entry!.Amount);
        await AssertLedgerMatchesChargesAsync(12m);
    }

    [Fact]
    public async Task InArrears_ASwitchMidPeriod_ChargesEachPlanForItsDays()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "late", 100m);
        _h.Clock.Reset(On(3, 25));
        await ChangeAsync((s, now) => s.SwitchPlan("late-max", now, "alice"));
        await ChangeAsync((s, now) => s.CompleteSwitch(now, "p"));

        await Run.RunAsync(On(4, 10));

        Assert.Equal(
            [
                ("sub-1/2026-03-10/Fee", new BillingPeriod(FirstPeriod.Start, new LocalDate(2026, 3, 25)), 11.71m),             // 20.00 x 15/31 = 9.68 + 2.03 VAT
                ("sub-1/2026-03-10/Fee/from-2026-03-25/terms-1", new BillingPeriod(new LocalDate(2026, 3, 25), FirstPeriod.End), 31.23m),
            ],
            (await ChargesAsync()).Select(c => (c.ChargeId, c.Period, c.Amount.Amount)));
    }

    [Fact]
    public async Task ANonRecurringPlan_IsChargedOnceWhenDelivered_AndNeverCredited()
    {
        _plans = _plans.With(new Plan("setup", 1, Jan1, "Setup", BillingType.NonRecurring, BillingInterval.Monthly, BillingMode.InAdvance,
            [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(Dollars(99m)))]));
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "setup", 100m);

        await Run.RunAsync(On(3, 10));
        _h.Clock.Reset(On(3, 20));
        await StopAsync();
        var later = await Run.RunAsync(On(6, 10));

        Assert.Equal(SubscriptionStatus.Stopped, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);
        Assert.Equal(0, later.ChargesMade);
        Assert.Equal([("sub-1/2026-03-10/Fee", 99m)], (await ChargesAsync()).Select(c => (c.ChargeId, c.Amount.Amount)));
        await AssertLedgerMatchesChargesAsync(100m);
    }

    [Fact]
    public async Task ASwitchToAnUnknownPlan_OrOneInAnotherCurrency_OrWithAnotherInterval_IsATypedError_AndWritesNothing()
    {
        _plans = _plans
            .With(new Plan("euro", 1, Jan1, "Euro", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
                [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(new Money(20m, Currency.FromCode("EUR"))))]))
            .With(new Plan("yearly", 1, Jan1, "Yearly", BillingType.Recurring, BillingInterval.Yearly, BillingMode.InAdvance,
                [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(Dollars(200m)))]));
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m);
        var before = await _h.Store.FindSubscriptionAsync("sub-1");

        Task<(Subscription Subscription, SubscriptionStatusChange? Change)> Switch(string plan) => ChangeAsync((s, now) => s.SwitchPlan(plan, now, "alice"));
        var unknown = await Assert.ThrowsAsync<UnknownPlanException>(() => Switch("nope"));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => Switch("euro"));
        var refused = await Assert.ThrowsAsync<PlanSwitchRefusedException>(() => Switch("yearly"));
        await Assert.ThrowsAsync<ArgumentException>("change", () => ChangeAsync((s, now) => s.UpdateResources(new Dictionary<string, decimal> { ["Gpus"] = 1m }, now, "alice")));

        Assert.Equal("nope", unknown.PlanId);
        Assert.Equal(("plan.switch_refused", "pro", "yearly"), (refused.Code, refused.FromPlan, refused.ToPlan));
        var after = (await _h.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal((before!.Version, SubscriptionStatus.Active, null), (after.Version, after.Status, after.PendingPlan));
    }
}
