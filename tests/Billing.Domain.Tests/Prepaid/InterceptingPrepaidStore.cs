using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Events;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;

namespace Billing.Domain.Tests.Prepaid;

/// <summary>A prepaid store that runs a hook before a matching commit reaches the store: another command racing it in the gap between its reads and its write.</summary>
internal sealed class InterceptingPrepaidStore(IPrepaidStore inner) : IPrepaidStore
{
    private Func<PrepaidChange, bool>? _when;
    private Func<Task>? _hook;

    /// <summary>Gets how many single commits reached the store.</summary>
    public int Commits { get; private set; }

    /// <summary>Gets how many group commits reached the store.</summary>
    public int Groups { get; private set; }

    /// <summary>Runs <paramref name="hook"/> once, before the next commit that <paramref name="when"/> picks.</summary>
    public void Before(Func<PrepaidChange, bool> when, Func<Task> hook) => (_when, _hook) = (when, hook);

    public async Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken = default)
    {
        if (_hook is { } hook && _when!(change))
        {
            _hook = null;
            await hook();
        }

        Commits++;
        return await inner.CommitAsync(change, cancellationToken);
    }

    public async Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken = default)
    {
        if (_hook is { } hook && changes.Any(_when!))
        {
            _hook = null;
            await hook();
        }

        Groups++;
        return await inner.CommitManyAsync(changes, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, PrepaidAccount>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default) => inner.FindAccountsAsync(accountIds, cancellationToken);

    public Task<Page<PrepaidAccount>> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken = default) => inner.ListAccountsAsync(query, cancellationToken);

    public Task<ConsumptionRecord?> FindConsumptionAsync(string accountId, string requestId, CancellationToken cancellationToken = default) => inner.FindConsumptionAsync(accountId, requestId, cancellationToken);

    public Task<Page<ConsumptionRecord>> QueryConsumptionAsync(ConsumptionQuery query, CancellationToken cancellationToken = default) => inner.QueryConsumptionAsync(query, cancellationToken);

    public Task<IReadOnlyList<ConsumptionTotal>> SumConsumptionAsync(string accountId, InstantRange booked, CancellationToken cancellationToken = default) => inner.SumConsumptionAsync(accountId, booked, cancellationToken);

    public Task<Correction?> FindCorrectionAsync(string correctionId, CancellationToken cancellationToken = default) => inner.FindCorrectionAsync(correctionId, cancellationToken);

    public Task<Page<Correction>> QueryCorrectionsAsync(CorrectionQuery query, CancellationToken cancellationToken = default) => inner.QueryCorrectionsAsync(query, cancellationToken);

    public Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) => inner.FindSubscriptionAsync(subscriptionId, cancellationToken);

    public Task<Page<Subscription>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken = default) => inner.QuerySubscriptionsAsync(query, cancellationToken);

    public Task<SubscriptionCharge?> FindChargeAsync(string chargeId, CancellationToken cancellationToken = default) => inner.FindChargeAsync(chargeId, cancellationToken);

    public Task<Page<SubscriptionCharge>> QueryChargesAsync(SubscriptionChargeQuery query, CancellationToken cancellationToken = default) => inner.QueryChargesAsync(query, cancellationToken);

    public Task<Instant?> LastBillingRunAsync(CancellationToken cancellationToken = default) => inner.LastBillingRunAsync(cancellationToken);

    public Task<IssuedDocument?> FindDocumentAsync(string applicationId, CancellationToken cancellationToken = default) => inner.FindDocumentAsync(applicationId, cancellationToken);

    public Task<InvoiceApplication?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken = default) => inner.FindApplicationAsync(applicationId, cancellationToken);

    public Task<Page<InvoiceApplication>> QueryApplicationsAsync(InvoiceApplicationQuery query, CancellationToken cancellationToken = default) => inner.QueryApplicationsAsync(query, cancellationToken);

    public Task<long> LastApplicationSequenceAsync(string series, CancellationToken cancellationToken = default) => inner.LastApplicationSequenceAsync(series, cancellationToken);

    public Task<PrepaidAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default) => inner.FindAccountAsync(accountId, cancellationToken);

    public Task<LedgerEntry?> FindEntryAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken = default) => inner.FindEntryAsync(accountId, idempotencyKey, cancellationToken);

    public Task<Page<LedgerEntry>> ListEntriesAsync(string accountId, InstantRange recorded, PageRequest page, CancellationToken cancellationToken = default) => inner.ListEntriesAsync(accountId, recorded, page, cancellationToken);

    public Task<Money?> BalanceAsOfAsync(string accountId, Instant asOf, CancellationToken cancellationToken = default) => inner.BalanceAsOfAsync(accountId, asOf, cancellationToken);

    public Task<TopUpOrder?> FindOrderAsync(string orderId, CancellationToken cancellationToken = default) => inner.FindOrderAsync(orderId, cancellationToken);

    public Task<Page<TopUpOrder>> QueryOrdersAsync(TopUpOrderQuery query, CancellationToken cancellationToken = default) => inner.QueryOrdersAsync(query, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> NextAsync(Instant now, int maxAccounts, CancellationToken cancellationToken = default) => inner.NextAsync(now, maxAccounts, cancellationToken);

    public Task MarkDeliveredAsync(long sequence, Instant at, CancellationToken cancellationToken = default) => inner.MarkDeliveredAsync(sequence, at, cancellationToken);

    public Task MarkFailedAsync(long sequence, string failure, Instant? retryAt, CancellationToken cancellationToken = default) => inner.MarkFailedAsync(sequence, failure, retryAt, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ParkedAsync(CancellationToken cancellationToken = default) => inner.ParkedAsync(cancellationToken);

    public Task RequeueAsync(long sequence, CancellationToken cancellationToken = default) => inner.RequeueAsync(sequence, cancellationToken);
}
