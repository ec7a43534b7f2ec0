using System.Diagnostics.CodeAnalysis;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Plans;

/// <summary>
/// The plans a host sells, every version of each: on any day a plan has at most one version in force, the one
/// with the latest <see cref="Plan.EffectiveFrom"/> on or before it.
/// </summary>
/// <remarks>Immutable: <see cref="With"/> returns a new catalog. Versions of one plan keep its currency and billing type.</remarks>
public sealed class PlanCatalog
{
    private readonly Dictionary<string, Plan[]> _byId;

    private PlanCatalog(Dictionary<string, Plan[]> byId)
    {
        _byId = byId;
    }

    /// <summary>Gets an empty catalog.</summary>
    public static PlanCatalog Empty { get; } = new(new Dictionary<string, Plan[]>(StringComparer.Ordinal));

    /// <summary>Gets every version of every plan, by id then date.</summary>
    public IReadOnlyList<Plan> Plans => [.. _byId.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value)];

    /// <summary>Returns a catalog holding these plans and <paramref name="plan"/>.</summary>
    /// <param name="plan">A new plan, or a new version of one in the catalog.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A version of the plan has the same number or date, the numbers do not rise with the dates, or the version
    /// changes the plan's currency or billing type.
    /// </exception>
    public PlanCatalog With(Plan plan)
    {
        Preconditions.CheckNotNull(plan);
        var versions = _byId.GetValueOrDefault(plan.Id, []);
        foreach (var other in versions)
        {
            Preconditions.CheckArgument(other.Version != plan.Version && other.EffectiveFrom != plan.EffectiveFrom, nameof(plan), $"Plan '{plan.Id}' already has version {other.Version} from {other.EffectiveFrom:uuuu-MM-dd}.");
            Preconditions.CheckArgument(other.Version < plan.Version == other.EffectiveFrom < plan.EffectiveFrom, nameof(plan), $"Plan '{plan.Id}': version numbers rise with their dates; version {other.Version} is from {other.EffectiveFrom:uuuu-MM-dd}.");
            Preconditions.CheckArgument(other.Currency == plan.Currency, nameof(plan), $"Plan '{plan.Id}' is in {other.Currency.Code}; a version cannot change its currency.");
            Preconditions.CheckArgument(other.BillingType == plan.BillingType, nameof(plan), $"Plan '{plan.Id}' is {other.BillingType}; a version cannot change its billing type.");
        }

        var byId = new Dictionary<string, Plan[]>(_byId, StringComparer.Ordinal)
        {
            [plan.Id] = [.. versions.Append(plan).OrderBy(v => v.EffectiveFrom)],
        };
        return new PlanCatalog(byId);
    }

    /// <summary>Returns the version of plan <paramref name="planId"/> in force on <paramref name="on"/>.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="on">The day; a period is charged at the version in force on its first day.</param>
    /// <returns>The version.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="planId"/> is null.</exception>
    /// <exception cref="UnknownPlanException">The catalog has no such plan, or no version of it yet on that day (<c>plan.unknown</c>).</exception>
    public Plan Find(string planId, LocalDate on) =>
        TryFind(Preconditions.CheckNotNull(planId), on, out var plan) ? plan : throw new UnknownPlanException(planId, on);

    /// <summary>Looks up the version of plan <paramref name="planId"/> in force on <paramref name="on"/>.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="on">The day.</param>
    /// <param name="plan">The version when found; otherwise null.</param>
    /// <returns>True when a version is in force that day.</returns>
    public bool TryFind(string planId, LocalDate on, [NotNullWhen(true)] out Plan? plan)
    {
        plan = null;
        if (planId is not null && _byId.TryGetValue(planId, out var versions))
        {
            foreach (var version in versions)
            {
                if (version.EffectiveFrom <= on)
                {
                    plan = version;
                }
            }
        }

        return plan is not null;
    }

    /// <summary>Returns every version of plan <paramref name="planId"/>, oldest first.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <returns>The versions; empty when the catalog has no such plan.</returns>
    public IReadOnlyList<Plan> VersionsOf(string planId) => [.. _byId.GetValueOrDefault(Preconditions.CheckNotNull(planId), [])];
}
