using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Ledger;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;

namespace Billing.Domain.Prepaid;

/// <summary>
/// The storage port of the account side: reads of orders, ledgers, consumption, corrections, invoice
/// applications and subscriptions, and one atomic write. Billing.Domain.Testing has an in-memory adapter; hosts may implement it on their own database.
/// </summary>
public interface IPrepaidStore : ITopUpOrderStore, ILedgerStore, IConsumptionStore, ICorrectionStore, IInvoiceApplicationStore, ISubscriptionStore
{
    /// <summary>Writes a change atomically: all of it, or nothing.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change as stored (<see cref="PrepaidChange.Saved"/>).</returns>
    /// <exception cref="Storage.ConcurrencyConflictException">A version is stale or a unique key is taken; nothing was written.</exception>
    Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken = default);
}
