using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Invoices;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Reconciliation;

/// <summary>
/// The invoice side of the reconciliation: over one range, each closed Prepay invoice against the consumption and
/// corrections booked in its period, and the activity booked before the last invoiced period's end that is on no
/// invoice, with typed discrepancies.
/// </summary>
/// <remarks>
/// An invoice's usage lines are told from its other charges by their component (<see cref="RatedAmount.ComponentName"/>);
/// their count of calls and their exact rated amount (before rounding) are compared with the calls booked in the
/// period. The charges of subscriptions are the host's and are checked against the invoice's own arithmetic only.
/// </remarks>
public sealed class InvoiceReconciler
{
    private readonly IPrepaidStore _prepaid;
    private readonly IInvoiceStore _invoices;

    /// <summary>Initializes the reconciler.</summary>
    /// <param name="prepaid">The prepaid store: consumption and corrections.</param>
    /// <param name="invoices">The invoice store.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InvoiceReconciler(IPrepaidStore prepaid, IInvoiceStore invoices)
    {
        _prepaid = Preconditions.CheckNotNull(prepaid);
        _invoices = Preconditions.CheckNotNull(invoices);
    }

    /// <summary>Reconciles one account's Prepay invoices whose periods lie in a range.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="range">The range; both ends bounded.</param>
    /// <param name="timeZone">The account's time zone: where its billing days start.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The range is not bounded at both ends.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    public async Task<InvoiceReconciliationReport> ReconcileAsync(string accountId, InstantRange range, AccountTimeZone timeZone, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        Preconditions.CheckArgument(range.Start is not null && range.End is not null, nameof(range), "A reconciliation covers a bounded range: give both ends.");
        Preconditions.CheckNotNull(timeZone);
        var account = await _prepaid.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        var currency = account.Currency;
        var invoices = (await Pages.AllAsync(page => _invoices.QueryInvoicesAsync(new InvoiceQuery(accountId) { PaymentModel = PaymentModel.Prepaid, Page = page }, cancellationToken)).ConfigureAwait(false))
            .Select(invoice => (Invoice: invoice, Booked: new InstantRange(timeZone.StartOf(invoice.Period.Start), timeZone.StartOf(invoice.Period.End))))
            .Where(i => i.Booked.Start >= range.Start && i.Booked.End <= range.End)
            .OrderBy(i => i.Booked.Start).ThenBy(i => i.Booked.End)
            .ToList();
        var calls = await Pages.AllAsync(page => _prepaid.QueryConsumptionAsync(new ConsumptionQuery(accountId) { Booked = range, Page = page }, cancellationToken)).ConfigureAwait(false);
        var corrections = await Pages.AllAsync(page => _prepaid.QueryCorrectionsAsync(
            new CorrectionQuery(accountId) { Status = CorrectionStatus.Approved, Booked = range, Page = page }, cancellationToken)).ConfigureAwait(false);
        var found = new List<Discrepancy>();
        var rows = new List<InvoiceReconciliationRow>();
        foreach (var (invoice, booked) in invoices)
        {
            var reference = invoice.Number ?? invoice.InvoiceId;
            var bookedCalls = calls.Where(c => booked.Contains(c.BookedAt!.Value)).ToList();
            var bookedCorrections = corrections.Where(c => booked.Contains(c.BookedAt!.Value)).ToList();
            var usage = invoice.Charges.Where(line => line.Explanation.Component == RatedAmount.ComponentName).ToList();
            var row = new InvoiceReconciliationRow(
                invoice.InvoiceId, invoice.Number, invoice.Period, bookedCalls.Count, (long)usage.Sum(line => line.Quantity),
                Money.Sum(bookedCalls.Select(c => c.Cost), currency), Money.Sum(usage.Select(line => line.Explanation.Price), currency),
                Money.Sum(bookedCorrections.Select(c => c.Amount), currency), invoice.CorrectionsTotal);
            rows.Add(row);
            if (row.BookedCalls != row.InvoicedCalls || row.BookedUsage != row.InvoicedUsage)
            {
                found.Add(new(
                    DiscrepancyKind.AmountMismatch, reference, ReconciliationSide.Invoices, null, row.BookedUsage, row.InvoicedUsage,
                    $"Invoice {reference} lists {row.InvoicedCalls} calls for {row.InvoicedUsage}; {row.BookedCalls} calls for {row.BookedUsage} were booked in its period."));
            }

            foreach (var correction in bookedCorrections.Where(c => invoice.Corrections.All(row => row.CorrectionId != c.CorrectionId)))
            {
                found.Add(new(
                    DiscrepancyKind.Missing, correction.CorrectionId, ReconciliationSide.Corrections, ReconciliationSide.Invoices, correction.Amount, null,
                    $"Correction {correction.CorrectionId} was booked in the period of invoice {reference} but is not on it."));
            }

            foreach (var line in invoice.Corrections)
            {
                var approved = bookedCorrections.FirstOrDefault(c => c.CorrectionId == line.CorrectionId);
                if (approved is null)
                {
                    found.Add(new(
                        DiscrepancyKind.Missing, line.CorrectionId, ReconciliationSide.Invoices, ReconciliationSide.Corrections, null, line.BalanceChanged,
                        $"Invoice {reference} lists correction {line.CorrectionId}, which was not approved and booked in its period."));
                }
                else if (approved.Amount != line.BalanceChanged)
                {
                    found.Add(new(
                        DiscrepancyKind.AmountMismatch, line.CorrectionId, ReconciliationSide.Invoices, null, approved.Amount, line.BalanceChanged,
                        $"Invoice {reference} lists correction {line.CorrectionId} at {line.BalanceChanged}; it was approved at {approved.Amount}."));
                }
            }
        }

        // Activity booked before the last invoiced period's end falls in some invoiced period, or a period was never closed.
        if (invoices.Count > 0)
        {
            var lastEnd = invoices.Max(i => i.Booked.End!.Value);
            bool Uninvoiced(Instant bookedAt) => bookedAt < lastEnd && !invoices.Any(i => i.Booked.Contains(bookedAt));
            found.AddRange(calls.Where(c => Uninvoiced(c.BookedAt!.Value)).Select(c => new Discrepancy(
                DiscrepancyKind.Missing, c.RequestId, ReconciliationSide.ConsumptionRecords, ReconciliationSide.Invoices, c.Cost, null,
                $"Call {c.RequestId} was booked at {c.BookedAt}, in no invoiced period although later periods are invoiced.")));
            found.AddRange(corrections.Where(c => Uninvoiced(c.BookedAt!.Value)).Select(c => new Discrepancy(
                DiscrepancyKind.Missing, c.CorrectionId, ReconciliationSide.Corrections, ReconciliationSide.Invoices, c.Amount, null,
                $"Correction {c.CorrectionId} was booked at {c.BookedAt}, in no invoiced period although later periods are invoiced.")));
        }

        return new InvoiceReconciliationReport(accountId, range, rows, [.. found.OrderBy(d => d.Kind).ThenBy(d => d.Reference, StringComparer.Ordinal).ThenBy(d => d.FoundIn)]);
    }
}
