using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// Bills the subscriptions up to an instant: every period a plan charges by then (in advance from its first
/// day, in arrears from the day after its last), each fee and resource of the plan version in force on the first day
/// charged, with credit and charge lines for changes in the middle of a period, paid from the balance in the same
/// commit that makes each of them (postpaid ones are left open for the account's draft invoice).
/// </summary>
/// <remarks>
/// <para>
/// A subscription's periods start on the day (in the run's time zone) it first became Active, after the plan's
/// trial if it has one, and follow the plan's interval. Its days in use on each of its terms are charged; a switch,
/// a resource update, a stop, a block or a deletion in the middle of a period credits the rest of the charge made
/// for it and charges the new terms from the change's day (see docs/plans.md for the conventions). A non-recurring
/// plan is charged once, when Delivered. A charge's id names its subscription, period, plan charge, first day and
/// terms (<see cref="SubscriptionCharge.KeyFor"/>), so running again, or again after a crash at any step, makes
/// nothing twice.
/// </para>
/// <para>
/// A charge the balance (with its credit limit) cannot pay is stored open and an Active subscription goes Graced
/// (payment overdue); while a charge is open the subscription's new charges are stored open too. Each run then pays
/// the open charges oldest first, each with its open credits, while the balance allows, closing them, and moves a
/// Graced subscription back to Active when none is left. A subscription still graced when its account class's grace
/// period has passed since it went Graced has its grace period expire: Stopping, or Waiting for manual approve in
/// manual stop mode. It is never stopped while its charges are paid: the run settles before it looks at the deadline.
/// </para>
/// <para>
/// A postpaid subscription's charges and credits are made the same way but stored open, off any balance: the
/// account's next draft invoice takes them (<see cref="Invoices.PostpaidInvoicing"/>).
/// </para>
/// <para>
/// Usage charges are charged in arrears once a period has ended, at the quantity the host's <see cref="IUsageMeter"/>
/// reports for their days.
/// </para>
/// <para>
/// The first charge of each period after the first renews an Active subscription in advance (Renewing, then Active,
/// recorded in the commit that makes it). A period whose plan has no version in force in the catalog fails an Active
/// subscription's renewal (Renewing failed, the reason naming the plan and day; <see cref="BillingRunResult.RenewalsFailed"/>)
/// and the run goes on with the other subscriptions; the host adds the version and retries.
/// </para>
/// </remarks>
public sealed class BillingRun
{
    private const string Actor = "billing-run";

    private readonly PrepaidCommands _commands;
    private readonly Grants.CreditGrantService _grants;
    private readonly PlanCatalog _plans;
    private readonly ChargeEngine _engine;
    private readonly DateTimeZone _zone;
    private readonly Func<string, AccountBilling> _accounts;
    private readonly IUsageMeter? _usage;

    /// <summary>Initializes the run.</summary>
    /// <param name="store">The store of subscriptions, charges and ledgers.</param>
    /// <param name="plans">The plans the subscriptions are on.</param>
    /// <param name="engine">The engine that calculates each charge line, with its rounding and tax policy.</param>
    /// <param name="zone">The time zone whose days periods are counted in, for accounts that name none.</param>
    /// <param name="clock">The clock of the commands' retries (the run itself takes its instant as an argument).</param>
    /// <param name="accounts">How an account is billed, by its id, as it is now: its class (grace period, stop mode), time zone and billing day; <see cref="AccountBilling.Default"/> for every account when null.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <param name="usage">The host's meter of the plans' usage charges; needed when a plan has one.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    /// <exception cref="ArgumentException">A plan has a usage charge and no meter is given.</exception>
    public BillingRun(
        IPrepaidStore store, PlanCatalog plans, ChargeEngine engine, DateTimeZone zone, IClock clock, Func<string, AccountBilling>? accounts = null,
        ConflictRetryPolicy? retry = null, ILogger? logger = null, IUsageMeter? usage = null)
    {
        Preconditions.CheckArgument(
            usage is not null || !Preconditions.CheckNotNull(plans).Plans.Any(p => p.Charges.Any(c => c.Kind == PlanChargeKind.Usage)),
            nameof(usage),
            "A plan charges usage: give the run a usage meter.");
        _usage = usage;
        _commands = new PrepaidCommands(store, clock, retry, logger);
        _grants = new Grants.CreditGrantService(_commands);
        _plans = Preconditions.CheckNotNull(plans);
        _engine = Preconditions.CheckNotNull(engine);
        _zone = Preconditions.CheckNotNull(zone);
        _accounts = accounts ?? (static _ => AccountBilling.Default);
    }

