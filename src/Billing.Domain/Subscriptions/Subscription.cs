using Billing.Domain.Lifecycles;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// A subscription of an account to a plan, and its whole life from order to deletion.
/// </summary>
/// <remarks>
/// Every intention method fires one trigger through <see cref="SubscriptionLifecycle"/>: a permitted trigger
/// moves <see cref="Status"/> and appends to <see cref="History"/>; a refused one throws
/// <see cref="TransitionRefusedException"/> and changes nothing. Ask <see cref="CanFire"/> first where a
/// refusal is a normal answer. The subscription never reads a clock: every method takes the instant.
/// </remarks>
public sealed class Subscription
{
    private readonly List<SubscriptionStatusChange> _history = [];
    private readonly List<SubscriptionTerms> _terms = [];

    private Subscription(string id, string accountId, string name, string plan, BillingType billingType, PaymentModel paymentModel, Instant orderedAt, string orderedBy)
    {
        Id = id;
        AccountId = accountId;
        Name = name;
        Plan = plan;
        BillingType = billingType;
        PaymentModel = paymentModel;
        OrderedAt = orderedAt;
        OrderedBy = orderedBy;
        Status = SubscriptionStatus.Ordered;
        _terms.Add(new SubscriptionTerms(orderedAt, plan, Empty));
    }

    /// <summary>Gets the subscription's unique id.</summary>
    public string Id { get; }

    /// <summary>Gets the id of the account that owns the subscription.</summary>
    public string AccountId { get; }

    /// <summary>Gets the subscription's name, as the invoice's Subscriptions table shows it.</summary>
    public string Name { get; }

    /// <summary>Gets the plan the subscription is on; it changes when a plan switch completes.</summary>
    public string Plan { get; private set; }

    /// <summary>Gets the plan a switch in progress (or failed, waiting for a retry) moves to.</summary>
    /// <value>The new plan, or null when no switch is pending.</value>
    public string? PendingPlan { get; private set; }

    /// <summary>Gets how the plan is billed.</summary>
    public BillingType BillingType { get; }

    /// <summary>Gets whether the account pays before or after use.</summary>
    public PaymentModel PaymentModel { get; }

    /// <summary>Gets when the subscription was ordered.</summary>
    public Instant OrderedAt { get; }

    /// <summary>Gets who ordered it.</summary>
    public string OrderedBy { get; }

    /// <summary>Gets the current status.</summary>
    public SubscriptionStatus Status { get; private set; }

    /// <summary>Gets the stop or delete that waits for a manager, in Waiting for manual approve.</summary>
    /// <value>The pending operation, or null in every other status.</value>
    public ManualOperation? PendingOperation { get; private set; }

    /// <summary>Gets the status a declined operation returns to, in Waiting for manual approve.</summary>
    /// <value>The status the stop or delete was requested in, or null in every other status.</value>
    public SubscriptionStatus? StatusBeforeApproval { get; private set; }

    /// <summary>Gets every accepted transition, oldest first.</summary>
    public IReadOnlyList<SubscriptionStatusChange> History => _history;

    /// <summary>Gets the quantities of the plan's resources the subscription holds, by plan charge name; a resource not listed holds the plan's default.</summary>
    public IReadOnlyDictionary<string, decimal> Resources { get; private set; } = Empty;

    /// <summary>Gets the quantities an update in progress (or failed, waiting for a retry) moves to; they replace <see cref="Resources"/> when it completes.</summary>
    /// <value>The new quantities, or null when no update is pending.</value>
    public IReadOnlyDictionary<string, decimal>? PendingResources { get; private set; }

    /// <summary>Gets the terms the subscription has been on, oldest first: the ordered plan, then one for each completed plan switch and resource update; the last are <see cref="Plan"/> and <see cref="Resources"/>.</summary>
    public IReadOnlyList<SubscriptionTerms> Terms => _terms;

    /// <summary>Gets the version the store last saved, 0 for a subscription never saved; a commit must carry the version it read.</summary>
    public long Version { get; private set; }

