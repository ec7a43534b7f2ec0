namespace Billing.Domain.Rating;

/// <summary>Where a rater with a cost rounding rounds a call's cost (<see cref="UsageRater.RoundingPoint"/>): price books that round disagree on it.</summary>
public enum CostRoundingPoint
{
    /// <summary>The call's total: every kind of token priced exactly, summed, then rounded once. The default.</summary>
    CallTotal = 0,

    /// <summary>Each kind of token's cost (input, cached, image, audio, output, reasoning), rounded before they are summed, as a price book that rounds per field does.</summary>
    EachKind = 1,
}
