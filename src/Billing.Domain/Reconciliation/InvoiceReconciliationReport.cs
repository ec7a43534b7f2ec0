using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Reconciliation;

/// <summary>The invoice side of a reconciliation: each Prepay invoice of the range beside what was booked in its period, and every discrepancy.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Range">The range reconciled.</param>
/// <param name="Invoices">One row per Prepay invoice whose period lies in the range, by period.</param>
/// <param name="Discrepancies">Every disagreement, ordered by kind then reference.</param>
public sealed record InvoiceReconciliationReport(string AccountId, InstantRange Range, IReadOnlyList<InvoiceReconciliationRow> Invoices, IReadOnlyList<Discrepancy> Discrepancies)
{
    /// <summary>Gets the account.</summary>
    public string AccountId { get; } = Preconditions.CheckNotNull(AccountId);

    /// <summary>Gets one row per Prepay invoice whose period lies in the range, by period.</summary>
    public IReadOnlyList<InvoiceReconciliationRow> Invoices { get; } = Preconditions.CheckNotNull(Invoices);

    /// <summary>Gets every disagreement, ordered by kind then reference.</summary>
    public IReadOnlyList<Discrepancy> Discrepancies { get; } = Preconditions.CheckNotNull(Discrepancies);

    /// <summary>Gets a value indicating whether every invoice says what was booked in its period.</summary>
    public bool IsBalanced => Discrepancies.Count == 0;
}