    /// <summary>Orders a new subscription: its status is Ordered.</summary>
    /// <param name="id">The subscription's unique id.</param>
    /// <param name="accountId">The owning account's id.</param>
    /// <param name="name">The subscription's name.</param>
    /// <param name="plan">The plan ordered.</param>
    /// <param name="billingType">How the plan is billed.</param>
    /// <param name="paymentModel">Prepaid or postpaid.</param>
    /// <param name="at">When it was ordered.</param>
    /// <param name="actor">Who ordered it.</param>
    /// <returns>The subscription, Ordered, with an empty history.</returns>
    /// <exception cref="ArgumentNullException">A text argument is null.</exception>
    /// <exception cref="ArgumentException">A text argument is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="billingType"/> or <paramref name="paymentModel"/> is undefined.</exception>
    public static Subscription Order(string id, string accountId, string name, string plan, BillingType billingType, PaymentModel paymentModel, Instant at, string actor) =>
        new(
            Preconditions.CheckId(id), Preconditions.CheckId(accountId), Preconditions.CheckId(name), Preconditions.CheckId(plan),
            Enum.IsDefined(billingType) ? billingType : throw new ArgumentOutOfRangeException(nameof(billingType), billingType, "Unknown billing type."),
            Enum.IsDefined(paymentModel) ? paymentModel : throw new ArgumentOutOfRangeException(nameof(paymentModel), paymentModel, "Unknown payment model."),
            at,
            Preconditions.CheckActor(actor));

    /// <summary>Rebuilds a stored subscription: what a store adapter reads back.</summary>
    /// <param name="id">The subscription's id.</param>
    /// <param name="accountId">The owning account's id.</param>
    /// <param name="name">The subscription's name.</param>
    /// <param name="plan">The plan it is on.</param>
    /// <param name="pendingPlan">The plan a switch moves to, or null.</param>
    /// <param name="billingType">How the plan is billed.</param>
    /// <param name="paymentModel">Prepaid or postpaid.</param>
    /// <param name="orderedAt">When it was ordered.</param>
    /// <param name="orderedBy">Who ordered it.</param>
    /// <param name="history">Every accepted transition, oldest first; the status is the last one's destination (Ordered when empty).</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <param name="resources">The resources' quantities, by plan charge name; none when null.</param>
    /// <param name="pendingResources">The quantities an update moves to, or null.</param>
    /// <param name="terms">The terms it has been on, oldest first; when null, one set from the order: <paramref name="plan"/> with <paramref name="resources"/>.</param>
    /// <returns>The subscription as it was saved.</returns>
    /// <exception cref="ArgumentNullException">A text argument or <paramref name="history"/> is null, or holds null.</exception>
    /// <exception cref="ArgumentException">The history does not chain from Ordered (each change starting where the last ended, never earlier), the pending plan is the plan, or the terms are empty, hold null, go back in time, start before the order or do not end with the plan and resources.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An enum is undefined, or <paramref name="version"/> is below 1.</exception>
    public static Subscription Restore(
        string id, string accountId, string name, string plan, string? pendingPlan, BillingType billingType, PaymentModel paymentModel, Instant orderedAt, string orderedBy,
        IReadOnlyList<SubscriptionStatusChange> history, long version, IReadOnlyDictionary<string, decimal>? resources = null,
        IReadOnlyDictionary<string, decimal>? pendingResources = null, IReadOnlyList<SubscriptionTerms>? terms = null)
    {
        var subscription = Order(id, accountId, name, plan, billingType, paymentModel, orderedAt, orderedBy);
        Preconditions.CheckNotNull(history);
        Preconditions.CheckArgument(pendingPlan is null || (Preconditions.CheckId(pendingPlan) != plan), nameof(pendingPlan), "A pending plan is another plan than the current one.");
        foreach (var change in history)
        {
            Preconditions.CheckArgument(change is not null, nameof(history), "A history holds no null change.");
            Preconditions.CheckArgument(change.From == subscription.Status, nameof(history), $"The change to {change.To} starts at {change.From}, but the one before ended at {subscription.Status}.");
            Preconditions.CheckArgument(subscription._history.Count == 0 || change.At >= subscription._history[^1].At, nameof(history), $"The change to {change.To} at {change.At} is before the one before it.");
            subscription.Record(change);
        }

        subscription.PendingPlan = pendingPlan;
        subscription.Resources = Merge(Empty, resources ?? Empty, nameof(resources));
        subscription.PendingResources = pendingResources is null ? null : Merge(Empty, pendingResources, nameof(pendingResources));
        subscription._terms.Clear();
        foreach (var set in terms ?? [new SubscriptionTerms(orderedAt, plan, subscription.Resources)])
        {
            Preconditions.CheckArgument(set is not null, nameof(terms), "Terms hold no null.");
            Preconditions.CheckArgument(set.From >= (subscription._terms.Count == 0 ? orderedAt : subscription._terms[^1].From), nameof(terms), $"The terms from {set.From} start before the order or the terms before them.");
            subscription._terms.Add(new SubscriptionTerms(set.From, set.Plan, Merge(Empty, set.Resources, nameof(terms))));
        }

        Preconditions.CheckArgument(
            subscription._terms.Count > 0 && subscription._terms[^1].SameAs(new SubscriptionTerms(orderedAt, plan, subscription.Resources)), nameof(terms), "The last terms are the plan and resources.");
        subscription.Version = version >= 1 ? version : throw new ArgumentOutOfRangeException(nameof(version), version, "A stored subscription's version is 1 or more.");
        return subscription;
    }

