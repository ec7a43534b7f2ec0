using Billing.Domain.Periods;
using Billing.Domain.Storage;

namespace Billing.Domain.Invoices;

/// <summary>
/// The storage port of invoices and their number series. A commit writes an invoice and, when it takes a number,
/// advances its series' counter in the same atomic step: a failed commit consumes no number.
/// </summary>
public interface IInvoiceStore
{
    /// <summary>Finds an invoice by its id.</summary>
    /// <param name="invoiceId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice as last saved, or null.</returns>
    Task<Invoice?> FindInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default);

    /// <summary>Finds the Prepay invoice of an account and period.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="period">The billing period.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice, or null when the period was not closed yet.</returns>
    Task<Invoice?> FindPrepayInvoiceAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken = default);

    /// <summary>Lists invoices as <see cref="InvoiceQuery"/> says: filtered, newest first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<Page<Invoice>> QueryInvoicesAsync(InvoiceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Sums the totals of the invoices matching a query, per currency, over every page.</summary>
    /// <param name="query">The query (its page is ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One total per currency.</returns>
    Task<IReadOnlyList<Money>> TotalsByCurrencyAsync(InvoiceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets the last sequence taken from a number series.</summary>
    /// <param name="series">The series' name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The last sequence, 0 when none was taken.</returns>
    Task<long> LastSequenceAsync(string series, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes an invoice atomically. When <paramref name="takesNumber"/> is true the invoice carries the next number
    /// of its series: the store refuses the commit unless the series' last sequence is the invoice's sequence − 1,
    /// then advances it. It also refuses a second Prepay invoice for one account and period, and a number taken twice.
    /// The events are written in the same commit, to the outbox the dispatcher reads (the database's, shared with the
    /// prepaid store; in memory, the prepaid store's the invoice store was given), or not at all.
    /// </summary>
    /// <param name="invoice">The invoice, with the <c>Version</c> it was read at (0 for a new one).</param>
    /// <param name="takesNumber">True when this write gives the invoice its number.</param>
    /// <param name="events">The events of the change (<see cref="Events.InvoiceClosed"/>); often none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The invoice as stored, its version advanced.</returns>
    /// <exception cref="ConcurrencyConflictException">A version or the series' counter is stale, or a unique key is taken; nothing was written.</exception>
    Task<Invoice> CommitAsync(Invoice invoice, bool takesNumber, IReadOnlyList<Events.BillingEvent> events, CancellationToken cancellationToken = default);
}
