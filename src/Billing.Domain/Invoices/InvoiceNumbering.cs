using Billing.Domain.Numbering;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>How invoices take their numbers: which series each invoice draws from, and the time zone of the issue date the number shows.</summary>
public sealed class InvoiceNumbering
{
    private readonly Func<Invoice, NumberSeries> _seriesFor;

    /// <summary>Initializes a numbering that picks a series per invoice (per legal entity, account class, year, ...).</summary>
    /// <param name="seriesFor">Picks the series of an issued invoice.</param>
    /// <param name="zone">The time zone of the issue date in the number.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public InvoiceNumbering(Func<Invoice, NumberSeries> seriesFor, DateTimeZone zone)
    {
        _seriesFor = Preconditions.CheckNotNull(seriesFor);
        Zone = Preconditions.CheckNotNull(zone);
    }

    /// <summary>Gets the time zone of the issue date in the number.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Numbers every invoice from one series, with issue dates in UTC unless a zone is given.</summary>
    /// <param name="series">The series.</param>
    /// <param name="zone">The time zone of the issue date; UTC when null.</param>
    /// <returns>The numbering.</returns>
    public static InvoiceNumbering OneSeries(NumberSeries series, DateTimeZone? zone = null)
    {
        Preconditions.CheckNotNull(series);
        return new InvoiceNumbering(_ => series, zone ?? DateTimeZone.Utc);
    }

    /// <summary>Gives an issued invoice the next number of its series and commits both in one step.</summary>
    internal async Task<Invoice> CommitNumberedAsync(IInvoiceStore store, Invoice issued, InvoiceStatus? before, CancellationToken cancellationToken)
    {
        var series = _seriesFor(issued) ?? throw new InvalidOperationException($"The numbering picked no series for invoice {issued.InvoiceId}.");
        var last = await store.LastSequenceAsync(series.Name, cancellationToken).ConfigureAwait(false);
        var numbered = issued.WithNumber(series, last + 1, issued.IssuedAt!.Value.InZone(Zone).Date);
        return await store.CommitAsync(numbered, takesNumber: true, Events.InvoiceClosed.Of(before, numbered), cancellationToken).ConfigureAwait(false);
    }
}
