using Billing.Domain.InvoiceApplications;
using Billing.Domain.Utility;

namespace Billing.Domain.Events;

/// <summary>
/// The consumer that sends each issued invoice: on <see cref="ApplicationIssued"/> it reads the document stored at issue
/// and hands it to the host's <see cref="IInvoiceDelivery"/>; other events pass by. Register it with
/// <see cref="BillingEventDispatcher"/>.
/// </summary>
public sealed class IssuedInvoiceSender : IBillingEventConsumer
{
    private readonly IInvoiceApplicationStore _store;
    private readonly IInvoiceDelivery _delivery;

    /// <summary>Initializes the sender.</summary>
    /// <param name="store">Where the issued documents are stored: the prepaid store.</param>
    /// <param name="delivery">The host's delivery.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IssuedInvoiceSender(IInvoiceApplicationStore store, IInvoiceDelivery delivery)
    {
        _store = Preconditions.CheckNotNull(store);
        _delivery = Preconditions.CheckNotNull(delivery);
    }

    /// <inheritdoc/>
    /// <exception cref="IssuedDocumentCorruptException">The issued application's document is not stored: the delivery fails, and is retried and then parked.</exception>
    public async Task HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default)
    {
        if (Preconditions.CheckNotNull(billingEvent) is not ApplicationIssued issued)
        {
            return;
        }

        var stored = await _store.FindDocumentAsync(issued.ApplicationId, cancellationToken).ConfigureAwait(false)
            ?? throw new IssuedDocumentCorruptException(issued.ApplicationId, "the store holds no document to send.");
        await _delivery.SendAsync(issued, stored.Document, cancellationToken).ConfigureAwait(false);
    }
}