    /// <summary>Returns a copy of the subscription as a store saves it: its version advanced by one.</summary>
    /// <returns>The saved copy; this subscription is unchanged.</returns>
    public Subscription Saved() => Copy(Version + 1);

    /// <summary>Returns a copy at the same version, so that a store's reads never share a mutable subscription.</summary>
    internal Subscription Copy() => Copy(Version);

    /// <summary>Returns a value indicating whether <paramref name="trigger"/> is permitted now: it would move the status, or be ignored.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="accountClass">The account's class, which decides whether stops and deletes wait for approval; automatic when null.</param>
    /// <returns>True when the matching intention method would not throw <see cref="TransitionRefusedException"/>.</returns>
    public bool CanFire(SubscriptionTrigger trigger, AccountClass? accountClass = null) =>
        SubscriptionLifecycle.Machine.CanFire(Status, trigger, ContextFor(accountClass ?? AccountClass.Automatic));

    /// <summary>Returns the triggers that would move the subscription out of its current status now.</summary>
    /// <param name="accountClass">The account's class; automatic when null.</param>
    /// <returns>The triggers, in the order of <see cref="SubscriptionTrigger"/>.</returns>
    public IReadOnlyList<SubscriptionTrigger> PermittedTriggers(AccountClass? accountClass = null) =>
        SubscriptionLifecycle.Machine.PermittedTriggers(Status, ContextFor(accountClass ?? AccountClass.Automatic));

    /// <summary>Starts switching to another plan: Active to Switching. The plan changes when the switch completes.</summary>
    /// <param name="newPlan">The plan to switch to; not the current one.</param>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="newPlan"/> is null.</exception>
    public SubscriptionStatusChange? SwitchPlan(string newPlan, Instant at, string actor, string? reason = null)
    {
        Preconditions.CheckId(newPlan);
        Preconditions.CheckArgument(newPlan != Plan, nameof(newPlan), $"The subscription is already on plan '{newPlan}'.");
        var change = Fire(SubscriptionTrigger.StartSwitch, AccountClass.Automatic, at, actor, reason);
        PendingPlan = newPlan;
        return change;
    }

    /// <summary>Records that the plan switch finished: Switching to Active, on the new plan.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteSwitch(Instant at, string actor, string? reason = null)
    {
        var change = Fire(SubscriptionTrigger.CompleteSwitch, AccountClass.Automatic, at, actor, reason);
        Plan = PendingPlan!;
        PendingPlan = null;
        _terms.Add(new SubscriptionTerms(at, Plan, Resources));
        return change;
    }

