using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// What one charge of a plan cost a subscription for one period: a stored record, made once per subscription,
/// period and plan charge (<see cref="KeyFor"/>), with the calculated line and its derivation.
/// </summary>
/// <param name="ChargeId">The charge's id: <see cref="KeyFor"/> of its subscription, period and plan charge.</param>
/// <param name="AccountId">The account charged.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Plan">The plan's id.</param>
/// <param name="PlanVersion">The version of the plan that priced it: the one in force on the period's first day.</param>
/// <param name="Period">The period charged, From (first day) to To (the day after the last).</param>
/// <param name="Line">The calculated line: quantity, duration, unit price, discount, taxes, amount and its derivation.</param>
/// <param name="Status">Open or closed.</param>
/// <param name="MadeAt">When it was made.</param>
/// <param name="ClosedAt">When it was closed, or null while open.</param>
/// <param name="Version">The stored version, 0 before the first save.</param>
public sealed record SubscriptionCharge(
    string ChargeId,
    string AccountId,
    string SubscriptionId,
    string Plan,
    int PlanVersion,
    BillingPeriod Period,
    ChargeLine Line,
    SubscriptionChargeStatus Status,
    Instant MadeAt,
    Instant? ClosedAt,
    long Version)
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

    /// <summary>Gets the amount charged: the line's net plus its taxes.</summary>
    public Money Amount => Line.Amount;

    /// <summary>Returns the id of the charge of a subscription's plan charge for a period: the same inputs always give the same id, so a charge is made once.</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="period">The period charged.</param>
    /// <param name="chargeName">The plan charge's name.</param>
    /// <returns>The id, such as <c>sub-1/2026-03-01/Fee</c>.</returns>
    /// <exception cref="ArgumentException">An id or name is empty.</exception>
    public static string KeyFor(string subscriptionId, BillingPeriod period, string chargeName) =>
        $"{Preconditions.CheckId(subscriptionId)}/{period.Start:uuuu-MM-dd}/{Preconditions.CheckText(chargeName)}";

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
