namespace Billing.Domain.Invoices;

/// <summary>The document port: turns an invoice or an issued invoice application into a document (plain text in the core; PDF or HTML renderers plug in here).</summary>
public interface IInvoiceRenderer
{
    /// <summary>Renders an invoice.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document.</returns>
    Task<RenderedDocument> RenderAsync(Invoice invoice, CancellationToken cancellationToken = default);

    /// <summary>Renders the invoice of an issued invoice application (seed 002's download).</summary>
    /// <param name="application">The issued application.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document.</returns>
    Task<RenderedDocument> RenderAsync(InvoiceApplications.InvoiceApplication application, CancellationToken cancellationToken = default);
}
