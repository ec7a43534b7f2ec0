using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.TopUps;

namespace Billing.Domain.Prepaid;

/// <summary>Reads the services need to find, or refuse with <see cref="NotFoundException"/>.</summary>
internal static class PrepaidStoreReads
{
    public static async Task<PrepaidAccount> RequireAccountAsync(this ILedgerStore store, string accountId, CancellationToken cancellationToken) =>
        await store.FindAccountAsync(accountId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("prepaid account", accountId);

    public static async Task<TopUpOrder> RequireOrderAsync(this ITopUpOrderStore store, string orderId, CancellationToken cancellationToken) =>
        await store.FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("top-up order", orderId);

    public static async Task<InvoiceApplication> RequireApplicationAsync(this IInvoiceApplicationStore store, string applicationId, CancellationToken cancellationToken) =>
        await store.FindApplicationAsync(applicationId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("invoice application", applicationId);

    public static async Task<Correction> RequireCorrectionAsync(this ICorrectionStore store, string correctionId, CancellationToken cancellationToken) =>
        await store.FindCorrectionAsync(correctionId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("correction", correctionId);
}
