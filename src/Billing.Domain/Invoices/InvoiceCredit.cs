using Billing.Domain.Grants;
using Billing.Domain.Utility;

namespace Billing.Domain.Invoices;

/// <summary>
/// A row of a Prepay invoice's Credits table: a grant the period's ledger entries spent or expired, in the order they
/// first drew it (the order of spending). It explains how the period was paid for; it does not change the total.
/// </summary>
/// <param name="Number">The row's number, from 1.</param>
/// <param name="GrantId">The grant (<see cref="CreditGrant.GrantId"/>).</param>
/// <param name="Source">Where its credit came from.</param>
/// <param name="Spent">What the period's debits drew from it, less what was given back to it.</param>
/// <param name="Expired">What of it expired in the period.</param>
public sealed record InvoiceCredit(int Number, string GrantId, CreditSource Source, Money Spent, Money Expired)
{
    /// <summary>Gets the grant.</summary>
    public string GrantId { get; } = Preconditions.CheckText(GrantId);
}
