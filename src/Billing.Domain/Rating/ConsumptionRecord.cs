using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>A rated call: the usage, its cost, and the price version it was rated with. It debits the prepaid balance once.</summary>
/// <param name="Usage">The call as logged.</param>
/// <param name="Cost">What the call costs.</param>
/// <param name="PriceVersion">The version of the model's prices used.</param>
public sealed record ConsumptionRecord(UsageRecord Usage, Money Cost, string PriceVersion)
{
    /// <summary>Gets the call's request id, unique per consumption.</summary>
    public string RequestId => Usage.RequestId;

    /// <summary>Gets the account billed.</summary>
    public string AccountId => Usage.AccountId;

    /// <summary>Gets when the call was made.</summary>
    public Instant OccurredAt => Usage.OccurredAt;
}
