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
using NodaTime;

namespace Billing.Domain.Testing.InMemory;

/// <summary>
/// The prepaid store in memory: every port method, optimistic concurrency and atomic commits under one lock.
/// For tests and samples; each read returns the immutable aggregates as stored.
/// </summary>
/// <remarks>
/// Like a database, it waits at most <see cref="BusyTimeout"/> for its lock and then throws
/// <see cref="StorageBusyException"/>; <see cref="HoldLock"/> holds the lock, as another writer would.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim holds no wait handle: it makes one only when AvailableWaitHandle is read, which this store never does.")]
public sealed class InMemoryPrepaidStore : IPrepaidStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Ledger> _ledgers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopUpOrder> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Correction> _corrections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InvoiceApplication> _applications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _applicationSeries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SubscriptionCharge> _charges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SubscriptionCharge>> _chargesOfAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SubscriptionCharge>> _chargesOfSubscription = new(StringComparer.Ordinal);
    private readonly List<Outboxed> _outbox = [];
    private Instant? _lastBillingRun;

    /// <summary>Gets how long a call waits for the store's lock before <see cref="StorageBusyException"/>; 5 seconds by default.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Holds the store's lock until the result is disposed, as another writer's long transaction would.</summary>
    /// <returns>What releases the lock.</returns>
    /// <exception cref="StorageBusyException">The lock was not free within <see cref="BusyTimeout"/>.</exception>
    public IDisposable HoldLock()
    {
        Enter();
        return new Release(_gate);
    }

    /// <inheritdoc/>
    public Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Read(() => Apply(change, undo: null));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
        }

        return Read<IReadOnlyList<PrepaidChange>>(() =>
        {
            // Each change applies as CommitAsync's would; a refused one undoes those before it, newest first.
            var undo = new List<Action>();
            try
            {
                return [.. changes.Select(change => Apply(change, undo))];
            }
            catch
            {
                for (var i = undo.Count - 1; i >= 0; i--)
                {
                    undo[i]();
                }

                throw;
            }
        });
    }

    // Checks a change against the store, then writes it; with an undo list, records how to take each write back.
    private PrepaidChange Apply(PrepaidChange change, List<Action>? undo)
    {
        if (change.Account is { } account)
        {
            Expect("prepaid account", account.AccountId, account.Version, _ledgers.GetValueOrDefault(account.AccountId)?.Head.Version);
        }

        if (change.Order is { } order)
        {
            Expect("top-up order", order.OrderId, order.Version, _orders.GetValueOrDefault(order.OrderId)?.Version);
        }

        if (change.Correction is { } correction)
        {
            Expect("correction", correction.CorrectionId, correction.Version, _corrections.GetValueOrDefault(correction.CorrectionId)?.Version);
        }

        foreach (var application in change.Applications)
        {
            var stored = _applications.GetValueOrDefault(application.ApplicationId);
            Expect("invoice application", application.ApplicationId, application.Version, stored?.Version);
            if (application.Number is not null && stored?.Number is null && application.Sequence != _applicationSeries.GetValueOrDefault(application.Series!) + 1)
            {
                throw new ConcurrencyConflictException("number series", application.Series!, (application.Sequence ?? 0) - 1, _applicationSeries.GetValueOrDefault(application.Series!));
            }
        }

        if (change.Document is { } document && _documents.ContainsKey(document.ApplicationId))
        {
            throw new ConcurrencyConflictException("issued document", document.ApplicationId, 0, null);
        }

        if (change.Subscription is { } subscription)
        {
            Expect("subscription", subscription.Id, subscription.Version, _subscriptions.GetValueOrDefault(subscription.Id)?.Version);
        }

        foreach (var charge in change.Charges)
        {
            Expect("subscription charge", charge.ChargeId, charge.Version, _charges.GetValueOrDefault(charge.ChargeId)?.Version);
        }

        if (change.BillingRunAt is { } runAt && _lastBillingRun is { } last && runAt < last)
        {
            throw new ConcurrencyConflictException("billing run", "last", 0, null);
        }

        var ledger = change.Account is null ? null : _ledgers.GetValueOrDefault(change.Account.AccountId);
        if (change.Entry is { } entry && ledger is not null && ledger.ByKey.ContainsKey(entry.IdempotencyKey))
        {
            throw new ConcurrencyConflictException("ledger entry", entry.IdempotencyKey, 0, null);
        }

        if (change.Consumption is { } consumption && ledger is not null && ledger.Consumption.ContainsKey(consumption.RequestId))
        {
            throw new ConcurrencyConflictException("consumption record", consumption.RequestId, 0, null);
        }

        var saved = change.Saved();
        if (saved.Account is { } head)
        {
            if (ledger is null)
            {
                ledger = _ledgers[head.AccountId] = new Ledger(head);
                undo?.Add(() => _ledgers.Remove(head.AccountId));
            }
            else
            {
                var (before, kept) = (ledger.Head, ledger);
                undo?.Add(() => kept.Head = before);
            }

            ledger.Head = head;
        }

        if (saved.Entry is { } appended)
        {
            var kept = ledger!;
            kept.Entries.Add(appended);
            kept.ByKey.Add(appended.IdempotencyKey, appended);
            undo?.Add(() =>
            {
                kept.Entries.RemoveAt(kept.Entries.Count - 1);
                kept.ByKey.Remove(appended.IdempotencyKey);
            });
        }

        if (saved.Consumption is { } record)
        {
            var kept = ledger!;
            kept.Consumption.Add(record.RequestId, record);
            undo?.Add(() => kept.Consumption.Remove(record.RequestId));
        }

        if (saved.Order is { } savedOrder)
        {
            Put(_orders, savedOrder.OrderId, savedOrder, undo);
        }

        if (saved.Correction is { } savedCorrection)
        {
            Put(_corrections, savedCorrection.CorrectionId, savedCorrection, undo);
        }

        foreach (var application in saved.Applications)
        {
            if (application.Number is not null && _applications.GetValueOrDefault(application.ApplicationId)?.Number is null)
            {
                Put(_applicationSeries, application.Series!, application.Sequence!.Value, undo);
            }

            Put(_applications, application.ApplicationId, application, undo);
        }

        if (saved.Document is { } savedDocument)
        {
            Put(_documents, savedDocument.ApplicationId, savedDocument, undo);
        }

        if (saved.Subscription is { } savedSubscription)
        {
            Put(_subscriptions, savedSubscription.Id, savedSubscription.Copy(), undo);   // subscriptions are mutable: the store keeps its own
        }

        foreach (var charge in saved.Charges)
        {
            Put(_charges, charge.ChargeId, charge, undo);
            Put(Index(_chargesOfAccount, charge.AccountId), charge.ChargeId, charge, undo);
            Put(Index(_chargesOfSubscription, charge.SubscriptionId), charge.ChargeId, charge, undo);
        }

        foreach (var billingEvent in saved.Events)
        {
            _outbox.Add(new Outboxed(_outbox.Count + 1, billingEvent));
            undo?.Add(() => _outbox.RemoveAt(_outbox.Count - 1));
        }

        if (saved.BillingRunAt is not null)
        {
            var before = _lastBillingRun;
            undo?.Add(() => _lastBillingRun = before);
            _lastBillingRun = saved.BillingRunAt;
        }

        return saved;
    }

    // Sets a key, recording how to restore what it held.
    private static void Put<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key, TValue value, List<Action>? undo)
        where TKey : notnull
    {
        if (undo is not null)
        {
            undo.Add(map.TryGetValue(key, out var before) ? () => map[key] = before : () => map.Remove(key));
        }

        map[key] = value;
    }

    /// <inheritdoc/>
    public Task<PrepaidAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Read(() => _ledgers.GetValueOrDefault(accountId)?.Head);

    /// <inheritdoc/>
    public Task<Page<PrepaidAccount>> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(_ledgers.Values.Select(l => l.Head)));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, PrepaidAccount>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        foreach (var id in accountIds)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(accountIds));
        }

        return Read<IReadOnlyDictionary<string, PrepaidAccount>>(() =>
        {
            var heads = new Dictionary<string, PrepaidAccount>(StringComparer.Ordinal);
            foreach (var id in accountIds)
            {
                if (_ledgers.GetValueOrDefault(id) is { } ledger)
                {
                    heads[id] = ledger.Head;
                }
            }

            return heads;
        });
    }

    /// <inheritdoc/>
    public Task<LedgerEntry?> FindEntryAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        Read(() => _ledgers.GetValueOrDefault(accountId)?.ByKey.GetValueOrDefault(idempotencyKey));

    /// <inheritdoc/>
    public Task<Page<LedgerEntry>> ListEntriesAsync(string accountId, InstantRange recorded, PageRequest page, CancellationToken cancellationToken = default) =>
        Read(() => page.Cut<LedgerEntry>([.. (_ledgers.GetValueOrDefault(accountId)?.Entries ?? []).Where(e => recorded.Contains(e.RecordedAt))]));

    /// <inheritdoc/>
    public Task<Money?> BalanceAsOfAsync(string accountId, Instant asOf, CancellationToken cancellationToken = default) =>
        Read<Money?>(() => _ledgers.GetValueOrDefault(accountId) is { } ledger
            ? ledger.Entries.Where(e => e.RecordedAt <= asOf).Aggregate(new Money(0m, ledger.Head.Currency), (sum, e) => sum + e.Amount)
            : null);

    /// <inheritdoc/>
    public Task<TopUpOrder?> FindOrderAsync(string orderId, CancellationToken cancellationToken = default) => Read(() => _orders.GetValueOrDefault(orderId));

    /// <inheritdoc/>
    public Task<Page<TopUpOrder>> QueryOrdersAsync(TopUpOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(_orders.Values));
    }

    /// <inheritdoc/>
    public Task<ConsumptionRecord?> FindConsumptionAsync(string accountId, string requestId, CancellationToken cancellationToken = default) =>
        Read(() => _ledgers.GetValueOrDefault(accountId)?.Consumption.GetValueOrDefault(requestId));

    /// <inheritdoc/>
    public Task<Page<ConsumptionRecord>> QueryConsumptionAsync(ConsumptionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(_ledgers.GetValueOrDefault(query.AccountId)?.Consumption.Values ?? Enumerable.Empty<ConsumptionRecord>()));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ConsumptionTotal>> SumConsumptionAsync(string accountId, InstantRange booked, CancellationToken cancellationToken = default) =>
        Read(() => _ledgers.GetValueOrDefault(accountId) is { } ledger
            ? ConsumptionTotal.Sum(ledger.Consumption.Values.Where(r => r.BookedAt is { } at && booked.Contains(at)), ledger.Head.Currency)
            : []);

    /// <inheritdoc/>
    public Task<Correction?> FindCorrectionAsync(string correctionId, CancellationToken cancellationToken = default) =>
        Read(() => _corrections.GetValueOrDefault(correctionId));

    /// <inheritdoc/>
    public Task<Page<Correction>> QueryCorrectionsAsync(CorrectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(_corrections.Values));
    }

    /// <inheritdoc/>
    public Task<InvoiceApplication?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken = default) =>
        Read(() => _applications.GetValueOrDefault(applicationId));

    /// <inheritdoc/>
    public Task<Page<InvoiceApplication>> QueryApplicationsAsync(InvoiceApplicationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(_applications.Values));
    }

    /// <inheritdoc/>
    public Task<IssuedDocument?> FindDocumentAsync(string applicationId, CancellationToken cancellationToken = default) =>
        Read(() => _documents.GetValueOrDefault(applicationId));

    /// <inheritdoc/>
    public Task<long> LastApplicationSequenceAsync(string series, CancellationToken cancellationToken = default) =>
        Read(() => _applicationSeries.GetValueOrDefault(series));

    /// <inheritdoc/>
    public Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        Read(() => _subscriptions.GetValueOrDefault(subscriptionId)?.Copy());

    /// <inheritdoc/>
    public Task<Page<Subscription>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() =>
        {
            var page = query.Apply(_subscriptions.Values);
            return page with { Items = [.. page.Items.Select(s => s.Copy())] };
        });
    }

    /// <inheritdoc/>
    public Task<SubscriptionCharge?> FindChargeAsync(string chargeId, CancellationToken cancellationToken = default) =>
        Read(() => _charges.GetValueOrDefault(chargeId));

    /// <inheritdoc/>
    public Task<Page<SubscriptionCharge>> QueryChargesAsync(SubscriptionChargeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(
            (IEnumerable<SubscriptionCharge>?)(query.SubscriptionId is { } subscriptionId ? _chargesOfSubscription.GetValueOrDefault(subscriptionId) : _chargesOfAccount.GetValueOrDefault(query.AccountId))?.Values ?? []));
    }

    // The charges of one account or subscription, by id: a query reads only them, as an indexed database would.
    private static Dictionary<string, SubscriptionCharge> Index(Dictionary<string, Dictionary<string, SubscriptionCharge>> index, string key)
    {
        if (!index.TryGetValue(key, out var charges))
        {
            index[key] = charges = new Dictionary<string, SubscriptionCharge>(StringComparer.Ordinal);
        }

        return charges;
    }

    /// <inheritdoc/>
    public Task<Instant?> LastBillingRunAsync(CancellationToken cancellationToken = default) => Read(() => _lastBillingRun);

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxEntry>> NextAsync(Instant now, int maxAccounts, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAccounts, 1);
        return Read<IReadOnlyList<OutboxEntry>>(() =>
        [
            .. _outbox.Where(o => o.DeliveredAt is null && !o.Parked).GroupBy(o => o.Event.AccountId, StringComparer.Ordinal).Select(g => g.First())
                .Where(o => o.RetryAt is null || o.RetryAt <= now).Take(maxAccounts).Select(o => o.Entry),
        ]);
    }

    /// <inheritdoc/>
    public Task MarkDeliveredAsync(long sequence, Instant at, CancellationToken cancellationToken = default) =>
        Read(() => Find(sequence).DeliveredAt = at);

    /// <inheritdoc/>
    public Task MarkFailedAsync(long sequence, string failure, Instant? retryAt, CancellationToken cancellationToken = default) =>
        Read(() =>
        {
            var outboxed = Find(sequence);
            (outboxed.Attempts, outboxed.LastError, outboxed.RetryAt, outboxed.Parked) = (outboxed.Attempts + 1, failure, retryAt, retryAt is null);
            return outboxed;
        });

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxEntry>> ParkedAsync(CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<OutboxEntry>>(() => [.. _outbox.Where(o => o.Parked).Select(o => o.Entry)]);

    /// <inheritdoc/>
    public Task RequeueAsync(long sequence, CancellationToken cancellationToken = default) =>
        Read(() =>
        {
            var outboxed = Find(sequence);
            (outboxed.Parked, outboxed.RetryAt) = (false, null);
            return outboxed;
        });

    private Outboxed Find(long sequence) =>
        sequence >= 1 && sequence <= _outbox.Count ? _outbox[(int)sequence - 1] : throw new NotFoundException("outbox event", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static void Expect(string aggregate, string id, long expected, long? stored)
    {
        if (expected != (stored ?? 0))
        {
            throw new ConcurrencyConflictException(aggregate, id, expected, stored ?? 0);
        }
    }

    // Runs under the store's lock, waiting for it at most the busy timeout; exceptions come back as a faulted task.
    /// <summary>Appends events to the outbox under the store's lock, for an invoice store that shares it (<see cref="InMemoryInvoiceStore(InMemoryPrepaidStore)"/>).</summary>
    /// <exception cref="StorageBusyException">The lock was not free within <see cref="BusyTimeout"/>; nothing was appended.</exception>
    internal void AppendEvents(IReadOnlyList<BillingEvent> events)
    {
        Enter();
        try
        {
            foreach (var billingEvent in events)
            {
                _outbox.Add(new Outboxed(_outbox.Count + 1, billingEvent));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<T> Read<T>(Func<T> read)
    {
        try
        {
            Enter();
            try
            {
                return Task.FromResult(read());
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception failed) when (failed is BillingException or ArgumentException)
        {
            return Task.FromException<T>(failed);
        }
    }

    private void Enter()
    {
        if (!_gate.Wait(BusyTimeout))
        {
            throw new StorageBusyException("in-memory prepaid store", BusyTimeout);
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    // An event in the outbox and how its delivery went.
    private sealed class Outboxed(long sequence, BillingEvent billingEvent)
    {
        public BillingEvent Event { get; } = billingEvent;

        public int Attempts { get; set; }

        public Instant? RetryAt { get; set; }

        public bool Parked { get; set; }

        public string? LastError { get; set; }

        public Instant? DeliveredAt { get; set; }

        public OutboxEntry Entry => new(sequence, Event, Attempts, RetryAt, Parked, LastError);
    }

    private sealed class Ledger(PrepaidAccount head)
    {
        public PrepaidAccount Head { get; set; } = head;

        public List<LedgerEntry> Entries { get; } = [];

        public Dictionary<string, LedgerEntry> ByKey { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ConsumptionRecord> Consumption { get; } = new(StringComparer.Ordinal);
    }
}
