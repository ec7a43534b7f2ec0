using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// Charges the prepaid, recurring subscriptions that are due at an instant: every period the plan charges by
/// then (in advance from its first day, in arrears from the day after its last), each fee and resource of the plan
/// version in force on the period's first day, paid from the balance in the same commit that makes the charge.
/// </summary>
/// <remarks>
/// <para>
/// A subscription's periods start on the day (in the run's time zone) it first became Active, after the plan's
/// trial if it has one, and follow the plan's interval. A charge's id is its subscription, period and plan charge
/// (<see cref="SubscriptionCharge.KeyFor"/>), so a charge is made once: running again, or again after a crash at
/// any step, makes nothing twice.
/// </para>
/// <para>
/// A charge the balance (with its credit limit) cannot pay is stored open and its subscription goes Graced
/// (payment overdue); while graced its new charges are stored open too. Each run then pays the open charges
/// oldest first while the balance allows, closing them, and moves the subscription back to Active when none is
/// left open. A subscription still graced when its account class's grace period has passed since it went Graced
/// has its grace period expire: Stopping, or Waiting for manual approve in manual stop mode. It is never stopped
/// while its charges are paid: the run settles before it looks at the deadline.
/// </para>
/// <para>
/// A resource is charged at the subscription's quantity when it holds one (<see cref="Subscription.Resources"/>), at
/// the plan's default otherwise; a quantity changed by an update applies from the next period charged.
/// Not yet: postpaid and non-recurring subscriptions, usage charges, mid-period changes.
/// </para>
/// </remarks>
public sealed class BillingRun
{
    private const string Actor = "billing-run";

    private readonly PrepaidCommands _commands;
    private readonly PlanCatalog _plans;
    private readonly ChargeEngine _engine;
    private readonly DateTimeZone _zone;
    private readonly Func<string, AccountClass> _accountClasses;