    /// <summary>Starts installing the ordered service: Ordered to Installing.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? StartInstallation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.StartInstallation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that installation finished: Installing to Activating.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteInstallation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.CompleteInstallation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that installation failed: Installing to Installation failed.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailInstallation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailInstallation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Activates an order with nothing to install: Ordered to Activating.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? StartActivation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.StartActivation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that activation finished: Activating to Active, or to Delivered for a non-recurring plan.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteActivation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.CompleteActivation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that activation failed: Activating to Activation failed.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailActivation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailActivation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Starts renewing a recurring subscription: Active to Renewing.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? Renew(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.StartRenewal, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that renewal finished: Renewing to Active.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteRenewal(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.CompleteRenewal, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that renewal failed: Renewing to Renewing failed.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailRenewal(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailRenewal, AccountClass.Automatic, at, actor, reason);

    /// <summary>Starts updating the subscription's resources: Active to Updating. The quantities apply when the update completes.</summary>
    /// <param name="quantities">The new quantity of each resource named, by plan charge name: 0 or more, up to three decimals; resources not named keep theirs.</param>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="quantities"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> or a name is empty, or <paramref name="at"/> is before the last change.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A quantity is negative, above <see cref="Pricing.PriceComponent.MaxQuantity"/> or has more than three decimals.</exception>
    public SubscriptionStatusChange? UpdateResources(IReadOnlyDictionary<string, decimal> quantities, Instant at, string actor, string? reason = null)
    {
        var pending = Merge(Resources, quantities, nameof(quantities));
        var change = Fire(SubscriptionTrigger.StartUpdate, AccountClass.Automatic, at, actor, reason);
        PendingResources = change is null ? PendingResources : pending;
        return change;
    }

    /// <summary>Records that the resource update finished: Updating to Active.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteUpdate(Instant at, string actor, string? reason = null)
    {
        var change = Fire(SubscriptionTrigger.CompleteUpdate, AccountClass.Automatic, at, actor, reason);
        if (change is not null)
        {
            Resources = PendingResources ?? Resources;
            PendingResources = null;
            _terms.Add(new SubscriptionTerms(at, Plan, Resources));
        }

        return change;
    }

    /// <summary>Records that the resource update failed: Updating to Updating failed.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailUpdate(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailUpdate, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the plan switch failed: Switching to Switching failed; the new plan stays pending for a retry.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailSwitch(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailSwitch, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the stop finished: Stopping to Stopped.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteStop(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.CompleteStop, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the stop failed: Stopping to Stopping failed.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailStop(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailStop, AccountClass.Automatic, at, actor, reason);

    /// <summary>Resumes a stopped subscription: Stopped to Activating.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? Resume(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.Resume, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the deletion finished: Deleting to Deleted, for good.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? CompleteDeletion(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.CompleteDeletion, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the deletion failed: Deleting to Deletion failed.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? FailDeletion(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.FailDeletion, AccountClass.Automatic, at, actor, reason);

    /// <summary>Tries a failed operation again: each *_failed status to its running status (Installation failed to Installing, and so on).</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? Retry(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.Retry, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the customer did not pay on time: Active to Graced.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? MarkPaymentOverdue(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.PaymentOverdue, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the payment of a postpaid subscription expired: Active or Graced to Blocked.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? ExpirePayment(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.PaymentExpired, AccountClass.Automatic, at, actor, reason);

    /// <summary>Records that the customer paid: Graced to Active, Blocked to Activating; ignored where nothing waits for a payment.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? ReceivePayment(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.PaymentReceived, AccountClass.Automatic, at, actor, reason);

    /// <summary>Approves the stop or delete waiting for a manager: Waiting for manual approve to Stopping or Deleting.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? ApproveOperation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.ApproveOperation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Declines the stop or delete waiting for a manager: back to the status before it was requested.</summary>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    public SubscriptionStatusChange? DeclineOperation(Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.DeclineOperation, AccountClass.Automatic, at, actor, reason);

    /// <summary>Requests a stop: to Stopping, or to Waiting for manual approve when the account class's stop mode is manual.</summary>
    /// <param name="accountClass">The account's class as it is now; its modes decide whether a manager must approve.</param>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="accountClass"/> is null.</exception>
    public SubscriptionStatusChange? Stop(AccountClass accountClass, Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.RequestStop, Preconditions.CheckNotNull(accountClass), at, actor, reason);

