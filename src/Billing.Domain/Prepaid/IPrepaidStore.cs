using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Ledger;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;

namespace Billing.Domain.Prepaid;

/// <summary>
/// The storage port of the account side: reads of orders, ledgers, consumption, corrections, invoice
/// applications and subscriptions, the outbox of the events the changes caused, and one atomic write. Billing.Domain.Testing has an in-memory adapter; hosts may implement it on their own database.
/// </summary>
public interface IPrepaidStore : ITopUpOrderStore, ILedgerStore, IConsumptionStore, ICorrectionStore, IInvoiceApplicationStore, ISubscriptionStore, Events.IOutboxStore
{
    /// <summary>Writes a change atomically: all of it, or nothing.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The change as stored (<see cref="PrepaidChange.Saved"/>).</returns>
    /// <exception cref="Storage.ConcurrencyConflictException">A version is stale or a unique key is taken; nothing was written.</exception>
    Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several changes atomically, in order, in one transaction: all of them, or nothing. Each is checked as
    /// <see cref="CommitAsync"/> checks one, against the store as the changes before it leave it, so a later change
    /// of the same account carries the version the earlier one saves. The group commit of many calls' debits.
    /// </summary>
    /// <param name="changes">The changes, in the order they apply; empty writes nothing.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes as stored (<see cref="PrepaidChange.Saved"/>), in the same order.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="changes"/> or one of them is null.</exception>
    /// <exception cref="Storage.ConcurrencyConflictException">A version is stale or a unique key is taken, by the store or by an earlier change of the list; nothing was written.</exception>
    Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken = default);
}
