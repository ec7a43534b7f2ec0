using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Billing.Domain.Testing.Contracts;

/// <summary>
/// The laws of billing a Prepay account that every <see cref="IPrepaidStore"/> adapter must keep, checked over random
/// sequences of top-ups, refunds, calls, corrections, plan switches, resource updates, stops, resumes, deletions and
/// billing runs on random days (several on a day), with or without an account billing day, then the month's Prepay
/// invoices: inherit it in your test project and return a fresh,
/// empty store from each call of <see cref="CreateStore"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each day of a billing period is covered, net of credits, by exactly one charge of each plan charge of the
/// terms the subscription was on at the end of that day, and by none while it was not in use (in arrears, for the
/// periods that ended).</item>
/// <item>The balance is the top-ups less the refunds, the calls and the closed charges and credits, plus the
/// corrections, and the sum of the entries.</item>
/// <item>Opening balance (0) + top-ups - refunds - Σ invoice totals of the closed months = the balance at the end of
/// the last one, to the minor unit; every charge closed by then is on exactly one invoice, that of the month it
/// closed in.</item>
/// <item>A run again makes nothing.</item>
/// </list>
/// </remarks>
public abstract class BillingLawContract
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Activated = Instant.FromUtc(2026, 3, 10, 6, 0);

    /// <summary>The kinds of step a case is made of.</summary>
    internal enum Action
    {
        Switch,
        Update,
        Stop,
        Resume,
        Delete,
        Run,
        TopUp,
        Call,
        Refund,
        Correct,
    }

    /// <summary>Gets how many random sequences the law is checked on.</summary>
    protected virtual int Cases => 100;

    /// <summary>Each day is charged once on its terms, the ledger and the invoices match, and a run again makes nothing.</summary>
    [Fact]
    public void BillingAPrepayAccount_KeepsEveryLaw() =>
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(Cases),
            Prop.ForAll(
                Arb.From(
                    from inAdvance in Gen.Elements(true, false)
                    from billingDay in Gen.Elements<int?>(null, null, 1, 15, 31)
                    from steps in Gen.ArrayOf(
                        from day in Gen.Choose(0, 75)
                        from action in Gen.Elements(
                            Action.Switch, Action.Update, Action.Stop, Action.Resume, Action.Delete, Action.Run, Action.Run, Action.TopUp, Action.Call, Action.Refund, Action.Correct)
                        from amount in Gen.Choose(0, 4)
                        select new Step(day, action, amount))
                    from after in Gen.Choose(1, 40)
                    select (new Case(inAdvance, billingDay, after), steps.OrderBy(s => s.Day).ToArray())),
                c => CheckAsync(c.Item1, c.Item2).GetAwaiter().GetResult()));

    /// <summary>Creates a fresh, empty store of the adapter under test; called once per case.</summary>
    /// <returns>The store.</returns>
    protected abstract IPrepaidStore CreateStore();

    private static Money M(decimal amount) => new(amount, Usd);

    private static Plan Plan(string id, decimal fee, decimal seat, bool inAdvance) =>
        new(id, 1, new LocalDate(2026, 1, 1), id, BillingType.Recurring, BillingInterval.Monthly, inAdvance ? BillingMode.InAdvance : BillingMode.InArrears,
            [
                new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(fee))),
                new PlanCharge("Seats", PlanChargeKind.Resource, new PerUnitPrice(M(seat)), defaultQuantity: 1m),
            ],
            taxes: [new TaxRate("VAT", 21m)]);

    private async Task<bool> CheckAsync(Case @case, Step[] steps)
    {
        var (inAdvance, billingDay, after) = @case;
        var store = CreateStore();
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 1, 0, 0)) { AutoAdvance = Duration.FromSeconds(10) };
        var plans = PlanCatalog.Empty.With(Plan("small", 20m, 5m, inAdvance)).With(Plan("large", 55.55m, 7.77m, inAdvance));
        var gateway = new InMemoryPaymentGateway(clock);
        var topUps = new TopUpService(store, gateway, clock);
        var service = new SubscriptionService(store, plans, DateTimeZone.Utc, clock);
        var run = new BillingRun(
            store, plans, new ChargeEngine(ChargePolicy.PerLine), DateTimeZone.Utc, clock, _ => new AccountBilling(AccountClass.Automatic, null, billingDay));
        var calls = new ConsumptionService(store, clock);
        var corrections = new CorrectionService(store, clock);
        await new PrepaidAccountService(store, clock).OpenAsync("acc", Usd);
        var toppedUp = M(0m);
        async Task TopUpAsync(string id, decimal amount)
        {
            var order = await topUps.CreateAsync(id, "acc", M(amount), M(amount), "card");
            gateway.Script(id, PaymentScript.SucceedAtOnce());
            await topUps.StartPaymentAsync(order.OrderId);
            toppedUp += M(amount);
        }

        await TopUpAsync("ord-0", 60m);
        clock.Reset(Activated);
        await service.OrderAsync("sub", "acc", "Sub", "small", PaymentModel.Prepaid, "alice");
        await service.ChangeAsync("acc", "sub", (s, now) => s.StartActivation(now, "p"));
        await service.ChangeAsync("acc", "sub", (s, now) => s.CompleteActivation(now, "p"));

        // The model: whether the subscription is in use, and on which terms, at the end of each day something happened.
        var model = new SortedDictionary<LocalDate, (bool InUse, string Plan, decimal Seats)> { [new LocalDate(2026, 3, 10)] = (true, "small", 1m) };
        for (var i = 0; i < steps.Length; i++)
        {
            var (day, action, amount) = steps[i];
            var at = Activated + Duration.FromDays(day) + Duration.FromHours(2) + Duration.FromMinutes(10 * i);
            clock.Reset(at);
            var current = (await store.FindSubscriptionAsync("sub"))!;
            var last = model.Last().Value;
            async Task Apply(Func<Subscription, Instant, SubscriptionStatusChange?> start, Func<Subscription, Instant, SubscriptionStatusChange?> complete, (bool, string, decimal) next)
            {
                await service.ChangeAsync("acc", "sub", start);
                await service.ChangeAsync("acc", "sub", complete);
                model[at.InUtc().Date] = next;
            }

            var active = current.Status == SubscriptionStatus.Active;
            switch (action)
            {
                case Action.Switch when active:
                    var other = current.Plan == "small" ? "large" : "small";
                    await Apply((s, now) => s.SwitchPlan(other, now, "a"), (s, now) => s.CompleteSwitch(now, "p"), (true, other, last.Seats));
                    break;
                case Action.Update when active:
                    await Apply((s, now) => s.UpdateResources(new Dictionary<string, decimal> { ["Seats"] = amount }, now, "a"), (s, now) => s.CompleteUpdate(now, "p"), (true, last.Plan, amount));
                    break;
                case Action.Stop when active:
                    await Apply((s, now) => s.Stop(AccountClass.Automatic, now, "a"), (s, now) => s.CompleteStop(now, "p"), (false, last.Plan, last.Seats));
                    break;
                case Action.Resume when current.Status == SubscriptionStatus.Stopped:
                    await Apply((s, now) => s.Resume(now, "a"), (s, now) => s.CompleteActivation(now, "p"), (true, last.Plan, last.Seats));
                    break;
                case Action.Delete when active || current.Status == SubscriptionStatus.Stopped:
                    await Apply((s, now) => s.Delete(AccountClass.Automatic, now, "a"), (s, now) => s.CompleteDeletion(now, "p"), (false, last.Plan, last.Seats));
                    break;
                case Action.Run:
                    await run.RunAsync(at);
                    break;
                case Action.TopUp:
                    await TopUpAsync($"ord-{i + 1}", 10m * (amount + 1));
                    break;
                case Action.Call:
                    var call = new UsageRecord($"call-{i}", "acc", "key", "gpt", 1_000, 100, clock.GetCurrentInstant());
                    await calls.RecordAsync(new ConsumptionRecord(call, M(0.25m * amount), "gpt-v1"));
                    break;
                case Action.Refund:
                    await RefundAsync(topUps, M(amount + 1m));
                    break;
                case Action.Correct:
                    await corrections.RequestAsync($"cor-{i}", "acc", M(amount - 2m + 0.5m), "Correction", "alice");
                    await corrections.ApproveAsync("acc", $"cor-{i}", "bob");
                    break;
            }
        }

        var end = Activated + Duration.FromDays((steps.Length == 0 ? 0 : steps[^1].Day) + after) + Duration.FromHours(6);
        clock.Reset(end);
        await TopUpAsync("ord-last", 2_000m);   // enough to settle what is open, so each charge is closed by the end
        await run.RunAsync(end);
        Assert.Equal(0, (await run.RunAsync(end)).ChargesMade);
        var charges = await AllAsync(page => store.QueryChargesAsync(new SubscriptionChargeQuery("acc") { Page = page }));
        AssertEachDayChargedOnce(model, charges, inAdvance, billingDay, end.InUtc().Date);

        var account = (await store.FindAccountAsync("acc"))!;
        var entries = await AllAsync(page => store.ListEntriesAsync("acc", default, page));
        var sum = entries.Aggregate(M(0m), (total, e) => total + e.Amount);
        Assert.All(charges, c => Assert.Equal(SubscriptionChargeStatus.Closed, c.Status));
        Money Sum(params LedgerEntryKind[] kinds) => entries.Where(e => kinds.Contains(e.Kind)).Aggregate(M(0m), (total, e) => total + e.Amount);
        Assert.Equal(
            toppedUp + Sum(LedgerEntryKind.ConsumptionDebit, LedgerEntryKind.Refund, LedgerEntryKind.RefundReversal, LedgerEntryKind.Correction)
            - charges.Aggregate(M(0m), (total, c) => total + c.Amount),
            account.Balance);
        Assert.Equal(sum, account.Balance);

        await AssertInvoicesAsync(store, clock, charges, entries, end);
        return true;
    }

    private static async Task<List<T>> AllAsync<T>(Func<PageRequest, Task<Page<T>>> query)
    {
        var all = new List<T>();
        for (var number = 1; ; number++)
        {
            var page = await query(new PageRequest(number, PageRequest.MaxSize));
            all.AddRange(page.Items);
            if (!page.HasNext)
            {
                return all;
            }
        }
    }

    // A refund of the first top-up, which the account's rules may refuse (more than its balance or the order's credit).
    private static async Task RefundAsync(TopUpService topUps, Money amount)
    {
        try
        {
            await topUps.RefundAsync("acc", "ord-0", "alice", "asked", amount);
        }
        catch (BillingException)
        {
            // A refused refund writes nothing: the laws hold either way.
        }
    }

    private static void AssertEachDayChargedOnce(
        SortedDictionary<LocalDate, (bool InUse, string Plan, decimal Seats)> model, IReadOnlyList<SubscriptionCharge> charges, bool inAdvance, int? billingDay, LocalDate today)
    {
        var net = new Dictionary<(LocalDate, string, string, decimal), int>();
        foreach (var charge in charges)
        {
            for (var d = charge.Period.Start; d < charge.Period.End; d = d.PlusDays(1))
            {
                var key = (d, charge.Plan, charge.ChargeName, charge.Line.Quantity);
                net[key] = net.GetValueOrDefault(key) + (charge.Credits is null ? 1 : -1);
            }
        }

        var expected = new Dictionary<(LocalDate, string, string, decimal), int>();
        var activated = new LocalDate(2026, 3, 10);
        var cycle = billingDay is { } day ? new BillingCycle(BillingInterval.Monthly, day, activated.ToYearMonth()) : BillingCycle.StartingOn(activated, BillingInterval.Monthly);
        var first = cycle.IndexOf(activated);
        for (var (i, period) = (first, cycle.PeriodAt(first)); inAdvance ? period.Start <= today : period.End <= today; period = cycle.PeriodAt(++i))
        {
            for (var d = period.Start; d < period.End; d = d.PlusDays(1))
            {
                var (inUse, plan, seats) = model.LastOrDefault(m => m.Key <= (d < today ? d : today)).Value;   // not in use before it was activated
                if (inUse)
                {
                    expected[(d, plan, "Fee", 1m)] = 1;
                    expected[(d, plan, "Seats", seats)] = 1;
                }
            }
        }

        Assert.Equal(expected.OrderBy(e => e.Key), net.Where(n => n.Value != 0).OrderBy(e => e.Key));
    }

    // Closes each month that ended before the end: the invoices add up to what left the balance, each charge on one.
    private static async Task AssertInvoicesAsync(IPrepaidStore store, FakeClock clock, IReadOnlyList<SubscriptionCharge> charges, IReadOnlyList<LedgerEntry> entries, Instant end)
    {
        var invoicing = new PrepayInvoicing(
            new InMemoryInvoiceStore(new InMemoryPrepaidStore()), store, new ChargeEngine(ChargePolicy.PerLine), InvoiceNumbering.OneSeries(new NumberSeries("INV", "INV-{seq:00000}")), clock);   // the laws are of amounts: the closes' events go to a scratch outbox
        var months = new List<(BillingPeriod Month, Invoice Invoice)>();
        for (var month = new YearMonth(2026, 3); BillingPeriod.OfMonth(month).End.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant() <= end; month = month.PlusMonths(1))
        {
            var period = new PrepayPeriod("acc", "Acme", BillingPeriod.OfMonth(month), new AccountTimeZone(DateTimeZone.Utc), Usd);
            months.Add((period.Period, (await invoicing.CloseAsync(period)).Invoice!));
        }

        if (months.Count == 0)
        {
            return;
        }

        var closedThrough = months[^1].Month.End.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        Money Before(params LedgerEntryKind[] kinds) =>
            entries.Where(e => e.RecordedAt < closedThrough && (kinds.Length == 0 || kinds.Contains(e.Kind))).Aggregate(M(0m), (total, e) => total + e.Amount);
        var topUps = Before(LedgerEntryKind.TopUpCredit);
        var refunds = -Before(LedgerEntryKind.Refund, LedgerEntryKind.RefundReversal);
        Assert.Equal(Before(), topUps - refunds - months.Aggregate(M(0m), (total, m) => total + m.Invoice.Total));
        foreach (var (month, invoice) in months)
        {
            var range = new InstantRange(month.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), month.End.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
            var closed = charges.Where(c => range.Contains(c.ClosedAt!.Value)).OrderBy(c => c.Period.Start).ThenBy(c => c.ChargeId, StringComparer.Ordinal).ToList();
            Assert.Equal(closed.Select(c => c.Amount), invoice.Charges.Take(closed.Count).Select(l => l.Amount));
            Assert.All(invoice.Charges.Skip(closed.Count), l => Assert.StartsWith("Usage ", l.Description, StringComparison.Ordinal));
        }
    }

    /// <summary>What a case bills: in advance or in arrears, the account's billing day, and how many days after the last step it ends.</summary>
    /// <param name="InAdvance">Whether the plans bill in advance.</param>
    /// <param name="BillingDay">The account's billing day, or null for the subscription's own.</param>
    /// <param name="After">The days from the last step to the final run.</param>
    internal sealed record Case(bool InAdvance, int? BillingDay, int After);

    /// <summary>One step of a case.</summary>
    /// <param name="Day">The day after the activation it happens on.</param>
    /// <param name="Action">What happens.</param>
    /// <param name="Amount">The seats of an update, the size of a top-up or a call.</param>
    internal sealed record Step(int Day, Action Action, int Amount);
}