    /// <summary>Requests deletion: to Deleting, or to Waiting for manual approve when the account class's delete mode is manual.</summary>
    /// <param name="accountClass">The account's class as it is now; its modes decide whether a manager must approve.</param>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="accountClass"/> is null.</exception>
    public SubscriptionStatusChange? Delete(AccountClass accountClass, Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.RequestDeletion, Preconditions.CheckNotNull(accountClass), at, actor, reason);

    /// <summary>Records that the grace period ended unpaid: Graced to Stopping, or to Waiting for manual approve when the account class's stop mode is manual.</summary>
    /// <param name="accountClass">The account's class as it is now; its modes decide whether a manager must approve.</param>
    /// <param name="at">When it happened; not before the last change in <see cref="History"/>.</param>
    /// <param name="actor">Who or what did it.</param>
    /// <param name="reason">Why, if known.</param>
    /// <returns>The change recorded, or null when the current status ignores it.</returns>
    /// <exception cref="TransitionRefusedException">The current status does not permit it (<c>subscription.transition_refused</c>); nothing changes.</exception>
    /// <exception cref="ArgumentException"><paramref name="actor"/> is empty, or <paramref name="at"/> is before the last change.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="accountClass"/> is null.</exception>
    public SubscriptionStatusChange? ExpireGracePeriod(AccountClass accountClass, Instant at, string actor, string? reason = null) =>
        Fire(SubscriptionTrigger.GracePeriodExpired, Preconditions.CheckNotNull(accountClass), at, actor, reason);

    private SubscriptionStatusChange? Fire(SubscriptionTrigger trigger, AccountClass accountClass, Instant at, string actor, string? reason)
    {
        Preconditions.CheckActor(actor);
        if (_history.Count > 0 && at < _history[^1].At)
        {
            throw new ArgumentException($"{at} is before the last change at {_history[^1].At}.", nameof(at));
        }

        var transition = SubscriptionLifecycle.Machine.Fire(Status, trigger, ContextFor(accountClass));
        if (transition.IsIgnored)
        {
            return null;
        }

        var change = new SubscriptionStatusChange(Status, transition.Destination, trigger, at, actor, reason);
        Record(change);
        return change;
    }

    // Moves to the change's destination; waiting for a manager remembers what for and where from.
    private void Record(SubscriptionStatusChange change)
    {
        if (change.To == SubscriptionStatus.WaitingForManualApprove)
        {
            PendingOperation = change.Trigger == SubscriptionTrigger.RequestDeletion ? ManualOperation.Delete : ManualOperation.Stop;
            StatusBeforeApproval = change.From;
        }
        else if (change.From == SubscriptionStatus.WaitingForManualApprove)
        {
            PendingOperation = null;
            StatusBeforeApproval = null;
        }

        _history.Add(change);
        Status = change.To;
    }

    private Subscription Copy(long version) =>
        Restore(Id, AccountId, Name, Plan, PendingPlan, BillingType, PaymentModel, OrderedAt, OrderedBy, _history, version, Resources, PendingResources, _terms);

    private static readonly IReadOnlyDictionary<string, decimal> Empty = new SortedDictionary<string, decimal>(StringComparer.Ordinal);

    // The quantities with the changes applied, checked, in name order (so that two equal sets compare and store alike).
    private static SortedDictionary<string, decimal> Merge(IReadOnlyDictionary<string, decimal> quantities, IReadOnlyDictionary<string, decimal> changes, string paramName)
    {
        Preconditions.CheckNotNull(changes, paramName);
        var merged = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, quantity) in quantities)
        {
            merged[name] = quantity;
        }

        foreach (var (name, quantity) in changes)
        {
            Preconditions.CheckText(name, paramName);
            if (quantity < 0m || quantity > Pricing.PriceComponent.MaxQuantity || decimal.Round(quantity, 3) != quantity)
            {
                throw new ArgumentOutOfRangeException(paramName, quantity, $"Resource '{name}': a quantity is 0 to {Pricing.PriceComponent.MaxQuantity:N0} with up to three decimals.");
            }

            merged[name] = quantity;
        }

        return merged;
    }

    private SubscriptionContext ContextFor(AccountClass accountClass) =>
        new(BillingType, PaymentModel, accountClass.StopMode, accountClass.DeleteMode, PendingOperation, StatusBeforeApproval);
}
