using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// What one charge of a plan cost a subscription for one period, or for the part of it from a change: a stored
/// record, made once under its key (<see cref="KeyFor"/>), with the calculated line and its derivation. A credit
/// (<see cref="Credits"/> set) gives back the unused part of an earlier charge: its amounts are negative.
/// </summary>
/// <param name="ChargeId">The charge's id: <see cref="KeyFor"/> of its subscription, period, plan charge and the day and terms it starts from.</param>
/// <param name="AccountId">The account charged.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Plan">The plan's id.</param>
/// <param name="PlanVersion">The version of the plan that priced it: the one in force on the billing period's first day.</param>
/// <param name="ChargeName">The name of the plan charge (fee or resource) it is for.</param>
/// <param name="Period">The days charged or credited, From (first day) to To (the day after the last): the billing period, or the part of it from a change.</param>
/// <param name="Line">The calculated line: quantity, duration, unit price, discount, taxes, amount and its derivation.</param>
/// <param name="Status">Open or closed.</param>
/// <param name="MadeAt">When it was made.</param>
/// <param name="ClosedAt">When it was closed, or null while open.</param>
/// <param name="Version">The stored version, 0 before the first save.</param>
/// <param name="Credits">The id of the charge this one credits, or null for a charge.</param>
public sealed record SubscriptionCharge(
    string ChargeId,
    string AccountId,
    string SubscriptionId,
    string Plan,
    int PlanVersion,
    string ChargeName,
    BillingPeriod Period,
    ChargeLine Line,
    SubscriptionChargeStatus Status,
    Instant MadeAt,
    Instant? ClosedAt,
    long Version,
    string? Credits = null)
{
    /// <summary>Gets the charge's id.</summary>
    public string ChargeId { get; } = Preconditions.CheckId(ChargeId);

    /// <summary>Gets the account charged.</summary>
    public string AccountId { get; } = Preconditions.CheckId(AccountId);

    /// <summary>Gets the subscription.</summary>
    public string SubscriptionId { get; } = Preconditions.CheckId(SubscriptionId);

    /// <summary>Gets the plan's id.</summary>
    public string Plan { get; } = Preconditions.CheckId(Plan);

    /// <summary>Gets the version of the plan that priced it.</summary>
    public int PlanVersion { get; } = Preconditions.CheckRange(PlanVersion, 1, int.MaxValue);

    /// <summary>Gets the name of the plan charge it is for.</summary>
    public string ChargeName { get; } = Preconditions.CheckText(ChargeName);

    /// <summary>Gets the id of the charge this one credits, or null for a charge.</summary>
    public string? Credits { get; } = Credits is null ? null : Preconditions.CheckId(Credits);

    /// <summary>Gets the calculated line.</summary>
    public ChargeLine Line { get; } = Preconditions.CheckNotNull(Line);

    /// <summary>Gets whether it is open or closed.</summary>
    public SubscriptionChargeStatus Status { get; init; } =
        Enum.IsDefined(Status) ? Status : throw new ArgumentOutOfRangeException(nameof(Status), Status, "Unknown charge status.");

    /// <summary>Gets when it was closed: set exactly when it is closed, never before it was made.</summary>
    public Instant? ClosedAt { get; init; } =
        (Status == SubscriptionChargeStatus.Closed) == (ClosedAt is not null) && !(ClosedAt < MadeAt)
            ? ClosedAt
            : throw new ArgumentException("A charge has a closing instant, not before it was made, exactly when it is closed.", nameof(ClosedAt));

    /// <summary>Gets the stored version, 0 before the first save.</summary>
    public long Version { get; init; } = Version >= 0 ? Version : throw new ArgumentOutOfRangeException(nameof(Version), Version, "A version is 0 or more.");

    /// <summary>Gets the postpaid invoice the charge is a line of, or null: a postpaid charge is closed onto the account's draft invoice.</summary>
    public string? InvoiceId { get; private init; }

    /// <summary>Gets the amount charged: the line's net plus its taxes.</summary>
    public Money Amount => Line.Amount;

    /// <summary>Returns the id of the charge of a subscription's plan charge for a period: the same inputs always give the same id, so a charge is made once.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="period">The billing period charged.</param>
    /// <param name="chargeName">The plan charge's name.</param>
    /// <param name="from">The first day charged when it is not the period's first (a change in the middle of the period).</param>
    /// <param name="terms">The index in <see cref="Subscription.Terms"/> of the terms charged, when not the first terms.</param>
    /// <param name="attempt">Which charge of the same day and terms, when an earlier one was credited in full (a change undone on the day it was made): 1 for the first.</param>
    /// <returns>The id, such as <c>sub-1/2026-03-01/Fee</c>, or <c>sub-1/2026-03-01/Fee/from-2026-03-16/terms-1</c> for the part of the period a switch started.</returns>
    /// <exception cref="ArgumentException">An id or name is empty, or <paramref name="from"/> lies outside the period.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="terms"/> is negative or <paramref name="attempt"/> below 1.</exception>
    public static string KeyFor(string subscriptionId, BillingPeriod period, string chargeName, LocalDate? from = null, int terms = 0, int attempt = 1)
    {
        var key = $"{Preconditions.CheckId(subscriptionId)}/{period.Start:uuuu-MM-dd}/{Preconditions.CheckText(chargeName)}";
        Preconditions.CheckArgument(from is null || period.Contains(from.Value), nameof(from), $"The first day charged {from} is not in the period {period}.");
        key += from is { } day && day != period.Start ? $"/from-{day:uuuu-MM-dd}" : string.Empty;
        key += Preconditions.CheckRange(terms, 0, int.MaxValue) > 0 ? $"/terms-{terms}" : string.Empty;
        return key + (Preconditions.CheckRange(attempt, 1, int.MaxValue) > 1 ? $"/{attempt}" : string.Empty);
    }

    /// <summary>Returns the id of the credit that gives back a charge from a day: one credit per charge and day.</summary>
    /// <param name="chargeId">The charge credited.</param>
    /// <param name="from">The first day credited.</param>
    /// <returns>The id, such as <c>sub-1/2026-03-01/Fee/credit-2026-03-16</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="chargeId"/> is empty.</exception>
    public static string CreditKeyFor(string chargeId, LocalDate from) => $"{Preconditions.CheckId(chargeId)}/credit-{from:uuuu-MM-dd}";

    /// <summary>Returns the charge closed at <paramref name="at"/> as a line of a postpaid invoice.</summary>
    /// <param name="invoiceId">The draft invoice it becomes a line of.</param>
    /// <param name="at">When; not before it was made.</param>
    /// <returns>The closed charge, naming the invoice.</returns>
    /// <exception cref="ArgumentException"><paramref name="invoiceId"/> is empty, <paramref name="at"/> is before <see cref="MadeAt"/>, or the charge is closed already.</exception>
    public SubscriptionCharge CloseOnto(string invoiceId, Instant at)
    {
        Preconditions.CheckId(invoiceId);
        Preconditions.CheckArgument(Status == SubscriptionChargeStatus.Open, nameof(invoiceId), $"Charge {ChargeId} is closed already.");
        return Close(at) with { InvoiceId = invoiceId };
    }

    /// <summary>Rebuilds a stored charge's invoice link: what a store adapter reads back.</summary>
    /// <param name="invoiceId">The invoice it is a line of, or null.</param>
    /// <returns>The charge with the link.</returns>
    /// <exception cref="ArgumentException">A link is given for an open charge.</exception>
    public SubscriptionCharge OnInvoice(string? invoiceId) =>
        invoiceId is null ? this with { InvoiceId = null }
        : Status == SubscriptionChargeStatus.Closed ? this with { InvoiceId = Preconditions.CheckId(invoiceId) }
        : throw new ArgumentException($"Open charge {ChargeId} is on no invoice.", nameof(invoiceId));

    /// <summary>Returns the charge closed at <paramref name="at"/>; a closed charge is returned unchanged.</summary>
    /// <param name="at">When it closes; not before it was made.</param>
    /// <returns>The closed charge.</returns>
    /// <exception cref="ArgumentException"><paramref name="at"/> is before <see cref="MadeAt"/>.</exception>
    public SubscriptionCharge Close(Instant at)
    {
        Preconditions.CheckArgument(at >= MadeAt, nameof(at), $"A charge made at {MadeAt} cannot close at {at}.");
        return Status == SubscriptionChargeStatus.Closed ? this : this with { Status = SubscriptionChargeStatus.Closed, ClosedAt = at };
    }
}
