using Billing.Domain.Periods;
using Billing.Domain.Plans;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>A charge or credit the billing run is to make: its id, the days it covers of a billing period, and what prices them.</summary>
/// <param name="Id">Its id (<see cref="SubscriptionCharge.KeyFor"/> or <see cref="SubscriptionCharge.CreditKeyFor"/>).</param>
/// <param name="Full">The billing period the plan's price is for.</param>
/// <param name="Covered">The days charged or credited, within <paramref name="Full"/>.</param>
/// <param name="Plan">The plan version that prices it.</param>
/// <param name="Charge">The plan charge.</param>
/// <param name="Quantity">The quantity charged.</param>
/// <param name="Credits">The id of the charge it gives back part of, or null for a charge.</param>
internal sealed record DueCharge(string Id, BillingPeriod Full, BillingPeriod Covered, Plan Plan, PlanCharge Charge, decimal Quantity, string? Credits)
{
    /// <summary>Gets a value indicating whether the quantity is the usage metered over the days covered (a usage charge).</summary>
    public bool Metered => Charge.Kind == PlanChargeKind.Usage;

    /// <summary>Gets a value indicating whether making it renews the subscription: the first charge of a period after the first, in advance.</summary>
    public bool Renews { get; init; }
}

/// <summary>What the billing run is to make for a subscription, and the period it could not price, if one.</summary>
/// <param name="Due">The charges and credits to make, in order.</param>
/// <param name="RenewalFailed">Why a period could not be priced (its plan has no version in force), or null.</param>
internal sealed record BillingPlan(List<DueCharge> Due, UnknownPlanException? RenewalFailed);

/// <summary>
/// Works out, from a subscription's history and terms and the charges already stored, which charges and credits
/// make its billing right up to a day: the pure part of <see cref="BillingRun"/>.
/// </summary>
/// <remarks>
/// <para>
/// A day is billed when the subscription is in use at the end of it (in the run's zone): from the day it becomes
/// Active (or Delivered) to the day before it becomes Stopped, Blocked or Deleted; the terms of a day are the last
/// ones that took effect on or before it. So the day of a switch or update belongs to the new terms, and the day of
/// a stop is not billed. Days after the run's day are taken to stay as they are at the run's instant.
/// </para>
/// <para>
/// In advance, each run of days with the same terms is charged from its first day to the end of its period (the whole
/// period at its start: the plain key); when the days stop being on those terms, a credit gives back the rest, from
/// the first day that differs. In arrears, a period is charged once it has ended, one charge per run of days.
/// Usage charges are always in arrears: once a period has ended, one per run of days, metered over those days.
/// A non-recurring plan is charged once, for the first period from the day it was delivered, and never credited.
/// </para>
/// </remarks>
internal static class SubscriptionBilling
{
    /// <summary>Returns the charges and credits to make, each charge before the credits of it, oldest period first; planning stops at a period whose plan has no version in force.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="plans">The plan catalog.</param>
    /// <param name="zone">The zone whose days are counted: the account's.</param>
    /// <param name="billingDay">The account's billing day for monthly and yearly plans, or null for the day the subscription became Active.</param>
    /// <param name="at">The run's instant: changes after it are not yet known.</param>
    /// <param name="stored">The subscription's stored charges and credits.</param>
    /// <returns>What to make, in order, and why planning stopped early, if it did.</returns>
    public static BillingPlan Due(Subscription subscription, PlanCatalog plans, DateTimeZone zone, int? billingDay, Instant at, IEnumerable<SubscriptionCharge> stored)
    {
        var ledger = new ChargeBook(stored);
        var due = new List<DueCharge>();
        var timeline = Timeline(subscription, zone, at);
        // The cycle starts on the day the subscription first became Active (or Delivered), whatever came after that day.
        if (subscription.History.FirstOrDefault(c => c.At <= at && (c.To == SubscriptionStatus.Active || c.To == SubscriptionStatus.Delivered)) is not { } activation)
        {
            return new BillingPlan(due, null);
        }

        // Stryker disable once Linq : the activation's day always has a timeline entry, so First and FirstOrDefault find the same (equivalent)
        var first = timeline.First(s => s.Day == activation.At.InZone(zone).Date);
        var today = at.InZone(zone).Date;
        if (!plans.TryFind(subscription.Terms[first.Terms].Plan, first.Day, out var plan))
        {
            return new BillingPlan(due, new UnknownPlanException(subscription.Terms[first.Terms].Plan, first.Day));
        }

        if (subscription.BillingType == BillingType.NonRecurring)
        {
            var once = BillingCycle.StartingOn(first.Day, plan.Interval).PeriodAt(0);
            foreach (var charge in plan.Charges)
            {
                ledger.Make(due, new DueCharge(SubscriptionCharge.KeyFor(subscription.Id, once, charge.Name), once, once, plan, charge, Quantity(subscription.Terms[first.Terms], charge), null));
            }

            return new BillingPlan(due, null);
        }

        // Periods from the one the first day charged falls in: on the account's billing day (the first one prorated by the
        // days in use), or from that day.
        var start = plan.Trial is { } trial ? BillingCycle.StartingOn(first.Day, trial).StartOf(1) : first.Day;
        var cycle = billingDay is { } day && plan.Interval.IsMonthly ? new BillingCycle(plan.Interval, day, start.ToYearMonth()) : BillingCycle.StartingOn(start, plan.Interval);
        var inAdvance = plan.Mode == BillingMode.InAdvance;
        var firstPeriod = cycle.IndexOf(start);
        for (var i = firstPeriod; ; i++)
        {
            var period = cycle.PeriodAt(i);
            if (inAdvance ? period.Start > today : period.End > today)
            {
                return new BillingPlan(due, null);
            }

            var ended = period.End <= today;
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var planned = due.Count;
            foreach (var (segmentStart, to, terms) in Segments(timeline, period).Where(s => s.To > start))
            {
                var from = segmentStart < start ? start : segmentStart;   // a trial's days are free
                if (!plans.TryFind(subscription.Terms[terms].Plan, from, out var version))
                {
                    var failure = new UnknownPlanException(subscription.Terms[terms].Plan, from);
                    due.RemoveRange(planned, due.Count - planned);   // the period is planned whole or not at all
                    return new BillingPlan(due, failure);
                }

                foreach (var charge in version.Charges.Where(c => ended || c.Kind != PlanChargeKind.Usage))
                {
                    var quantity = Quantity(subscription.Terms[terms], charge);
                    if (!inAdvance || charge.Kind == PlanChargeKind.Usage)
                    {
                        var id = SubscriptionCharge.KeyFor(subscription.Id, period, charge.Name, from, terms);
                        visited.Add(id);
                        ledger.Make(due, new DueCharge(id, period, new BillingPeriod(from, to), version, charge, quantity, null));
                        // Stryker disable once Statement : Chain over a charge just planned for [from, to) finds it covering exactly that and does nothing more (equivalent)
                        continue;
                    }

                    Chain(subscription.Id, period, from, to, terms, version, charge, quantity, plans, ledger, due, visited);
                }
            }

            // The first charge of a new period renews the subscription.
            var renewal = i == firstPeriod || !inAdvance ? -1 : due.FindIndex(planned, d => d.Credits is null && !d.Metered && d.Covered.Start == period.Start);
            if (renewal >= 0)
            {
                due[renewal] = due[renewal] with { Renews = true };
            }

            if (inAdvance)
            {
                // A charge no run of days leads to any more (its days changed after it was made): given back in full.
                foreach (var stale in ledger.ChargesIn(period).Where(c => !visited.Contains(c.Id)).ToList())
                {
                    ledger.CreditFrom(due, stale, stale.Covered.Start, plans, period);
                }
            }
        }
    }

