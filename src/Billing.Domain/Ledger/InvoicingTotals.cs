namespace Billing.Domain.Ledger;

/// <summary>
/// Seed 002's summary of an account's recharges for invoicing: what was recharged and refunded (from the ledger's
/// entries), what applications hold, and what was invoiced.
/// </summary>
/// <param name="Recharged">The sum of completed top-up credits.</param>
/// <param name="Refunded">The sum of refunded top-ups, counted from the moment a refund is reserved (a declined refund gives it back).</param>
/// <param name="Held">The amounts of Pending and Approved invoice applications.</param>
/// <param name="Invoiced">The cumulative amount of issued invoice applications.</param>
public readonly record struct InvoicingTotals(Money Recharged, Money Refunded, Money Held, Money Invoiced)
{
    /// <summary>Gets the invoiceable amount: recharged − refunded − held − invoiced. Consumption never counts.</summary>
    public Money Invoiceable => Recharged - Refunded - Held - Invoiced;
}
