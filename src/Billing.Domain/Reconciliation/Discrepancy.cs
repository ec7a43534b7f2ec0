using Billing.Domain.Utility;
namespace Billing.Domain.Reconciliation;

/// <summary>One disagreement between the sides of a reconciliation.</summary>
/// <param name="Kind">What kind.</param>
/// <param name="Reference">The order id or request id concerned.</param>
/// <param name="FoundIn">The side the record was found in.</param>
/// <param name="MissingFrom">The side it is missing from, for <see cref="DiscrepancyKind.Missing"/>.</param>
/// <param name="Expected">The amount the reference side says, when amounts are compared.</param>
/// <param name="Actual">The amount the other side says.</param>
/// <param name="Detail">A sentence for the person reconciling.</param>
public sealed record Discrepancy(DiscrepancyKind Kind, string Reference, ReconciliationSide FoundIn, ReconciliationSide? MissingFrom, Money? Expected, Money? Actual, string Detail)
{
    /// <summary>Gets the order id or request id concerned.</summary>
    public string Reference { get; } = Preconditions.CheckNotNull(Reference);

    /// <summary>Gets a sentence for the person reconciling.</summary>
    public string Detail { get; } = Preconditions.CheckNotNull(Detail);
}