    /// <summary>Initializes the run.</summary>
    /// <param name="store">The store of subscriptions, charges and ledgers.</param>
    /// <param name="plans">The plans the subscriptions are on.</param>
    /// <param name="engine">The engine that calculates each charge line, with its rounding and tax policy.</param>
    /// <param name="zone">The time zone whose days periods are counted in.</param>
    /// <param name="clock">The clock of the commands' retries (the run itself takes its instant as an argument).</param>
    /// <param name="accountClasses">The class of an account by its id, as it is now: its grace period and stop mode; <see cref="AccountClass.Automatic"/> for every account when null.</param>
    /// <param name="attempts">How many times a commit is tried when it loses a race; 1 or more.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public BillingRun(
        IPrepaidStore store, PlanCatalog plans, ChargeEngine engine, DateTimeZone zone, IClock clock, Func<string, AccountClass>? accountClasses = null,
        int attempts = ConflictRetry.DefaultAttempts)
    {
        _commands = new PrepaidCommands(store, clock, attempts);
        _plans = Preconditions.CheckNotNull(plans);
        _engine = Preconditions.CheckNotNull(engine);
        _zone = Preconditions.CheckNotNull(zone);
        _accountClasses = accountClasses ?? (static _ => AccountClass.Automatic);
    }

    /// <summary>Makes and pays every charge due at <paramref name="at"/>, and settles open charges the balances now cover.</summary>
    /// <param name="at">The instant the run bills up to.</param>
    /// <param name="progress">Told after each subscription how far the run has come, if given.</param>
    /// <param name="cancellationToken">Cancels the run between commits; what was committed stays.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="BillingRunOutOfOrderException">The last run billed up to a later instant (<c>billing.run_before_last</c>); nothing is written. A run at the same instant again is allowed: it resumes one that stopped.</exception>
    /// <exception cref="UnknownPlanException">A subscription's plan has no version in force on a period's first day; the charges before it are made.</exception>
    /// <exception cref="NotFoundException">A prepaid subscription's account has no ledger.</exception>
    public async Task<BillingRunResult> RunAsync(Instant at, IProgress<BillingRunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await _commands.RunAsync(async () =>
        {
            if (await _commands.Store.LastBillingRunAsync(cancellationToken).ConfigureAwait(false) is { } last && at < last)
            {
                throw new BillingRunOutOfOrderException(at, last);
            }

            return await _commands.Store.CommitAsync(new PrepaidChange(billingRunAt: at), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var (seen, made, paid, graced, restored, expired) = (0, 0, 0, 0, 0, 0);
        List<Subscription> subscriptions =
            [.. await AllAsync(SubscriptionStatus.Active, cancellationToken).ConfigureAwait(false), .. await AllAsync(SubscriptionStatus.Graced, cancellationToken).ConfigureAwait(false)];
        for (var done = 1; done <= subscriptions.Count; done++)
        {
            var subscription = subscriptions[done - 1];
            cancellationToken.ThrowIfCancellationRequested();
            if (subscription.BillingType == BillingType.Recurring && subscription.PaymentModel == PaymentModel.Prepaid && ActivatedOn(subscription) is { } activated)
            {
                seen++;
                foreach (var (period, plan, charge) in Due(subscription, activated, at.InZone(_zone).Date))
                {
                    var quantity = charge.Kind == PlanChargeKind.Resource ? subscription.Resources.GetValueOrDefault(charge.Name, charge.DefaultQuantity) : charge.DefaultQuantity;
                    var outcome = await ChargeAsync(subscription.Id, subscription.AccountId, period, plan, charge, quantity, at, cancellationToken).ConfigureAwait(false);
                    made += outcome.Made ? 1 : 0;
                    paid += outcome.Paid ? 1 : 0;
                    graced += outcome.Graced ? 1 : 0;
                }

                var settled = await SettleAsync(subscription.Id, subscription.AccountId, at, cancellationToken).ConfigureAwait(false);
                paid += settled.Paid;
                restored += settled.Restored ? 1 : 0;
                expired += await ExpireGraceAsync(subscription.Id, subscription.AccountId, at, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            progress?.Report(new BillingRunProgress(done, subscriptions.Count, subscription.Id));
        }

        return new BillingRunResult(seen, made, paid, graced, restored, expired);
    }

    // The day the subscription first became Active, in the run's zone.
    private LocalDate? ActivatedOn(Subscription subscription) =>
        subscription.History.FirstOrDefault(c => c.To == SubscriptionStatus.Active) is { } change ? change.At.InZone(_zone).Date : null;

    // Every (period, plan version, plan charge) due by today, oldest period first.
    private IEnumerable<(BillingPeriod Period, Plan Plan, PlanCharge Charge)> Due(Subscription subscription, LocalDate activated, LocalDate today)
    {
        var first = _plans.Find(subscription.Plan, activated);
        var start = first.Trial is { } trial ? BillingCycle.StartingOn(activated, trial).StartOf(1) : activated;
        var cycle = BillingCycle.StartingOn(start, first.Interval);
        if (today < start)
        {
            yield break;
        }

        var last = cycle.IndexOf(today) - (first.Mode == BillingMode.InArrears ? 1 : 0);
        for (var i = 0; i <= last; i++)
        {
            var period = cycle.PeriodAt(i);
            var plan = _plans.Find(subscription.Plan, period.Start);
            foreach (var charge in plan.Charges.Where(c => c.Kind != PlanChargeKind.Usage))
            {
                yield return (period, plan, charge);
            }
        }
    }

    private Task<(bool Made, bool Paid, bool Graced)> ChargeAsync(
        string subscriptionId, string accountId, BillingPeriod period, Plan plan, PlanCharge planCharge, decimal quantity, Instant at, CancellationToken cancellationToken)
    {
        var id = SubscriptionCharge.KeyFor(subscriptionId, period, planCharge.Name);
        return _commands.RunAsync(async () =>
        {
            if (await _commands.Store.FindChargeAsync(id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return (false, false, false);
            }

            var spec = ChargeSpec.For($"{plan.Name} {planCharge.Name}", quantity, planCharge.Price) with
            {
                DurationMonths = Proration.DurationInMonths(period).ToDecimal(3),
                Minimum = plan.Minimum,
                Taxes = plan.Taxes,
                TaxMode = plan.TaxMode,
            };
            var charge = new SubscriptionCharge(id, accountId, subscriptionId, plan.Id, plan.Version, period, _engine.Calculate(spec), SubscriptionChargeStatus.Open, at, null, 0);
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
            if (subscription.Status == SubscriptionStatus.Active && account.CanDebit(charge.Amount))
            {
                var (debited, entry) = Debit(account, charge, at);
                await _commands.Store.CommitAsync(new PrepaidChange(debited, entry, charges: [charge.Close(at)]), cancellationToken).ConfigureAwait(false);
                return (true, true, false);
            }

            // Unpaid, or behind older open charges of a graced subscription, which are paid first.
            var overdue = subscription.Status == SubscriptionStatus.Active
                && subscription.MarkPaymentOverdue(Stamp(subscription, at), Actor, $"charge {id} of {charge.Amount} exceeds the balance") is not null;
            await _commands.Store.CommitAsync(new PrepaidChange(subscription: overdue ? subscription : null, charges: [charge]), cancellationToken).ConfigureAwait(false);
            return (true, false, overdue);
        });
    }

    // Pays a graced subscription's open charges, oldest first, while the balance allows; Active again when none is left.
    private async Task<(int Paid, bool Restored)> SettleAsync(string subscriptionId, string accountId, Instant at, CancellationToken cancellationToken)
    {
        var paid = 0;
        while (true)
        {
            var step = await _commands.RunAsync(async () =>
            {
                var open = (await _commands.Store.QueryChargesAsync(
                    new SubscriptionChargeQuery(accountId) { SubscriptionId = subscriptionId, Status = SubscriptionChargeStatus.Open, Page = new PageRequest(1, 1) },
                    cancellationToken).ConfigureAwait(false)).Items;
                var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
                if (open.Count == 0)
                {
                    var back = subscription.Status == SubscriptionStatus.Graced && subscription.ReceivePayment(Stamp(subscription, at), Actor, "every charge is paid") is not null;
                    if (back)
                    {
                        await _commands.Store.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
                    }

                    return (Done: true, Paid: false, Restored: back);
                }

                var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
                if (!account.CanDebit(open[0].Amount))
                {
                    return (Done: true, Paid: false, Restored: false);
                }

                var (debited, entry) = Debit(account, open[0], at);
                await _commands.Store.CommitAsync(new PrepaidChange(debited, entry, charges: [open[0].Close(at)]), cancellationToken).ConfigureAwait(false);
                return (Done: false, Paid: true, Restored: false);
            }).ConfigureAwait(false);
            paid += step.Paid ? 1 : 0;
            if (step.Done)
            {
                return (paid, step.Restored);
            }
        }
    }

    // A subscription still graced (its charges unpaid after settling) whose grace period ended by the run's instant:
    // Stopping, or Waiting for manual approve when the account class stops by hand.
    private Task<bool> ExpireGraceAsync(string subscriptionId, string accountId, Instant at, CancellationToken cancellationToken) =>
        _commands.RunAsync(async () =>
        {
            var subscription = (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false))!;
            var accountClass = Preconditions.CheckNotNull(_accountClasses(accountId), "accountClasses");
            if (subscription.Status != SubscriptionStatus.Graced || subscription.History[^1].At + accountClass.GracePeriod > at)
            {
                return false;
            }

            subscription.ExpireGracePeriod(accountClass, Stamp(subscription, at), Actor, $"unpaid after the grace period of {accountClass.GracePeriod}");
            await _commands.Store.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
            return true;
        });

    // A status change is recorded at the run's instant, or at the subscription's last change when that is later (a
    // change made while the run was on its way): a history never goes back in time.
    private static Instant Stamp(Subscription subscription, Instant at) =>
        subscription.History.Count > 0 && subscription.History[^1].At > at ? subscription.History[^1].At : at;

    private static (PrepaidAccount Account, LedgerEntry Entry) Debit(PrepaidAccount account, SubscriptionCharge charge, Instant at) =>
        account.Post(LedgerEntryKind.SubscriptionChargeDebit, -charge.Amount, "charge:" + charge.ChargeId, at, charge.ChargeId, charge.Line.Description);

    private async Task<List<Subscription>> AllAsync(SubscriptionStatus status, CancellationToken cancellationToken)
    {
        var all = new List<Subscription>();
        for (var number = 1; ; number++)
        {
            var page = await _commands.Store.QuerySubscriptionsAsync(new SubscriptionQuery { Status = status, Page = new PageRequest(number, PageRequest.MaxSize) }, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            if (!page.HasNext)
            {
                return all;
            }
        }
    }
}
