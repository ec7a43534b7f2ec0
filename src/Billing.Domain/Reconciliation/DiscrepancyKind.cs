namespace Billing.Domain.Reconciliation;

/// <summary>What kind of disagreement a reconciliation found.</summary>
public enum DiscrepancyKind
{
    /// <summary>A record on one side has no counterpart on the other (<see cref="Discrepancy.MissingFrom"/> says where).</summary>
    Missing,

    /// <summary>The same request id appears more than once in the usage logs.</summary>
    Duplicate,

    /// <summary>Both sides have the record but disagree on an amount or on the token counts.</summary>
    AmountMismatch,

    /// <summary>The tokens agree but the cost does not: the call was rated with another price than the price book gives for its instant.</summary>
    RateMismatch,
}