    // Covers the days [from, to) on the same terms in advance: each charge runs to the period's end; when it was credited
    // from a day before `to`, the next charge starts there; when it runs past `to`, the rest is credited.
    private static void Chain(
        string subscriptionId, BillingPeriod period, LocalDate from, LocalDate to, int terms, Plan plan, PlanCharge charge, decimal quantity,
        PlanCatalog plans, ChargeBook ledger, List<DueCharge> due, HashSet<string> visited)
    {
        var position = from;
        var attempt = 1;
        while (position < to)
        {
            var id = SubscriptionCharge.KeyFor(subscriptionId, period, charge.Name, position, terms, attempt);
            visited.Add(id);
            // Stryker disable once NullCoalescing : Make returns the charge already there (equivalent)
            var made = ledger.Find(id) ?? ledger.Make(due, new DueCharge(id, period, new BillingPeriod(position, period.End), plan, charge, quantity, null));
            var end = ledger.CoveredUntil(made);
            if (end <= position)
            {
                attempt++;
                continue;
            }

            // Stryker disable once Equality : at to == end CreditFrom credits nothing, as it checks from < end (equivalent)
            if (to < end)
            {
                ledger.CreditFrom(due, made, to, plans, period);
                end = to;
            }

            (position, attempt) = (end, 1);
        }
    }

