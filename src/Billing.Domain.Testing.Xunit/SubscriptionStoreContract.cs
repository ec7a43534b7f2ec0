using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Billing.Domain.Testing.Contracts;

/// <summary>
/// The contract every <see cref="ISubscriptionStore"/> adapter (the subscriptions of an <see cref="IPrepaidStore"/>)
/// must pass: inherit it in your test project and return a fresh, empty store from <see cref="CreateStore"/>. It
/// drives the store through <see cref="SubscriptionService"/>, so what it stores is what a host's billing writes.
/// </summary>
/// <remarks>
/// It checks that a subscription round-trips with every field and its whole history (reasons, the manager's
/// pending operation, a pending plan), that stale versions and taken ids are refused with nothing written, that
/// an order refused for an unknown plan, a missing ledger or another currency writes nothing, that reads never
/// share state with the store, and that queries filter by account, status and plan, order and page.
/// </remarks>
public abstract class SubscriptionStoreContract
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly AccountClass Manual = new("Manual", OperationMode.Manual, OperationMode.Manual);

    private readonly Lazy<Harness> _harness;

    /// <summary>Initializes the suite; the store is created on first use, once per test.</summary>
    protected SubscriptionStoreContract()
    {
        _harness = new Lazy<Harness>(() => new Harness(CreateStore()));
    }

    private Harness H => _harness.Value;

    /// <summary>A subscription keeps every field and its whole history through many changes, and its version counts its commits.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Subscription_RoundTripsEveryField_AndItsWholeHistory()
    {
        await H.Accounts.OpenAsync("acc", Usd);
        var ordered = await H.Service.OrderAsync("sub-1", "acc", "Team seats", "pro", PaymentModel.Prepaid, "alice");
        Assert.Equal(1, ordered.Version);

        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.StartActivation(now, "provisioner"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.CompleteActivation(now, "provisioner", "ready"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.SwitchPlan("basic", now, "alice"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.FailSwitch(now, "provisioner", "quota 🚫 exceeded"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.Retry(now, "ops"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.CompleteSwitch(now, "provisioner"));
        var (stored, change) = await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.Stop(Manual, now, "bob", "moving away"));

        var found = await H.Store.FindSubscriptionAsync("sub-1");

        Assert.NotNull(found);
        AssertSame(stored, found);
        Assert.Equal(8, found.Version);
        Assert.Equal(("sub-1", "acc", "Team seats", "basic", (string?)null), (found.Id, found.AccountId, found.Name, found.Plan, found.PendingPlan));
        Assert.Equal((BillingType.Recurring, PaymentModel.Prepaid, ordered.OrderedAt, "alice"), (found.BillingType, found.PaymentModel, found.OrderedAt, found.OrderedBy));
        Assert.Equal(SubscriptionStatus.WaitingForManualApprove, found.Status);
        Assert.Equal((ManualOperation.Stop, SubscriptionStatus.Active), (found.PendingOperation, found.StatusBeforeApproval));
        Assert.Equal(change, found.History[^1]);
        Assert.Equal(7, found.History.Count);
        Assert.Equal("quota 🚫 exceeded", found.History[3].Reason);
        Assert.Null(found.History[0].Reason);
    }

    /// <summary>Resource quantities round-trip with their scale, and so do the quantities of an update in progress.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Resources_RoundTrip()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.UpdateResources(new Dictionary<string, decimal> { ["Seats"] = 5m, ["Storage GB"] = 1.500m }, now, "alice"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.CompleteUpdate(now, "provisioner"));
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.UpdateResources(Seats(7m), now, "alice"));

        var found = (await H.Store.FindSubscriptionAsync("sub-1"))!;

        Assert.Equal([("pro", 0), ("pro", 2)], found.Terms.Select(t => (t.Plan, t.Resources.Count)));
        Assert.Equal(found.History.Last(c => c.Trigger == SubscriptionTrigger.CompleteUpdate).At, found.Terms[1].From);
        Assert.Equal(1.500m, found.Terms[1].Resources["Storage GB"]);
        Assert.Equal(3, found.Terms[1].Resources["Storage GB"].Scale);

        Assert.Equal([("Seats", 5m), ("Storage GB", 1.500m)], found.Resources.Select(p => (p.Key, p.Value)));
        Assert.Equal(3, found.Resources["Storage GB"].Scale);
        Assert.Equal([("Seats", 7m), ("Storage GB", 1.500m)], found.PendingResources!.Select(p => (p.Key, p.Value)));
        Assert.Equal(SubscriptionStatus.Updating, found.Status);
    }

    /// <summary>A switch in progress keeps the plan it moves to.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PendingPlan_RoundTrips()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.SwitchPlan("basic", now, "alice"));

        var found = (await H.Store.FindSubscriptionAsync("sub-1"))!;

        Assert.Equal(("pro", "basic", SubscriptionStatus.Switching), (found.Plan, found.PendingPlan, found.Status));
    }

    /// <summary>A commit from a stale read is refused, and nothing of it is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task StaleVersion_IsRefused_AndNothingIsWritten()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var first = (await H.Store.FindSubscriptionAsync("sub-1"))!;
        var second = (await H.Store.FindSubscriptionAsync("sub-1"))!;
        first.UpdateResources(Seats(5m), Start + Duration.FromDays(1), "alice");
        await H.Store.CommitAsync(new PrepaidChange(subscription: first));
        second.SwitchPlan("basic", Start + Duration.FromDays(1), "bob");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(subscription: second)));

        var stored = (await H.Store.FindSubscriptionAsync("sub-1"))!;
        Assert.Equal((SubscriptionStatus.Updating, (string?)null), (stored.Status, stored.PendingPlan));
        Assert.Equal(first.History, stored.History);
    }

    /// <summary>A new subscription whose id is taken, in its account or another, is refused; the stored one is unchanged.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TakenId_IsRefused()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var before = (await H.Store.FindSubscriptionAsync("sub-1"))!;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            H.Store.CommitAsync(new PrepaidChange(subscription: Subscription.Order("sub-1", "acc", "Other", "pro", BillingType.Recurring, PaymentModel.Prepaid, Start, "eve"))));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            H.Store.CommitAsync(new PrepaidChange(subscription: Subscription.Order("sub-1", "acc-2", "Other", "pro", BillingType.Recurring, PaymentModel.Prepaid, Start, "eve"))));

        AssertSame(before, (await H.Store.FindSubscriptionAsync("sub-1"))!);
    }

    /// <summary>Ordering again with the same request returns the first; another request under the same id is refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Order_IsIdempotent()
    {
        await H.Accounts.OpenAsync("acc", Usd);
        var first = await H.Service.OrderAsync("sub-1", "acc", "Seats", "pro", PaymentModel.Prepaid, "alice");

        var again = await H.Service.OrderAsync("sub-1", "acc", "Seats", "pro", PaymentModel.Prepaid, "alice");
        var other = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => H.Service.OrderAsync("sub-1", "acc", "Seats", "basic", PaymentModel.Prepaid, "alice"));

        AssertSame(first, again);
        Assert.Equal(("subscription", "sub-1"), (other.Aggregate, other.Id));
        Assert.Equal(1, (await H.Store.FindSubscriptionAsync("sub-1"))!.Version);
    }

    /// <summary>An order for an unknown plan, a prepaid account with no ledger, or a plan in another currency than the ledger writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RefusedOrders_WriteNothing()
    {
        await H.Accounts.OpenAsync("acc", Usd);

        await Assert.ThrowsAsync<UnknownPlanException>(() => H.Service.OrderAsync("sub-1", "acc", "Seats", "gold", PaymentModel.Prepaid, "alice"));
        await Assert.ThrowsAsync<NotFoundException>(() => H.Service.OrderAsync("sub-2", "nobody", "Seats", "pro", PaymentModel.Prepaid, "alice"));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => H.Service.OrderAsync("sub-3", "acc", "Seats", "euro", PaymentModel.Prepaid, "alice"));

        Assert.Equal(0, (await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery())).TotalCount);
        Assert.Equal("euro", (await H.Service.OrderAsync("sub-4", "nobody", "Seats", "euro", PaymentModel.Postpaid, "alice")).Plan);   // postpaid: no ledger needed
    }

    /// <summary>A refused trigger, an ignored one and a subscription of another account write nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RefusedAndIgnoredChanges_WriteNothing()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var before = (await H.Store.FindSubscriptionAsync("sub-1"))!;

        await Assert.ThrowsAsync<Lifecycles.TransitionRefusedException>(() => H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.CompleteInstallation(now, "x")));
        var (ignored, none) = await H.Service.ChangeAsync("acc", "sub-1", (s, now) => s.ReceivePayment(now, "gateway"));
        await Assert.ThrowsAsync<NotFoundException>(() => H.Service.ChangeAsync("other", "sub-1", (s, now) => s.UpdateResources(Seats(5m), now, "x")));
        await Assert.ThrowsAsync<NotFoundException>(() => H.Service.ChangeAsync("acc", "sub-9", (s, now) => s.UpdateResources(Seats(5m), now, "x")));

        Assert.Null(none);
        AssertSame(before, ignored);
        AssertSame(before, (await H.Store.FindSubscriptionAsync("sub-1"))!);
    }

    /// <summary>Changing a subscription read from the store changes nothing stored until it is committed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reads_ShareNothingWithTheStore()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var read = (await H.Store.FindSubscriptionAsync("sub-1"))!;
        var page = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery());

        read.UpdateResources(Seats(5m), Start + Duration.FromDays(1), "alice");
        page.Items[0].SwitchPlan("basic", Start + Duration.FromDays(1), "bob");

        Assert.Equal(SubscriptionStatus.Active, (await H.Store.FindSubscriptionAsync("sub-1"))!.Status);
    }

    /// <summary>Queries filter by account, status and plan, newest order first, and page.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Queries_FilterByAccountStatusAndPlan_OrderAndPage()
    {
        await H.OrderActiveAsync("a-1", "acc");
        await H.OrderActiveAsync("a-2", "acc");
        await H.Accounts.OpenAsync("other", Usd);
        await H.Service.OrderAsync("o-1", "other", "Seats", "basic", PaymentModel.Prepaid, "alice");
        await H.Service.OrderAsync("a-3", "acc", "Seats", "basic", PaymentModel.Prepaid, "alice");

        var all = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery());
        var ofAcc = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery { AccountId = "acc" });
        var active = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery { AccountId = "acc", Status = SubscriptionStatus.Active });
        var basic = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery { Plan = "basic" });
        var orderedBasic = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery { Plan = "basic", Status = SubscriptionStatus.Ordered, AccountId = "other" });
        var second = await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery { AccountId = "acc", Page = new PageRequest(2, 2) });

        Assert.Equal(["a-3", "o-1", "a-2", "a-1"], all.Items.Select(s => s.Id));
        Assert.Equal(["a-3", "a-2", "a-1"], ofAcc.Items.Select(s => s.Id));
        Assert.Equal(["a-2", "a-1"], active.Items.Select(s => s.Id));
        Assert.Equal(["a-3", "o-1"], basic.Items.Select(s => s.Id));
        Assert.Equal(["o-1"], orderedBasic.Items.Select(s => s.Id));
        Assert.Equal(["a-1"], second.Items.Select(s => s.Id));
        Assert.Equal((3, false), (second.TotalCount, second.HasNext));
        Assert.Equal(4, all.Items[3].History.Count + 2);   // a-1's history came with it: activating, active
        Assert.Empty((await H.Store.QuerySubscriptionsAsync(new SubscriptionQuery { AccountId = "nobody" })).Items);
    }

    /// <summary>A subscription and a ledger entry committed together are both written, or neither.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task SubscriptionAndLedger_CommitTogether()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var subscription = (await H.Store.FindSubscriptionAsync("sub-1"))!;
        var account = (await H.Store.FindAccountAsync("acc"))!;
        subscription.MarkPaymentOverdue(Start + Duration.FromDays(2), "billing");
        var (debited, entry) = account.Post(LedgerEntryKind.Correction, M(-1m), "charge:sub-1:1", Start + Duration.FromDays(2), "sub-1", "fee");
        var stale = debited with { Version = debited.Version + 5 };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(stale, entry, subscription: subscription)));
        Assert.Equal(SubscriptionStatus.Active, (await H.Store.FindSubscriptionAsync("sub-1"))!.Status);

        await H.Store.CommitAsync(new PrepaidChange(debited, entry, subscription: subscription));
        Assert.Equal(SubscriptionStatus.Graced, (await H.Store.FindSubscriptionAsync("sub-1"))!.Status);
        Assert.Equal(entry, await H.Store.FindEntryAsync("acc", "charge:sub-1:1"));
    }

    /// <summary>A charge and its ledger debit are made in one commit; every field of the charge, its line and derivation round-trips.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Charge_AndItsDebit_RoundTripEveryField()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));
        var charge = Charge("acc", "sub-1", new BillingPeriod(march.Start.PlusDays(9), march.End), "Fee", 20m);
        var account = (await H.Store.FindAccountAsync("acc"))!;
        var (debited, debit) = account.Post(LedgerEntryKind.Correction, -charge.Amount, "charge:" + charge.ChargeId, Start, charge.ChargeId, "Pro fee");

        var saved = await H.Store.CommitAsync(new PrepaidChange(debited, debit, charges: [charge]));
        var found = await H.Store.FindChargeAsync(charge.ChargeId);

        Assert.Equal(charge with { Version = 1 }, saved.Charges[0]);
        Assert.NotNull(found);
        Assert.Equal((charge.ChargeId, "acc", "sub-1", "pro", 1, charge.Period), (found.ChargeId, found.AccountId, found.SubscriptionId, found.Plan, found.PlanVersion, found.Period));
        Assert.Equal((SubscriptionChargeStatus.Open, Start, (Instant?)null, 1L), (found.Status, found.MadeAt, found.ClosedAt, found.Version));
        var (l, f) = (charge.Line, found.Line);
        Assert.Equal((l.Number, l.Description, l.Quantity, l.DurationMonths, l.UnitPrice), (f.Number, f.Description, f.Quantity, f.DurationMonths, f.UnitPrice));
        Assert.Equal((l.Discount, l.Taxes, l.Amount, l.Net), (f.Discount, f.Taxes, f.Amount, f.Net));
        Assert.Equal(charge.Line.TaxAmounts, found.Line.TaxAmounts);
        Assert.Equal(charge.Line.Explanation.ToString(), found.Line.Explanation.ToString());
        Assert.Equal(M(17.17m), found.Line.Amount);                  // 20 x 22/31 = 14.19, + 21 % VAT 2.98 (rounded per line)
        Assert.Equal(2, found.Line.Amount.Amount.Scale);
        Assert.Equal(("Fee", (string?)null), (found.ChargeName, found.Credits));
        Assert.Equal(debit, await H.Store.FindEntryAsync("acc", "charge:" + charge.ChargeId));
    }

    /// <summary>A postpaid charge closed onto a draft invoice keeps the invoice's id; an open one has none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ChargeClosedOntoAnInvoice_KeepsTheInvoice()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var open = (await H.Store.CommitAsync(new PrepaidChange(charges: [Charge("acc", "sub-1", BillingPeriod.OfMonth(new YearMonth(2026, 3)), "Fee", 20m)]))).Charges[0];

        await H.Store.CommitAsync(new PrepaidChange(charges: [open.CloseOnto("inv-3", Start + Duration.FromDays(31))]));
        var found = (await H.Store.FindChargeAsync(open.ChargeId))!;

        Assert.Null(open.InvoiceId);
        Assert.Equal(("inv-3", SubscriptionChargeStatus.Closed, Start + Duration.FromDays(31), 2L), (found.InvoiceId, found.Status, found.ClosedAt, found.Version));
    }

    /// <summary>A credit keeps the charge it gives back, and its negative amounts.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Credit_RoundTripsItsLink_AndItsNegativeAmounts()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));
        var charge = Charge("acc", "sub-1", march, "Fee", 20m);
        var part = new BillingPeriod(march.Start.PlusDays(20), march.End);
        var l = Charge("acc", "sub-1", part, "Fee", 20m).Line;
        var negated = new ChargeLine(
            1, "Credit: Pro Fee", l.Quantity, l.DurationMonths, l.UnitPrice, -l.Discount, -l.Taxes, -l.Amount, -l.Net, [.. l.TaxAmounts.Select(t => t with { Base = -t.Base, Amount = -t.Amount })], l.Explanation);
        var credit = new SubscriptionCharge(
            SubscriptionCharge.CreditKeyFor(charge.ChargeId, part.Start), "acc", "sub-1", "pro", 1, "Fee", part, negated, SubscriptionChargeStatus.Open, Start, null, 0, charge.ChargeId);

        await H.Store.CommitAsync(new PrepaidChange(charges: [charge, credit]));
        var found = (await H.Store.FindChargeAsync(credit.ChargeId))!;

        Assert.Equal((charge.ChargeId, part, M(-8.59m), M(-1.49m)), (found.Credits, found.Period, found.Line.Amount, found.Line.Taxes));   // 20 x 11/31 = 7.10 + 1.49 VAT, given back
        Assert.Equal(M(-1.49m), found.Line.TaxAmounts[0].Amount);
    }

    /// <summary>A charge made twice is refused whole: the second debit is not written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ChargeMadeTwice_IsRefused_WithItsDebit()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var charge = Charge("acc", "sub-1", BillingPeriod.OfMonth(new YearMonth(2026, 3)), "Fee", 20m);
        var account = (await H.Store.FindAccountAsync("acc"))!;
        var (first, debit) = account.Post(LedgerEntryKind.Correction, -charge.Amount, "charge:a", Start, charge.ChargeId, "fee");
        var after = (await H.Store.CommitAsync(new PrepaidChange(first, debit, charges: [charge]))).Account!;
        var (second, again) = after.Post(LedgerEntryKind.Correction, -charge.Amount, "charge:b", Start, charge.ChargeId, "fee");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(second, again, charges: [charge])));

        Assert.Equal(after, await H.Store.FindAccountAsync("acc"));
        Assert.Null(await H.Store.FindEntryAsync("acc", "charge:b"));
    }

    /// <summary>Closing a charge is stored; a close from a stale read is refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ChargeClose_IsStored_AndAStaleOneRefused()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        var made = (await H.Store.CommitAsync(new PrepaidChange(charges: [Charge("acc", "sub-1", BillingPeriod.OfMonth(new YearMonth(2026, 3)), "Fee", 20m)]))).Charges[0];
        var closedAt = Start + Duration.FromDays(31);

        await H.Store.CommitAsync(new PrepaidChange(charges: [made.Close(closedAt)]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(charges: [made.Close(closedAt + Duration.FromDays(1))])));

        var found = (await H.Store.FindChargeAsync(made.ChargeId))!;
        Assert.Equal((SubscriptionChargeStatus.Closed, (Instant?)closedAt, 2L), (found.Status, found.ClosedAt, found.Version));
    }

    /// <summary>Charge queries filter by account, subscription, status and closing range, by period start then id, and page.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ChargeQueries_FilterOrderAndPage()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        await H.OrderActiveAsync("sub-2", "acc");
        await H.OrderActiveAsync("sub-9", "other");
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));
        var april = BillingPeriod.OfMonth(new YearMonth(2026, 4));
        var aprilClose = Instant.FromUtc(2026, 5, 1, 0, 0);
        await H.Store.CommitAsync(new PrepaidChange(charges:
        [
            Charge("acc", "sub-1", april, "Fee", 20m).Close(aprilClose),
            Charge("acc", "sub-1", march, "Fee", 20m).Close(Instant.FromUtc(2026, 4, 1, 0, 0)),
            Charge("acc", "sub-2", march, "Seats", 5m),
            Charge("acc", "sub-2", march, "Fee", 20m),
            Charge("other", "sub-9", march, "Fee", 20m),
        ]));

        var all = await H.Store.QueryChargesAsync(new SubscriptionChargeQuery("acc"));
        var ofSub2 = await H.Store.QueryChargesAsync(new SubscriptionChargeQuery("acc") { SubscriptionId = "sub-2" });
        var open = await H.Store.QueryChargesAsync(new SubscriptionChargeQuery("acc") { Status = SubscriptionChargeStatus.Open });
        var closedInApril = await H.Store.QueryChargesAsync(new SubscriptionChargeQuery("acc") { Closed = new InstantRange(Instant.FromUtc(2026, 4, 15, 0, 0), aprilClose + Duration.FromSeconds(1)) });
        var page = await H.Store.QueryChargesAsync(new SubscriptionChargeQuery("acc") { Page = new PageRequest(2, 3) });

        Assert.Equal(["sub-1/2026-03-01/Fee", "sub-2/2026-03-01/Fee", "sub-2/2026-03-01/Seats", "sub-1/2026-04-01/Fee"], all.Items.Select(c => c.ChargeId));
        Assert.Equal(["sub-2/2026-03-01/Fee", "sub-2/2026-03-01/Seats"], ofSub2.Items.Select(c => c.ChargeId));
        Assert.Equal(["sub-2/2026-03-01/Fee", "sub-2/2026-03-01/Seats"], open.Items.Select(c => c.ChargeId));
        Assert.Equal(["sub-1/2026-04-01/Fee"], closedInApril.Items.Select(c => c.ChargeId));
        Assert.Equal(["sub-1/2026-04-01/Fee"], page.Items.Select(c => c.ChargeId));
        Assert.Equal((4, false), (page.TotalCount, page.HasNext));
        Assert.Equal(["sub-9/2026-03-01/Fee"], (await H.Store.QueryChargesAsync(new SubscriptionChargeQuery("other"))).Items.Select(c => c.ChargeId));
        Assert.Null(await H.Store.FindChargeAsync("sub-1/2026-05-01/Fee"));
    }

    /// <summary>The last billing run's instant is stored; one before it is refused with the rest of its change, the same one again is not.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task BillingRunMark_MovesOnlyForward()
    {
        await H.OrderActiveAsync("sub-1", "acc");
        Assert.Null(await H.Store.LastBillingRunAsync());
        var april = Instant.FromUtc(2026, 4, 1, 0, 0);

        await H.Store.CommitAsync(new PrepaidChange(billingRunAt: april));
        await H.Store.CommitAsync(new PrepaidChange(billingRunAt: april));
        var subscription = (await H.Store.FindSubscriptionAsync("sub-1"))!;
        subscription.UpdateResources(Seats(5m), april, "alice");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(subscription: subscription, billingRunAt: april - Duration.FromTicks(1))));

        Assert.Equal(april, await H.Store.LastBillingRunAsync());
        Assert.Equal(SubscriptionStatus.Active, (await H.Store.FindSubscriptionAsync("sub-1"))!.Status);
    }

    /// <summary>Returns a fresh, empty store of the adapter under test.</summary>
    /// <returns>The store.</returns>
    protected abstract IPrepaidStore CreateStore();

    private static Money M(decimal amount) => new(amount, Usd);

    private static Dictionary<string, decimal> Seats(decimal quantity) => new(StringComparer.Ordinal) { ["Seats"] = quantity };

    // The charge of a plan charge for a period, prorated over the month it is in, with 21 % VAT.
    private static SubscriptionCharge Charge(string account, string subscription, BillingPeriod period, string name, decimal price)
    {
        var month = BillingPeriod.OfMonth(period.Start.ToYearMonth());
        var spec = ChargeSpec.For($"Pro {name}", 1m, new PerUnitPrice(M(price))).ProratedOver(period, month, ProrationMethod.ActualDays) with { Taxes = [new TaxRate("VAT", 21m)] };
        var line = new ChargeEngine(ChargePolicy.PerLine).Calculate(spec);
        return new SubscriptionCharge(SubscriptionCharge.KeyFor(subscription, period, name), account, subscription, "pro", 1, name, period, line, SubscriptionChargeStatus.Open, Start, null, 0);
    }

    private static void AssertSame(Subscription expected, Subscription actual)
    {
        Assert.Equal(
            (expected.Id, expected.AccountId, expected.Name, expected.Plan, expected.PendingPlan, expected.BillingType, expected.PaymentModel, expected.OrderedAt, expected.OrderedBy),
            (actual.Id, actual.AccountId, actual.Name, actual.Plan, actual.PendingPlan, actual.BillingType, actual.PaymentModel, actual.OrderedAt, actual.OrderedBy));
        Assert.Equal((expected.Status, expected.PendingOperation, expected.StatusBeforeApproval, expected.Version), (actual.Status, actual.PendingOperation, actual.StatusBeforeApproval, actual.Version));
        Assert.Equal(expected.History, actual.History);
    }

    private sealed class Harness
    {
        public Harness(IPrepaidStore store)
        {
            Store = store;
            var fee = new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(20m)));
            var day = new LocalDate(2026, 1, 1);
            PlanCharge Resource(string name) => new(name, PlanChargeKind.Resource, new PerUnitPrice(M(1m)));
            var plans = PlanCatalog.Empty
                .With(new Plan("pro", 1, day, "Pro", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance, [fee, Resource("Seats"), Resource("Storage GB")]))
                .With(new Plan("basic", 1, day, "Basic", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance, [fee]))
                .With(new Plan("euro", 1, day, "Euro", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
                    [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(new Money(20m, Currency.FromCode("EUR"))))]));
            Accounts = new PrepaidAccountService(store, Clock, ContractRetry.Racing);
            Service = new SubscriptionService(store, plans, DateTimeZone.Utc, Clock, ContractRetry.Racing);
        }

        public FakeClock Clock { get; } = new(Start) { AutoAdvance = Duration.FromMinutes(1) };

        public IPrepaidStore Store { get; }

        public PrepaidAccountService Accounts { get; }

        public SubscriptionService Service { get; }

        public async Task OrderActiveAsync(string subscriptionId, string accountId)
        {
            if (await Store.FindAccountAsync(accountId) is null)
            {
                await Accounts.OpenAsync(accountId, Usd);
            }

            await Service.OrderAsync(subscriptionId, accountId, "Seats", "pro", PaymentModel.Prepaid, "alice");
            await Service.ChangeAsync(accountId, subscriptionId, (s, now) => s.StartActivation(now, "provisioner"));
            await Service.ChangeAsync(accountId, subscriptionId, (s, now) => s.CompleteActivation(now, "provisioner"));
        }
    }
}
