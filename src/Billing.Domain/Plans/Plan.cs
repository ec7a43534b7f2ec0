using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Plans;

/// <summary>
/// One version of a plan: what a subscription to it costs per period, how often and when it is charged, from
/// <see cref="EffectiveFrom"/> until the next version of the same plan takes over.
/// </summary>
/// <remarks>
/// A period is charged at the version in force on its first day (<see cref="PlanCatalog.Find"/>): a price change
/// applies to the periods that start on or after its date and never rewrites a charge already made, whose
/// amounts are stored with it.
/// </remarks>
public sealed record Plan
{
    /// <summary>Initializes a plan version.</summary>
    /// <param name="id">The plan's id, shared by its versions; subscriptions name it.</param>
    /// <param name="version">The version's number, from 1, rising with <paramref name="effectiveFrom"/>.</param>
    /// <param name="effectiveFrom">The first day the version applies: to periods starting on or after it.</param>
    /// <param name="name">The plan's name as invoices show it.</param>
    /// <param name="billingType">Recurring, non-recurring (charged once, in advance) or pay as you go (external) (usage only, in arrears).</param>
    /// <param name="interval">How long a period is.</param>
    /// <param name="mode">When a period is charged.</param>
    /// <param name="charges">The fee, resources and usage it charges; at least one, names unique, all in one currency.</param>
    /// <param name="minimum">The least a full period's line costs before discounts, if any; in the plan's currency.</param>
    /// <param name="taxes">The taxes on every charge line.</param>
    /// <param name="taxMode">Whether the prices include the taxes.</param>
    /// <param name="trial">A free trial before the first charged period, if any: recurring plans only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/>, <paramref name="name"/> or <paramref name="charges"/> is null, or holds null.</exception>
    /// <exception cref="ArgumentException">A text is empty, <paramref name="interval"/> or <paramref name="trial"/> is default, or the parts break a rule above.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is below 1, an enum is undefined, or <paramref name="minimum"/> is negative.</exception>
    public Plan(
        string id,
        int version,
        LocalDate effectiveFrom,
        string name,
        BillingType billingType,
        BillingInterval interval,
        BillingMode mode,
        IReadOnlyList<PlanCharge> charges,
        Money? minimum = null,
        IReadOnlyList<TaxRate>? taxes = null,
        TaxMode taxMode = TaxMode.Exclusive,
        BillingInterval? trial = null)
    {
        Id = Preconditions.CheckId(id);
        Version = Preconditions.CheckRange(version, 1, int.MaxValue);
        Preconditions.CheckArgument(effectiveFrom.Calendar == CalendarSystem.Iso, nameof(effectiveFrom), "Plans use the ISO calendar.");
        EffectiveFrom = effectiveFrom;
        Name = Preconditions.CheckText(name);
        BillingType = Enum.IsDefined(billingType) ? billingType : throw new ArgumentOutOfRangeException(nameof(billingType), billingType, "Unknown billing type.");
        Preconditions.CheckArgument(interval.Count > 0, nameof(interval), "The interval is default: use BillingInterval's factories.");
        Interval = interval;
        Mode = Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown billing mode.");
        Charges = [.. Preconditions.CheckNotNull(charges)];
        Preconditions.CheckArgument(Charges.Count > 0, nameof(charges), "A plan charges something.");
        Preconditions.CheckArgument(Charges.All(c => c is not null), nameof(charges), "A plan's charges are not null.");
        Preconditions.CheckArgument(Charges.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == Charges.Count, nameof(charges), "A plan's charges have unique names.");
        var currency = Charges[0].Price.Currency;
        Preconditions.CheckArgument(Charges.All(c => c.Price.Currency == currency), nameof(charges), $"A plan's charges are in one currency; the first is in {currency.Code}.");
        Preconditions.CheckArgument(
            billingType != BillingType.NonRecurring || (mode == BillingMode.InAdvance && Charges.All(c => c.Kind != PlanChargeKind.Usage)),
            nameof(billingType),
            "A non-recurring plan is charged once, in advance, with no usage.");
        Preconditions.CheckArgument(
            billingType != BillingType.PayAsYouGoExternal || (mode == BillingMode.InArrears && Charges.All(c => c.Kind == PlanChargeKind.Usage)),
            nameof(billingType),
            "A pay as you go (external) plan charges usage only, in arrears.");
        if (minimum is { } least)
        {
            Pricing.Pricing.CheckNotNegative(least, nameof(minimum));
            Preconditions.CheckArgument(least.Currency == currency, nameof(minimum), $"The minimum {least} is not in the plan's currency {currency.Code}.");
        }

        Minimum = minimum;
        Taxes = [.. Preconditions.CheckNotNull(taxes ?? [])];
        Preconditions.CheckArgument(Taxes.All(t => t is not null), nameof(taxes), "A plan's taxes are not null.");
        TaxMode = Enum.IsDefined(taxMode) ? taxMode : throw new ArgumentOutOfRangeException(nameof(taxMode), taxMode, "Unknown tax mode.");
        Preconditions.CheckArgument(trial is not { Count: 0 }, nameof(trial), "The trial is default: use BillingInterval's factories.");
        Preconditions.CheckArgument(trial is null || billingType == BillingType.Recurring, nameof(trial), "Only a recurring plan has a trial.");
        Trial = trial;
    }

    /// <summary>Gets the plan's id, shared by its versions.</summary>
    public string Id { get; }

    /// <summary>Gets the version's number.</summary>
    public int Version { get; }

    /// <summary>Gets the first day the version applies.</summary>
    public LocalDate EffectiveFrom { get; }

    /// <summary>Gets the plan's name.</summary>
    public string Name { get; }

    /// <summary>Gets how the plan is billed.</summary>
    public BillingType BillingType { get; }

    /// <summary>Gets how long a period is.</summary>
    public BillingInterval Interval { get; }

    /// <summary>Gets when a period is charged.</summary>
    public BillingMode Mode { get; }

    /// <summary>Gets what the plan charges, in the order charge lines list them.</summary>
    public IReadOnlyList<PlanCharge> Charges { get; }

    /// <summary>Gets the currency of every price.</summary>
    public Currency Currency => Charges[0].Price.Currency;

    /// <summary>Gets the least a full period's line costs before discounts, if any.</summary>
    public Money? Minimum { get; }

    /// <summary>Gets the taxes on every charge line.</summary>
    public IReadOnlyList<TaxRate> Taxes { get; }

    /// <summary>Gets whether the prices include the taxes.</summary>
    public TaxMode TaxMode { get; }

    /// <summary>Gets the free trial before the first charged period, if any.</summary>
    public BillingInterval? Trial { get; }

    /// <summary>Returns the charge named <paramref name="name"/>.</summary>
    /// <param name="name">A charge's name.</param>
    /// <returns>The charge, or null when the plan has none of that name.</returns>
    public PlanCharge? ChargeNamed(string name) => Charges.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