    /// <summary>Makes and pays every charge due at <paramref name="at"/>, and settles open charges the balances now cover.</summary>
    /// <param name="at">The instant the run bills up to.</param>
    /// <param name="progress">Told after each subscription how far the run has come, if given.</param>
    /// <param name="cancellationToken">Cancels the run between commits; what was committed stays.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="BillingRunOutOfOrderException">The last run billed up to a later instant (<c>billing.run_before_last</c>); nothing is written. A run at the same instant again is allowed: it resumes one that stopped.</exception>
    /// <exception cref="NotFoundException">A prepaid subscription's account has no ledger.</exception>
    public async Task<BillingRunResult> RunAsync(Instant at, IProgress<BillingRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _commands.RunAsync("billing_run.run", async () =>
        {
            if (await _commands.Store.LastBillingRunAsync(cancellationToken).ConfigureAwait(false) is { } last && at < last)
            {
                throw new BillingRunOutOfOrderException(at, last);
            }

            return await _commands.CommitAsync(new PrepaidChange(billingRunAt: at), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        var (seen, made, paid, graced, restored, expired, renewed, failed, grants) = (0, 0, 0, 0, 0, 0, 0, 0, 0);
        var subscriptions = await AllAsync(cancellationToken).ConfigureAwait(false);
        for (var done = 1; done <= subscriptions.Count; done++)
        {
            var subscription = subscriptions[done - 1];
            cancellationToken.ThrowIfCancellationRequested();
            if (subscription.History.Any(c => c.At <= at && (c.To == SubscriptionStatus.Active || c.To == SubscriptionStatus.Delivered)))
            {
                seen++;
                var billing = Preconditions.CheckNotNull(_accounts(subscription.AccountId), "accounts");
                if (subscription.PaymentModel == PaymentModel.Prepaid)   // before the charges: each remainder removed at its own expiry
                {
                    grants += (await _grants.ExpireUpToAsync(subscription.AccountId, at, cancellationToken).ConfigureAwait(false)).Count;
                }


                var zone = billing.Zone ?? _zone;
                var stored = await ChargesOfAsync(subscription.Id, subscription.AccountId, null, cancellationToken).ConfigureAwait(false);
                var plan = SubscriptionBilling.Due(subscription, _plans, zone, billing.BillingDay, at, stored);
                foreach (var planned in plan.Due)
                {
                    var due = planned.Metered ? await MeterAsync(planned, subscription.Id, zone, cancellationToken).ConfigureAwait(false) : planned;
                    var outcome = subscription.PaymentModel == PaymentModel.Prepaid
                        ? await MakeAsync(subscription.Id, subscription.AccountId, due, at, cancellationToken).ConfigureAwait(false)
                        : await MakeOpenAsync(subscription.Id, subscription.AccountId, due, at, cancellationToken).ConfigureAwait(false);
                    made += outcome.Made ? 1 : 0;
                    paid += outcome.Paid ? 1 : 0;
                    graced += outcome.Graced ? 1 : 0;
                    renewed += outcome.Renewed ? 1 : 0;
                }

                if (plan.RenewalFailed is { } failure)
                {
                    failed += await FailRenewalAsync(subscription.Id, failure, at, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }

                if (subscription.PaymentModel == PaymentModel.Prepaid)
                {
                    var settled = await SettleAsync(subscription.Id, subscription.AccountId, at, cancellationToken).ConfigureAwait(false);
                    paid += settled.Paid;
                    restored += settled.Restored ? 1 : 0;
                    expired += await ExpireGraceAsync(subscription.Id, billing.Class, at, cancellationToken).ConfigureAwait(false) ? 1 : 0;

                    // and after them: what a credit gave back to an expired grant expires with it (recorded when it was given back)
                    grants += (await _grants.ExpireUpToAsync(subscription.AccountId, at, cancellationToken).ConfigureAwait(false)).Count;
                }
            }

            progress?.Report(new BillingRunProgress(done, subscriptions.Count, subscription.Id));
        }

        return new BillingRunResult(seen, made, paid, graced, restored, expired) { Renewed = renewed, RenewalsFailed = failed, GrantsExpired = grants };
    }

    /// <summary>
    /// Pays what an account owes now, without waiting for the next run: its prepaid subscriptions' open charges, oldest
    /// first with their open credits, while the balance allows; each graced subscription left with nothing open is
    /// Active again (payment received). Call it when a top-up completes; the next run would do the same.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="at">When; recorded on the entries and status changes (the account's open period books it when an invoice closed past it).</param>
    /// <param name="cancellationToken">Cancels between commits; what was committed stays.</param>
    /// <returns>The subscriptions looked at, the charges paid and the subscriptions restored; the other counts are 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty.</exception>
    /// <exception cref="NotFoundException">The account has a prepaid subscription and no ledger.</exception>
    public async Task<BillingRunResult> SettleAsync(string accountId, Instant at, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        var (seen, paid, restored) = (0, 0, 0);
        for (var number = 1; ; number++)
        {
            var page = await _commands.Store.QuerySubscriptionsAsync(
                new SubscriptionQuery { AccountId = accountId, Page = new PageRequest(number, PageRequest.MaxSize) }, cancellationToken).ConfigureAwait(false);
            foreach (var subscription in page.Items.Where(s => s.PaymentModel == PaymentModel.Prepaid))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var settled = await SettleAsync(subscription.Id, accountId, at, cancellationToken).ConfigureAwait(false);
                (seen, paid, restored) = (seen + 1, paid + settled.Paid, restored + (settled.Restored ? 1 : 0));
            }

            if (!page.HasNext)
            {
                return new BillingRunResult(seen, 0, paid, 0, restored, 0);
            }
        }
    }

    // Makes a planned charge or credit unless a run made it already. A charge is paid when the subscription has no open
    // charge before it and the balance allows; otherwise it is stored open, and an Active subscription goes Graced. A
    // credit of a paid charge is paid back at once; a credit of an open charge is stored open and settled with it.
    private Task<Outcome> MakeAsync(string subscriptionId, string accountId, DueCharge due, Instant at, CancellationToken cancellationToken) =>
        _commands.RunAsync("billing_run.charge", async () =>
        {
            if (await _commands.Store.FindChargeAsync(due.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return default(Outcome);
            }

            var charge = Charge(subscriptionId, accountId, due, at);
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (due.Credits is { } creditedId)
            {
                var credited = await _commands.Store.FindChargeAsync(creditedId, cancellationToken).ConfigureAwait(false);
                var change = credited!.Status == SubscriptionChargeStatus.Closed
                    ? await GiveBackAsync(account, charge, at, cancellationToken).ConfigureAwait(false)
                    : new PrepaidChange(charges: [charge]);
                await _commands.CommitAsync(change, cancellationToken).ConfigureAwait(false);
                return new Outcome(true, credited.Status == SubscriptionChargeStatus.Closed, false, false);
            }

            var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
            var renewed = Renew(subscription, due, at);
            if ((await OpenChargesAsync(subscriptionId, accountId, cancellationToken).ConfigureAwait(false)).Count == 0 && account.CanDebit(charge.Amount, account.BookingFor(at)))
            {
                await _commands.CommitAsync(Pay(account, charge, [], at, renewed ? subscription : null), cancellationToken).ConfigureAwait(false);
                return new Outcome(true, true, false, renewed);
            }

            var overdue = subscription.Status == SubscriptionStatus.Active
                && subscription.MarkPaymentOverdue(Stamp(subscription, at), Actor, $"charge {due.Id} of {charge.Amount} exceeds the balance") is not null;
            await _commands.CommitAsync(new PrepaidChange(subscription: overdue || renewed ? subscription : null, charges: [charge]), cancellationToken).ConfigureAwait(false);
            return new Outcome(true, false, overdue, renewed);
        }, cancellationToken);

    // The first charge of a new period renews an Active subscription: Renewing, then Active again, in the commit that makes it.
    private static bool Renew(Subscription subscription, DueCharge due, Instant at)
    {
        if (!due.Renews || subscription.Status != SubscriptionStatus.Active || !subscription.CanFire(SubscriptionTrigger.StartRenewal))
        {
            return false;
        }

        var reason = $"period from {due.Full.Start:uuuu-MM-dd}";
        subscription.Renew(Stamp(subscription, at), Actor, reason);
        subscription.CompleteRenewal(Stamp(subscription, at), Actor, reason);
        return true;
    }

    // A period the plan catalog cannot price: the renewal of an Active subscription fails (Renewing failed), for the host to
    // add the plan's version and retry. The run goes on with the other subscriptions.
    private Task<bool> FailRenewalAsync(string subscriptionId, UnknownPlanException failure, Instant at, CancellationToken cancellationToken) =>
        _commands.RunAsync("billing_run.fail_renewal", async () =>
        {
            var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
            if (subscription.Status != SubscriptionStatus.Active || !subscription.CanFire(SubscriptionTrigger.StartRenewal))
            {
                return false;   // not renewing (graced, stopped, failed already, or a plan that does not renew): left for the host to see
            }

            subscription.Renew(Stamp(subscription, at), Actor, $"period from {failure.On:uuuu-MM-dd}");
            subscription.FailRenewal(Stamp(subscription, at), Actor, failure.Message);
            await _commands.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // A usage charge with the quantity the host's meter reports for its days; metered only when not made yet.
    private async Task<DueCharge> MeterAsync(DueCharge due, string subscriptionId, DateTimeZone zone, CancellationToken cancellationToken)
    {
        if (await _commands.Store.FindChargeAsync(due.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return due;
        }

        var during = new InstantRange(due.Covered.Start.AtStartOfDayInZone(zone).ToInstant(), due.Covered.End.AtStartOfDayInZone(zone).ToInstant());
        return due with { Quantity = await _usage!.UsageAsync(subscriptionId, due.Charge.Name, during, cancellationToken).ConfigureAwait(false) };
    }

    // A postpaid charge or credit is stored open, unless a run made it already: the account's next draft invoice takes it.
    private Task<Outcome> MakeOpenAsync(string subscriptionId, string accountId, DueCharge due, Instant at, CancellationToken cancellationToken) =>
        _commands.RunAsync("billing_run.charge_open", async () =>
        {
            if (await _commands.Store.FindChargeAsync(due.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return default(Outcome);
            }

            var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
            var renewed = Renew(subscription, due, at);
            await _commands.CommitAsync(
                new PrepaidChange(subscription: renewed ? subscription : null, charges: [Charge(subscriptionId, accountId, due, at)]), cancellationToken).ConfigureAwait(false);
            return new Outcome(true, false, false, renewed);
        }, cancellationToken);

    private SubscriptionCharge Charge(string subscriptionId, string accountId, DueCharge due, Instant at) =>
        new(due.Id, accountId, subscriptionId, due.Plan.Id, due.Plan.Version, due.Charge.Name, due.Covered, Line(due), SubscriptionChargeStatus.Open, at, null, 0, due.Credits);

    // The line of a planned charge: the plan charge priced for the days covered as a share of the period (with the
    // minimum prorated alike), negated for a credit.
    private ChargeLine Line(DueCharge due)
    {
        var name = $"{due.Plan.Name} {due.Charge.Name}";
        if (due.Metered)
        {
            // Usage is what was used over the days: not prorated, no minimum; no duration for pay as you go (external).
            var payAsYouGo = due.Plan.BillingType == BillingType.PayAsYouGoExternal;
            return _engine.Calculate(ChargeSpec.For(due.Covered == due.Full ? name : $"{name}, {due.Covered.Start:uuuu-MM-dd} to {due.Covered.LastDay:uuuu-MM-dd}", due.Quantity, due.Charge.Price) with
            {
                DurationMonths = payAsYouGo ? null : Proration.DurationInMonths(due.Covered).ToDecimal(3),
                IsPayAsYouGoExternal = payAsYouGo,
                Taxes = due.Plan.Taxes,
                TaxMode = due.Plan.TaxMode,
            });
        }

        var factor = Proration.Factor(due.Covered, due.Full, ProrationMethod.ActualDays);
        var spec = ChargeSpec.For(due.Covered == due.Full ? name : $"{name}, {due.Covered.Start:uuuu-MM-dd} to {due.Covered.LastDay:uuuu-MM-dd}", due.Quantity, due.Charge.Price) with
        {
            Minimum = due.Plan.Minimum is { } minimum ? factor.Apply(minimum) : null,
            Taxes = due.Plan.Taxes,
            TaxMode = due.Plan.TaxMode,
        };
        var line = _engine.Calculate(spec.ProratedOver(due.Covered, due.Full, ProrationMethod.ActualDays));
        return due.Credits is null ? line : line.Negated($"Credit: {spec.Description}");
    }

    // Pays a subscription's open charges, oldest first, each with its open credits, while the balance allows; a graced
    // subscription is Active again when none is left.
    private async Task<(int Paid, bool Restored)> SettleAsync(string subscriptionId, string accountId, Instant at, CancellationToken cancellationToken)
    {
        var paid = 0;
        while (true)
        {
            var step = await _commands.RunAsync("billing_run.settle", async () =>
            {
                var open = await OpenChargesAsync(subscriptionId, accountId, cancellationToken).ConfigureAwait(false);
                if (open.Count == 0)
                {
                    var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
                    var back = subscription.Status == SubscriptionStatus.Graced && subscription.ReceivePayment(Stamp(subscription, at), Actor, "every charge is paid") is not null;
                    if (back)
                    {
                        await _commands.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
                    }

                    return (Done: true, Paid: false, Restored: back);
                }

                var next = open.FirstOrDefault(c => c.Credits is null) ?? open[0];
                List<SubscriptionCharge> credits = [.. open.Where(c => c.Credits == next.ChargeId)];
                var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
                if (!account.CanDebit(credits.Aggregate(next.Amount, (sum, c) => sum + c.Amount), account.BookingFor(at)))
                {
                    return (Done: true, Paid: false, Restored: false);
                }

                await _commands.CommitAsync(Pay(account, next, credits, at), cancellationToken).ConfigureAwait(false);
                return (Done: false, Paid: true, Restored: false);
            }, cancellationToken).ConfigureAwait(false);
            paid += step.Paid ? 1 : 0;
            if (step.Done)
            {
                return (paid, step.Restored);
            }
        }
    }

    // A subscription still graced (its charges unpaid after settling) whose grace period ended by the run's instant:
    // Stopping, or Waiting for manual approve when the account class stops by hand.
    private Task<bool> ExpireGraceAsync(string subscriptionId, AccountClass accountClass, Instant at, CancellationToken cancellationToken) =>
        _commands.RunAsync("billing_run.expire_grace", async () =>
        {
            var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
            if (subscription.Status != SubscriptionStatus.Graced || subscription.History[^1].At + accountClass.GracePeriod > at)
            {
                return false;
            }

            subscription.ExpireGracePeriod(accountClass, Stamp(subscription, at), Actor, $"unpaid after the grace period of {accountClass.GracePeriod}");
            await _commands.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    // A status change is recorded at the run's instant, or at the subscription's last change when that is later (a
    // change made while the run was on its way): a history never goes back in time.
    private static Instant Stamp(Subscription subscription, Instant at) =>
        subscription.History.Count > 0 && subscription.History[^1].At > at ? subscription.History[^1].At : at;

    // Closes a charge with the open credits of it, and moves the balance by their sum in one entry: a debit for a charge, a
    // credit back for a credit alone. Both are booked at the run's instant, or at the start of the account's open period
    // when an invoice has closed through a later instant (a late run), so each lands on exactly one invoice.
    private static PrepaidChange Pay(PrepaidAccount account, SubscriptionCharge charge, List<SubscriptionCharge> credits, Instant at, Subscription? subscription = null)
    {
        var booked = account.BookingFor(at);
        var amount = credits.Aggregate(charge.Amount, (sum, c) => sum + c.Amount);
        var (kind, key) = charge.Credits is null ? (LedgerEntryKind.SubscriptionChargeDebit, "charge:") : (LedgerEntryKind.SubscriptionChargeCredit, "credit:");
        var (head, entry) = account.Post(kind, -amount, key + charge.ChargeId, booked, charge.ChargeId, charge.Line.Description);
        return new PrepaidChange(head, entry, subscription: subscription, charges: [charge.Close(booked), .. credits.Select(c => c.Close(booked))]);
    }

    // A credit of a paid charge alone: the unused part goes back to the grants the charge's debit drew from (a trial
    // credit that paid it comes back as trial credit, and expires with it).
    private async Task<PrepaidChange> GiveBackAsync(PrepaidAccount account, SubscriptionCharge credit, Instant at, CancellationToken cancellationToken)
    {
        var booked = account.BookingFor(at);
        var (head, entry) = await _commands.GiveBackAsync(
            account, LedgerEntryKind.SubscriptionChargeCredit, -credit.Amount, "credit:" + credit.ChargeId, booked, credit.ChargeId, credit.Line.Description,
            "charge:" + credit.Credits, cancellationToken).ConfigureAwait(false);
        return new PrepaidChange(head, entry, charges: [credit.Close(booked)]);
    }

    // What making one charge did.
    private readonly record struct Outcome(bool Made, bool Paid, bool Graced, bool Renewed);

    private async Task<List<SubscriptionCharge>> OpenChargesAsync(string subscriptionId, string accountId, CancellationToken cancellationToken) =>
        [.. (await ChargesOfAsync(subscriptionId, accountId, SubscriptionChargeStatus.Open, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.MadeAt).ThenBy(c => c.ChargeId, StringComparer.Ordinal)];

    private Task<List<SubscriptionCharge>> ChargesOfAsync(string subscriptionId, string accountId, SubscriptionChargeStatus? status, CancellationToken cancellationToken) =>
        Pages.AllAsync(page => _commands.Store.QueryChargesAsync(
            new SubscriptionChargeQuery(accountId) { SubscriptionId = subscriptionId, Status = status, Page = page }, cancellationToken));

    // Every subscription, one page after another.
    private Task<List<Subscription>> AllAsync(CancellationToken cancellationToken) =>
        Pages.AllAsync(page => _commands.Store.QuerySubscriptionsAsync(new SubscriptionQuery { Page = page }, cancellationToken));
}
