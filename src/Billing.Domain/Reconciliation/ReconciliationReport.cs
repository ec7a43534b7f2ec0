using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Reconciliation;

/// <summary>A reconciliation of one account over one range: the sides' totals per day and every discrepancy found.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Range">The range reconciled.</param>
/// <param name="Days">Per billing day, in order, every day with a record on any side.</param>
/// <param name="Discrepancies">Every disagreement, ordered by kind then reference.</param>
public sealed record ReconciliationReport(string AccountId, InstantRange Range, IReadOnlyList<ReconciliationDay> Days, IReadOnlyList<Discrepancy> Discrepancies)
{
    /// <summary>Gets the account.</summary>
    public string AccountId { get; } = Preconditions.CheckNotNull(AccountId);

    /// <summary>Gets per billing day, in order, every day with a record on any side.</summary>
    public IReadOnlyList<ReconciliationDay> Days { get; } = Preconditions.CheckNotNull(Days);

    /// <summary>Gets every disagreement, ordered by kind then reference.</summary>
    public IReadOnlyList<Discrepancy> Discrepancies { get; } = Preconditions.CheckNotNull(Discrepancies);

    /// <summary>Gets a value indicating whether every side agrees.</summary>
    public bool IsBalanced => Discrepancies.Count == 0;
}
