using Billing.Domain.Invoices;

namespace Billing.Domain.Events;

/// <summary>
/// Sends an issued invoice to the address its application gave (seed 002: "issued and sent to the provided email"):
/// the host's mailer, or a folder, or a document service. <see cref="IssuedInvoiceSender"/> calls it for each
/// <see cref="ApplicationIssued"/> event, with the document stored at issue.
/// </summary>
/// <remarks>Delivery is at least once: an implementation that must not send twice remembers <see cref="BillingEvent.EventId"/>.</remarks>
public interface IInvoiceDelivery
{
    /// <summary>Sends an issued invoice.</summary>
    /// <param name="issued">The event: the application, its number, amount and the address to send to.</param>
    /// <param name="document">The document stored when it was issued.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the invoice is sent; a failure is retried by the dispatcher.</returns>
    Task SendAsync(ApplicationIssued issued, RenderedDocument document, CancellationToken cancellationToken = default);
}
