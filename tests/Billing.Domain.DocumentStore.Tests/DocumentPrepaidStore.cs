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

namespace Billing.Domain.DocumentStore.Tests;

/// <summary>
/// The prepaid store on a <see cref="DocumentDatabase"/>, written as a host would write one on Marten: every aggregate a
/// document of its stored fields, rebuilt on each read through the library's public Restore factories; versions and
/// unique keys checked in the session that writes, so that a change is stored whole or not at all.
/// </summary>
internal sealed class DocumentPrepaidStore(DocumentDatabase database) : IPrepaidStore
{
    private const string Accounts = "accounts";
    private const string Entries = "entries";
    private const string Calls = "consumption";
    private const string Orders = "orders";
    private const string Corrections = "corrections";
    private const string Applications = "applications";
    private const string ApplicationSeries = "application-series";
    private const string IssuedDocuments = "issued-documents";
    private const string Outbox = "outbox";
    private const string OutboxSequence = "outbox-sequence";
    private const string Subscriptions = "subscriptions";
    private const string Charges = "charges";
    private const string BillingRuns = "billing-runs";

    public Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return database.RunAsync(session => Write(session, change), cancellationToken);
    }

    public Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
        }

        // One session: each change sees the ones before it, and a refused one leaves the session's writes unkept.
        return database.RunAsync<IReadOnlyList<PrepaidChange>>(session => [.. changes.Select(change => Write(session, change))], cancellationToken);
    }

    public Task<PrepaidAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<AccountDocument>(Accounts, accountId)?.Restore(), cancellationToken);

    public Task<IReadOnlyDictionary<string, PrepaidAccount>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        foreach (var id in accountIds)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(accountIds));
        }

        return database.RunAsync<IReadOnlyDictionary<string, PrepaidAccount>>(
            session => accountIds.Distinct(StringComparer.Ordinal)
                .Select(id => session.Find<AccountDocument>(Accounts, id)?.Restore())
                .OfType<PrepaidAccount>()
                .ToDictionary(a => a.AccountId, StringComparer.Ordinal),
            cancellationToken);
    }

    public Task<Page<PrepaidAccount>> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<AccountDocument>(Accounts).Select(d => d.Restore())), cancellationToken);
    }

    public Task<LedgerEntry?> FindEntryAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<LedgerEntry>(Entries, Key(accountId, idempotencyKey)), cancellationToken);

    public Task<Page<LedgerEntry>> ListEntriesAsync(string accountId, InstantRange recorded, PageRequest page, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            session => page.Cut<LedgerEntry>([.. EntriesOf(session, accountId).Where(e => recorded.Contains(e.RecordedAt))]),
            cancellationToken);

    public Task<Money?> BalanceAsOfAsync(string accountId, Instant asOf, CancellationToken cancellationToken = default) =>
        database.RunAsync(
            session => session.Find<AccountDocument>(Accounts, accountId) is { } account
                ? Money.Sum(EntriesOf(session, accountId).Where(e => e.RecordedAt <= asOf).Select(e => e.Amount), account.Currency)
                : (Money?)null,
            cancellationToken);

    public Task<TopUpOrder?> FindOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<OrderDocument>(Orders, orderId)?.Restore(), cancellationToken);

    public Task<Page<TopUpOrder>> QueryOrdersAsync(TopUpOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<OrderDocument>(Orders).Select(d => d.Restore())), cancellationToken);
    }

    public Task<ConsumptionRecord?> FindConsumptionAsync(string accountId, string requestId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<ConsumptionRecord>(Calls, Key(accountId, requestId)), cancellationToken);

    public Task<Page<ConsumptionRecord>> QueryConsumptionAsync(ConsumptionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<ConsumptionRecord>(Calls).Where(r => r.AccountId == query.AccountId)), cancellationToken);
    }

    public Task<IReadOnlyList<ConsumptionTotal>> SumConsumptionAsync(string accountId, InstantRange booked, CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<ConsumptionTotal>>(
            session => session.Find<AccountDocument>(Accounts, accountId) is { } account
                ? ConsumptionTotal.Sum(session.All<ConsumptionRecord>(Calls).Where(r => r.AccountId == accountId && r.BookedAt is { } at && booked.Contains(at)), account.Currency)
                : [],
            cancellationToken);

    public Task<Correction?> FindCorrectionAsync(string correctionId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<CorrectionDocument>(Corrections, correctionId)?.Restore(), cancellationToken);

    public Task<Page<Correction>> QueryCorrectionsAsync(CorrectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<CorrectionDocument>(Corrections).Select(d => d.Restore())), cancellationToken);
    }

    public Task<InvoiceApplication?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<ApplicationDocument>(Applications, applicationId)?.Restore(), cancellationToken);

    public Task<Page<InvoiceApplication>> QueryApplicationsAsync(InvoiceApplicationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<ApplicationDocument>(Applications).Select(d => d.Restore())), cancellationToken);
    }

    public Task<IssuedDocument?> FindDocumentAsync(string applicationId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<IssuedDocumentDocument>(IssuedDocuments, applicationId)?.Restore(), cancellationToken);

    public Task<long> LastApplicationSequenceAsync(string series, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<SequenceDocument>(ApplicationSeries, series)?.Last ?? 0, cancellationToken);

    public Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<SubscriptionDocument>(Subscriptions, subscriptionId)?.Restore(), cancellationToken);

    public Task<Page<Subscription>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<SubscriptionDocument>(Subscriptions).Select(d => d.Restore())), cancellationToken);
    }

    public Task<SubscriptionCharge?> FindChargeAsync(string chargeId, CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<ChargeDocument>(Charges, chargeId)?.Restore(), cancellationToken);

    public Task<Page<SubscriptionCharge>> QueryChargesAsync(SubscriptionChargeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.RunAsync(session => query.Apply(session.All<ChargeDocument>(Charges).Select(d => d.Restore())), cancellationToken);
    }

    public Task<Instant?> LastBillingRunAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync(session => session.Find<RunDocument>(BillingRuns, "last")?.At, cancellationToken);

    // Checks a change against what the session sees, then writes it there.
    private static PrepaidChange Write(DocumentDatabase.Session session, PrepaidChange change)
    {
        if (change.Account is { } account)
        {
            Expect("prepaid account", account.AccountId, account.Version, session.Find<AccountDocument>(Accounts, account.AccountId)?.Version);
        }

        if (change.Order is { } order)
        {
            Expect("top-up order", order.OrderId, order.Version, session.Find<OrderDocument>(Orders, order.OrderId)?.Version);
        }

        if (change.Correction is { } correction)
        {
            Expect("correction", correction.CorrectionId, correction.Version, session.Find<CorrectionDocument>(Corrections, correction.CorrectionId)?.Version);
        }

        foreach (var application in change.Applications)
        {
            var stored = session.Find<ApplicationDocument>(Applications, application.ApplicationId);
            Expect("invoice application", application.ApplicationId, application.Version, stored?.Version);
            var last = application.Series is { } series ? session.Find<SequenceDocument>(ApplicationSeries, series)?.Last ?? 0 : 0;
            if (application.Number is not null && stored?.Number is null && application.Sequence != last + 1)
            {
                throw new ConcurrencyConflictException("number series", application.Series!, (application.Sequence ?? 0) - 1, last);
            }
        }

        if (change.Document is { } document && session.Find<IssuedDocumentDocument>(IssuedDocuments, document.ApplicationId) is not null)
        {
            throw new ConcurrencyConflictException("issued document", document.ApplicationId, 0, null);
        }

        if (change.Subscription is { } subscription)
        {
            Expect("subscription", subscription.Id, subscription.Version, session.Find<SubscriptionDocument>(Subscriptions, subscription.Id)?.Version);
        }

        foreach (var charge in change.Charges)
        {
            Expect("subscription charge", charge.ChargeId, charge.Version, session.Find<ChargeDocument>(Charges, charge.ChargeId)?.Version);
        }

        if (change.BillingRunAt is { } runAt && session.Find<RunDocument>(BillingRuns, "last") is { } lastRun && runAt < lastRun.At)
        {
            throw new ConcurrencyConflictException("billing run", "last", 0, null);
        }

        if (change.Entry is { } entry && session.Find<LedgerEntry>(Entries, Key(entry.AccountId, entry.IdempotencyKey)) is not null)
        {
            throw new ConcurrencyConflictException("ledger entry", entry.IdempotencyKey, 0, null);
        }

        if (change.Consumption is { } call && session.Find<ConsumptionRecord>(Calls, Key(call.AccountId, call.RequestId)) is not null)
        {
            throw new ConcurrencyConflictException("consumption record", call.RequestId, 0, null);
        }

        var saved = change.Saved();
        if (saved.Account is { } head)
        {
            session.Put(Accounts, head.AccountId, AccountDocument.Of(head));
        }

        if (saved.Entry is { } appended)
        {
            session.Put(Entries, Key(appended.AccountId, appended.IdempotencyKey), appended);
        }

        if (saved.Consumption is { } record)
        {
            session.Put(Calls, Key(record.AccountId, record.RequestId), record);
        }

        if (saved.Order is { } savedOrder)
        {
            session.Put(Orders, savedOrder.OrderId, OrderDocument.Of(savedOrder));
        }

        if (saved.Correction is { } savedCorrection)
        {
            session.Put(Corrections, savedCorrection.CorrectionId, CorrectionDocument.Of(savedCorrection));
        }

        foreach (var application in saved.Applications)
        {
            if (application.Number is not null && session.Find<ApplicationDocument>(Applications, application.ApplicationId)?.Number is null)
            {
                session.Put(ApplicationSeries, application.Series!, new SequenceDocument(application.Sequence!.Value));
            }

            session.Put(Applications, application.ApplicationId, ApplicationDocument.Of(application));
        }

        if (saved.Document is { } savedDocument)
        {
            session.Put(IssuedDocuments, savedDocument.ApplicationId, IssuedDocumentDocument.Of(savedDocument));
        }

        if (saved.Subscription is { } savedSubscription)
        {
            session.Put(Subscriptions, savedSubscription.Id, SubscriptionDocument.Of(savedSubscription));
        }

        foreach (var charge in saved.Charges)
        {
            session.Put(Charges, charge.ChargeId, ChargeDocument.Of(charge));
        }

        AppendEvents(session, saved.Events);

        if (saved.BillingRunAt is { } at)
        {
            session.Put(BillingRuns, "last", new RunDocument(at));
        }

        return saved;
    }

    public Task<IReadOnlyList<OutboxEntry>> NextAsync(Instant now, int maxAccounts, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAccounts, 1);
        return database.RunAsync<IReadOnlyList<OutboxEntry>>(
            session =>
            [
                .. OutboxOf(session).Where(o => o.DeliveredAt is null && !o.Parked).GroupBy(o => o.Event.AccountId, StringComparer.Ordinal).Select(g => g.First())
                    .Where(o => o.RetryAt is null || o.RetryAt <= now).Take(maxAccounts).Select(o => o.Entry),
            ],
            cancellationToken);
    }

    public Task MarkDeliveredAsync(long sequence, Instant at, CancellationToken cancellationToken = default) =>
        UpdateOutboxAsync(sequence, o => o with { DeliveredAt = at }, cancellationToken);

    public Task MarkFailedAsync(long sequence, string failure, Instant? retryAt, CancellationToken cancellationToken = default) =>
        UpdateOutboxAsync(sequence, o => o with { Attempts = o.Attempts + 1, LastError = failure, RetryAt = retryAt, Parked = retryAt is null }, cancellationToken);

    public Task<IReadOnlyList<OutboxEntry>> ParkedAsync(CancellationToken cancellationToken = default) =>
        database.RunAsync<IReadOnlyList<OutboxEntry>>(session => [.. OutboxOf(session).Where(o => o.Parked).Select(o => o.Entry)], cancellationToken);

    public Task RequeueAsync(long sequence, CancellationToken cancellationToken = default) =>
        UpdateOutboxAsync(sequence, o => o with { Parked = false, RetryAt = null }, cancellationToken);

    private Task<OutboxDocument> UpdateOutboxAsync(long sequence, Func<OutboxDocument, OutboxDocument> update, CancellationToken cancellationToken) =>
        database.RunAsync(
            session =>
            {
                var updated = update(session.Find<OutboxDocument>(Outbox, OutboxKey(sequence))
                    ?? throw new NotFoundException("outbox event", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                session.Put(Outbox, OutboxKey(sequence), updated);
                return updated;
            },
            cancellationToken);

    /// <summary>Appends events to the database's outbox in the session's commit; the invoice store's commits use it too.</summary>
    internal static void AppendEvents(DocumentDatabase.Session session, IEnumerable<BillingEvent> events)
    {
        foreach (var billingEvent in events)
        {
            var last = session.Find<SequenceDocument>(OutboxSequence, "last")?.Last ?? 0;
            session.Put(OutboxSequence, "last", new SequenceDocument(last + 1));
            session.Put(Outbox, OutboxKey(last + 1), new OutboxDocument(last + 1, billingEvent, 0, null, false, null, null));
        }
    }

    private static IEnumerable<OutboxDocument> OutboxOf(DocumentDatabase.Session session) =>
        session.All<OutboxDocument>(Outbox).OrderBy(o => o.Sequence);

    private static string OutboxKey(long sequence) => sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<LedgerEntry> EntriesOf(DocumentDatabase.Session session, string accountId) =>
        session.All<LedgerEntry>(Entries).Where(e => e.AccountId == accountId).OrderBy(e => e.Sequence);

    private static void Expect(string aggregate, string id, long expected, long? stored)
    {
        if (expected != (stored ?? 0))
        {
            throw new ConcurrencyConflictException(aggregate, id, expected, stored ?? 0);
        }
    }

    // Two ids in one key, the first's length in front: no pair of ids makes another pair's key.
    private static string Key(string first, string second) => $"{first.Length}:{first}{second}";

    private sealed record SequenceDocument(long Last);

    // An event in the outbox and how its delivery went.
    private sealed record OutboxDocument(long Sequence, BillingEvent Event, int Attempts, Instant? RetryAt, bool Parked, string? LastError, Instant? DeliveredAt)
    {
        public OutboxEntry Entry => new(Sequence, Event, Attempts, RetryAt, Parked, LastError);
    }

    private sealed record RunDocument(Instant At);
}
