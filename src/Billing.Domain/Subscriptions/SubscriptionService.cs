using Billing.Domain.Plans;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// Orders subscriptions to plans of a catalog and moves them through their lifecycle, each change stored with
/// its history under optimistic concurrency (a lost race is read again and decided again).
/// </summary>
public sealed class SubscriptionService
{
    private readonly PrepaidCommands _commands;
    private readonly PlanCatalog _plans;
    private readonly DateTimeZone _zone;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The store.</param>
    /// <param name="plans">The plans subscriptions may be ordered to.</param>
    /// <param name="zone">The time zone whose day decides which version of a plan is in force.</param>
    /// <param name="clock">The clock stamping orders and changes.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public SubscriptionService(IPrepaidStore store, PlanCatalog plans, DateTimeZone zone, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _commands = new PrepaidCommands(store, clock, retry, logger);
        _plans = Preconditions.CheckNotNull(plans);
        _zone = Preconditions.CheckNotNull(zone);
    }

    /// <summary>
    /// Orders a subscription to a plan: it is stored Ordered, with the plan's billing type. The same order again
    /// returns the first.
    /// </summary>
    /// <param name="subscriptionId">The subscription's id, chosen by the host.</param>
    /// <param name="accountId">The account it belongs to; a prepaid one must have an open ledger.</param>
    /// <param name="name">Its name, as invoices show it.</param>
    /// <param name="planId">The plan: one the catalog holds a version of today.</param>
    /// <param name="paymentModel">Whether the account pays before (its balance) or after use.</param>
    /// <param name="actor">Who orders it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription as stored.</returns>
    /// <exception cref="ArgumentException">A text argument is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="paymentModel"/> is undefined.</exception>
    /// <exception cref="UnknownPlanException">The catalog has no version of the plan today (<c>plan.unknown</c>); nothing is written.</exception>
    /// <exception cref="NotFoundException">A prepaid subscription's account has no ledger; nothing is written.</exception>
    /// <exception cref="CurrencyMismatchException">The plan is in another currency than the prepaid account's ledger; nothing is written.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The id is taken by a different order.</exception>
    public Task<Subscription> OrderAsync(
        string subscriptionId, string accountId, string name, string planId, PaymentModel paymentModel, string actor, CancellationToken cancellationToken = default)
    {
        var now = _commands.Now;
        var plan = _plans.Find(Preconditions.CheckId(planId), now.InZone(_zone).Date);
        var ordered = Subscription.Order(subscriptionId, accountId, name, planId, plan.BillingType, paymentModel, now, actor);
        return _commands.RunAsync("subscription.order", async () =>
        {
            if (await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return SameOrder(existing, ordered) ? existing : throw new IdempotencyKeyReusedException("subscription", subscriptionId);
            }

            if (paymentModel == PaymentModel.Prepaid)
            {
                var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
                account.CheckCurrency(new Money(0m, plan.Currency));
            }

            return (await _commands.CommitAsync(new PrepaidChange(subscription: ordered), cancellationToken).ConfigureAwait(false)).Subscription!;
        }, cancellationToken);
    }

    /// <summary>
    /// Applies one intention to a stored subscription, at the service clock's instant, and stores the result.
    /// When the commit loses a race the subscription is read again and the intention applied again.
    /// </summary>
    /// <param name="accountId">The account the subscription belongs to.</param>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="change">The intention, given the subscription and the instant: <c>(s, now) =&gt; s.CompleteActivation(now, "provisioner")</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The subscription as stored after the change, and the change (null when its status ignores the trigger; then nothing is written).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="change"/> is null.</exception>
    /// <exception cref="NotFoundException">No such subscription in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">The status does not permit the trigger (<c>subscription.transition_refused</c>); nothing is written.</exception>
    /// <exception cref="UnknownPlanException">A plan switch names a plan with no version in force today (<c>plan.unknown</c>); nothing is written.</exception>
    /// <exception cref="CurrencyMismatchException">A plan switch names a plan in another currency; nothing is written.</exception>
    /// <exception cref="PlanSwitchRefusedException">A plan switch names a plan with another billing type, interval or mode (<c>plan.switch_refused</c>); nothing is written.</exception>
    /// <exception cref="ArgumentException">A resource update names a resource the plan does not have; nothing is written.</exception>
    public Task<(Subscription Subscription, SubscriptionStatusChange? Change)> ChangeAsync(
        string accountId, string subscriptionId, Func<Subscription, Instant, SubscriptionStatusChange?> change, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        Preconditions.CheckNotNull(change);
        return _commands.RunAsync("subscription.change", async () =>
        {
            var subscription = await _commands.Store.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
            if (subscription is null || subscription.AccountId != accountId)
            {
                throw new NotFoundException("subscription", subscriptionId);
            }

            var (pendingPlan, pendingResources) = (subscription.PendingPlan, subscription.PendingResources);
            var made = change(subscription, _commands.Now);
            if (made is null)
            {
                return (subscription, made);
            }

            var today = made.At.InZone(_zone).Date;
            if (subscription.PendingPlan is { } next && next != pendingPlan)
            {
                CheckSwitch(_plans.Find(subscription.Plan, today), _plans.Find(next, today));
            }

            if (subscription.PendingResources is { } quantities && !ReferenceEquals(quantities, pendingResources))
            {
                CheckResources(_plans.Find(subscription.Plan, today), quantities);
            }

            var saved = await _commands.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
            return (saved.Subscription!, made);
        }, cancellationToken);
    }

    private static void CheckSwitch(Plan from, Plan to)
    {
        if (to.Currency != from.Currency)
        {
            throw new CurrencyMismatchException(from.Currency, to.Currency);
        }

        if (to.BillingType != from.BillingType || to.Interval != from.Interval || to.Mode != from.Mode)
        {
            throw new PlanSwitchRefusedException(from, to);
        }
    }

    private static void CheckResources(Plan plan, IReadOnlyDictionary<string, decimal> quantities)
    {
        foreach (var name in quantities.Keys)
        {
            Preconditions.CheckArgument(
                plan.ChargeNamed(name)?.Kind == PlanChargeKind.Resource, "change", $"Plan '{plan.Id}' has no resource '{name}'.");
        }
    }

    // The fields an order fixes; the plan only while no switch has completed (a switch moves it on).
    private static bool SameOrder(Subscription existing, Subscription ordered) =>
        existing.AccountId == ordered.AccountId && existing.Name == ordered.Name && existing.BillingType == ordered.BillingType
        && existing.PaymentModel == ordered.PaymentModel && existing.OrderedBy == ordered.OrderedBy
        && (existing.Plan == ordered.Plan || existing.History.Any(c => c.Trigger == SubscriptionTrigger.CompleteSwitch));
}