    // The runs of days in use on the same terms within the period.
    private static IEnumerable<(LocalDate From, LocalDate To, int Terms)> Segments(List<DayState> timeline, BillingPeriod period)
    {
        var changes = new List<DayState> { timeline.LastOrDefault(s => s.Day <= period.Start) with { Day = period.Start } };
        // Stryker disable once Equality : an entry on the period's first day is the state already taken; the loop adds only changes (equivalent)
        foreach (var state in timeline.Where(s => s.Day > period.Start && s.Day < period.End))
        {
            if (state.InUse != changes[^1].InUse || (state.InUse && state.Terms != changes[^1].Terms))
            {
                changes.Add(state);
            }
        }

        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].InUse)
            {
                yield return (changes[i].Day, i + 1 < changes.Count ? changes[i + 1].Day : period.End, changes[i].Terms);
            }
        }
    }

    // The state at the end of each day something happened, oldest first: whether the subscription is in use, and which terms
    // (the first of equal terms in a row) it is on.
    private static List<DayState> Timeline(Subscription subscription, DateTimeZone zone, Instant at)
    {
        var canonical = new int[subscription.Terms.Count];
        for (var n = 1; n < canonical.Length; n++)
        {
            canonical[n] = subscription.Terms[n].SameAs(subscription.Terms[n - 1]) ? canonical[n - 1] : n;
        }

        // Stryker disable once Unary : the index of a status change is never read, only a terms entry's (equivalent)
        var events = subscription.History.Where(c => c.At <= at).Select(c => (c.At, Change: (SubscriptionStatusChange?)c, Terms: -1))
            .Concat(subscription.Terms.Select((t, n) => (At: t.From, Change: (SubscriptionStatusChange?)null, Terms: n)).Where(t => t.At <= at))
            .OrderBy(e => e.At);
        var timeline = new List<DayState>();
        var (inUse, terms) = (false, 0);
        foreach (var (instant, change, index) in events)
        {
            inUse = change is null ? inUse : change.To == SubscriptionStatus.Active || change.To == SubscriptionStatus.Delivered || (inUse && !Ends(change.To));
            terms = change is null ? canonical[index] : terms;
            var day = instant.InZone(zone).Date;
            if (timeline.Count > 0 && timeline[^1].Day == day)
            {
                timeline[^1] = new DayState(day, inUse, terms);
            }
            else
            {
                timeline.Add(new DayState(day, inUse, terms));
            }
        }

        return timeline;
    }

    private static bool Ends(SubscriptionStatus status) =>
        status == SubscriptionStatus.Stopped || status == SubscriptionStatus.Blocked || status == SubscriptionStatus.Deleted;

    private static decimal Quantity(SubscriptionTerms terms, PlanCharge charge) =>
        charge.Kind == PlanChargeKind.Resource ? terms.Resources.GetValueOrDefault(charge.Name, charge.DefaultQuantity) : charge.DefaultQuantity;

    private readonly record struct DayState(LocalDate Day, bool InUse, int Terms);

    // A charge or credit as planning reads it.
    private sealed record Booked(string Id, BillingPeriod Covered, string? Credits, string Plan, int PlanVersion, string ChargeName, decimal Quantity);

    // The stored charges and credits with the ones planned so far, so that planning sees its own work.
    private sealed class ChargeBook(IEnumerable<SubscriptionCharge> stored)
    {
        private readonly Dictionary<string, Booked> _charges = stored.ToDictionary(
            c => c.ChargeId, c => new Booked(c.ChargeId, c.Period, c.Credits, c.Plan, c.PlanVersion, c.ChargeName, c.Line.Quantity), StringComparer.Ordinal);

        public Booked? Find(string id) => _charges.GetValueOrDefault(id);

        public IEnumerable<Booked> ChargesIn(BillingPeriod period) =>
            // Stryker disable once Linq : the order only orders the credits' commits, each independent of the others (equivalent)
            _charges.Values.Where(c => c.Credits is null && period.Contains(c.Covered.Start)).OrderBy(c => c.Id, StringComparer.Ordinal);

        // The day a charge's days end: the first day credited, or the end of the days it charged.
        public LocalDate CoveredUntil(Booked charge) =>
            // Stryker disable once Linq : Min of the same days, whichever end they are added at (equivalent)
            _charges.Values.Where(c => c.Credits == charge.Id).Select(c => c.Covered.Start).Append(charge.Covered.End).Min();

        public Booked Make(List<DueCharge> due, DueCharge charge)
        {
            if (_charges.TryGetValue(charge.Id, out var existing))
            {
                return existing;
            }

            due.Add(charge);
            var planned = new Booked(charge.Id, charge.Covered, charge.Credits, charge.Plan.Id, charge.Plan.Version, charge.Charge.Name, charge.Quantity);
            _charges.Add(charge.Id, planned);
            return planned;
        }

        // Gives back a charge's days from a day to where they end, priced by the plan version that charged it.
        public void CreditFrom(List<DueCharge> due, Booked charge, LocalDate from, PlanCatalog plans, BillingPeriod period)
        {
            var end = CoveredUntil(charge);
            if (from < end)
            {
                // Stryker disable once Linq : the version that made the charge is in the catalog, or planning stopped at its period first (equivalent)
                var plan = plans.VersionsOf(charge.Plan).First(p => p.Version == charge.PlanVersion);
                var credited = new BillingPeriod(from, end);
                Make(due, new DueCharge(SubscriptionCharge.CreditKeyFor(charge.Id, from), period, credited, plan, plan.ChargeNamed(charge.ChargeName)!, charge.Quantity, charge.Id));
            }
        }
    }
}
