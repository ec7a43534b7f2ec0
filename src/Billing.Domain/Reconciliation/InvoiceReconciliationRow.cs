using Billing.Domain.Periods;
using Billing.Domain.Utility;

namespace Billing.Domain.Reconciliation;

/// <summary>One Prepay invoice set beside what was booked in its period.</summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="Number">Its number.</param>
/// <param name="Period">Its period.</param>
/// <param name="BookedCalls">The calls booked in the period.</param>
/// <param name="InvoicedCalls">The calls its usage lines count.</param>
/// <param name="BookedUsage">The exact cost of the calls booked in the period.</param>
/// <param name="InvoicedUsage">The exact amount its usage lines rate, before rounding.</param>
/// <param name="BookedCorrections">The sum of the corrections booked in the period.</param>
/// <param name="InvoicedCorrections">The sum of its corrections.</param>
public sealed record InvoiceReconciliationRow(
    string InvoiceId, string? Number, BillingPeriod Period, long BookedCalls, long InvoicedCalls, Money BookedUsage, Money InvoicedUsage, Money BookedCorrections,
    Money InvoicedCorrections)
{
    /// <summary>Gets the invoice.</summary>
    public string InvoiceId { get; } = Preconditions.CheckNotNull(InvoiceId);

    /// <summary>Gets a value indicating whether the invoice says what was booked in its period.</summary>
    public bool Agrees => BookedCalls == InvoicedCalls && BookedUsage == InvoicedUsage && BookedCorrections == InvoicedCorrections;
}
