namespace Billing.Domain.Invoices;

/// <summary>The document port: turns an invoice into a document (plain text in the core; PDF or HTML renderers plug in here).</summary>
public interface IInvoiceRenderer
{
    /// <summary>Renders an invoice.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document.</returns>
    Task<RenderedDocument> RenderAsync(Invoice invoice, CancellationToken cancellationToken = default);
}
