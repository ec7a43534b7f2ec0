using Billing.Domain.Invoices;
using Billing.Domain.Periods;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.DocumentStore.Tests;

/// <summary>The invoice store on a <see cref="DocumentDatabase"/>: invoices as documents, their numbers' series beside them.</summary>
internal sealed class DocumentInvoiceStore(DocumentDatabase database) : IInvoiceStore
{
    private const string Invoices = "invoices";
    private const string Series = "invoice-series";

    public Task<Invoice> CommitAsync(Invoice invoice, bool takesNumber, IReadOnlyList<Events.BillingEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(events);
        return database.RunAsync(
            session =>
            {
                var stored = session.Find<InvoiceDocument>(Invoices, invoice.InvoiceId)?.Version ?? 0;
                if (stored != invoice.Version)
                {
                    throw new ConcurrencyConflictException("invoice", invoice.InvoiceId, invoice.Version, stored);
                }

                var all = session.All<InvoiceDocument>(Invoices).ToList();
                if (invoice.Version == 0 && invoice.PaymentModel == PaymentModel.Prepaid
                    && all.Any(d => d.PaymentModel == PaymentModel.Prepaid && d.AccountId == invoice.AccountId && d.Period == invoice.Period))
                {
                    throw new ConcurrencyConflictException("prepay invoice", $"{invoice.AccountId} {invoice.Period}", 0, null);
                }

                if (takesNumber)
                {
                    var series = invoice.Series ?? throw new ArgumentException("An invoice that takes a number carries its series.", nameof(invoice));
                    var last = session.Find<SequenceDocument>(Series, series)?.Last ?? 0;
                    if (invoice.Sequence != last + 1)
                    {
                        throw new ConcurrencyConflictException("number series", series, (invoice.Sequence ?? 0) - 1, last);
                    }

                    if (all.Any(d => d.Number == invoice.Number && d.InvoiceId != invoice.InvoiceId))
                    {
                        throw new ConcurrencyConflictException("invoice number", invoice.Number!, 0, null);
                    }

                    session.Put(Series, series, new SequenceDocument(invoice.Sequence!.Value));
                }

                DocumentPrepaidStore.AppendEvents(session, events);
                var saved = invoice with { Version = invoice.Version + 1 };
                session.Put(Invoices, saved.InvoiceId, InvoiceDocument.Of(saved));
                return saved;
            },
            cancellationToken);
    }

    public Task<Invoice?> FindInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<InvoiceDocument>(Invoices, invoiceId)?.Restore(), cancellationToken);

    public Task<Invoice?> FindPrepayInvoiceAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            session => session.All<InvoiceDocument>(Invoices).FirstOrDefault(d => d.PaymentModel == PaymentModel.Prepaid && d.AccountId == accountId && d.Period == period)?.Restore(),
            cancellationToken);

    public Task<Page<Invoice>> QueryInvoicesAsync(InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<InvoiceDocument>(Invoices).Select(d => d.Restore())), cancellationToken);
    }

    public Task<IReadOnlyList<Money>> TotalsByCurrencyAsync(InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.TotalsByCurrency(session.All<InvoiceDocument>(Invoices).Select(d => d.Restore())), cancellationToken);
    }

    public Task<long> LastSequenceAsync(string series, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<SequenceDocument>(Series, series)?.Last ?? 0, cancellationToken);

    private sealed record SequenceDocument(long Last);
}
