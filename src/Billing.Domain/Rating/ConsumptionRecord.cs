using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>A rated call: the usage, its cost, and the price version it was rated with. It debits the prepaid balance once.</summary>
/// <param name="Usage">The call as logged.</param>
/// <param name="Cost">What the call costs.</param>
/// <param name="PriceVersion">The version of the model's prices used.</param>
public sealed record ConsumptionRecord(UsageRecord Usage, Money Cost, string PriceVersion)
{
    private readonly UsageRecord _usage = Preconditions.CheckNotNull(Usage);
    private readonly Money _cost = Preconditions.CheckAmount(Cost);
    private readonly string _priceVersion = Preconditions.CheckId(PriceVersion);

    /// <summary>Gets the call as logged.</summary>
    public UsageRecord Usage
    {
        get => _usage;
        init => _usage = Preconditions.CheckNotNull(value);
    }

    /// <summary>Gets what the call costs: at most <see cref="Money.MaxAmount"/> in size.</summary>
    public Money Cost
    {
        get => _cost;
        init => _cost = Preconditions.CheckAmount(value);
    }

    /// <summary>Gets the version of the model's prices used.</summary>
    public string PriceVersion
    {
        get => _priceVersion;
        init => _priceVersion = Preconditions.CheckId(value);
    }

    /// <summary>
    /// Gets the instant the call is booked at, set when it is recorded: when it occurred, or the end of the account's
    /// last closed period when it arrives after that period's invoice was made (<see cref="Ledger.PrepaidAccount.BookingFor"/>).
    /// A Prepay invoice lists the calls booked in its period. Null until recorded; ignored on input.
    /// </summary>
    public Instant? BookedAt { get; init; }

    /// <summary>Gets the call's request id, unique per consumption.</summary>
    public string RequestId => Usage.RequestId;

    /// <summary>Gets the account billed.</summary>
    public string AccountId => Usage.AccountId;

    /// <summary>Gets when the call was made.</summary>
    public Instant OccurredAt => Usage.OccurredAt;
}
