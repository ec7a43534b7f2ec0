using Billing.Domain.Events;
using Billing.Domain.Invoices;
using Billing.Domain.Periods;
using Billing.Domain.Storage;

namespace Billing.Domain.Testing.InMemory;

/// <summary>
/// The invoice store in memory: invoices, Prepay uniqueness per account and period, and gapless number series, under
/// one lock. Its commits' events (<see cref="InvoiceClosed"/>) go to the outbox of the prepaid store it is given, as two
/// stores on one database share one outbox; without one, a commit with events is refused.
/// </summary>
public sealed class InMemoryInvoiceStore : IInvoiceStore
{
    private readonly InMemoryPrepaidStore? _outbox;
    private readonly object _gate = new();
    private readonly Dictionary<string, Invoice> _invoices = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, BillingPeriod Period), string> _prepay = [];
    private readonly Dictionary<string, string> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _series = new(StringComparer.Ordinal);

    /// <summary>Initializes a store without an outbox: for invoices whose commits carry no events (drafts, postpaid invoices).</summary>
    public InMemoryInvoiceStore()
    {
    }

    /// <summary>Initializes a store whose commits write their events to <paramref name="outbox"/>'s outbox, in the same step.</summary>
    /// <param name="outbox">The prepaid store whose outbox the dispatcher reads.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outbox"/> is null.</exception>
    public InMemoryInvoiceStore(InMemoryPrepaidStore outbox)
    {
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
    }

    /// <summary>Gets or sets a hook run inside every commit before anything is written; a host's test makes it throw to fail the commit.</summary>
    public Action<Invoice>? BeforeCommit { get; set; }

    /// <inheritdoc/>
    public Task<Invoice> CommitAsync(Invoice invoice, bool takesNumber, IReadOnlyList<BillingEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0 && _outbox is null)
        {
            throw new InvalidOperationException(
                $"This in-memory invoice store has no outbox for the commit's events ({string.Join(", ", events.Select(e => e.Type))}): make it with the prepaid store whose outbox the dispatcher reads, new InMemoryInvoiceStore(prepaidStore).");
        }

        lock (_gate)
        {
            var stored = _invoices.GetValueOrDefault(invoice.InvoiceId)?.Version ?? 0;
            if (stored != invoice.Version)
            {
                throw new ConcurrencyConflictException("invoice", invoice.InvoiceId, invoice.Version, stored);
            }

            if (invoice.Version == 0 && invoice.PaymentModel == Subscriptions.PaymentModel.Prepaid && _prepay.ContainsKey((invoice.AccountId, invoice.Period)))
            {
                throw new ConcurrencyConflictException("prepay invoice", $"{invoice.AccountId} {invoice.Period}", 0, null);
            }

            if (takesNumber)
            {
                var series = invoice.Series ?? throw new ArgumentException("An invoice that takes a number carries its series.", nameof(invoice));
                var last = _series.GetValueOrDefault(series);
                if (invoice.Sequence != last + 1)
                {
                    throw new ConcurrencyConflictException("number series", series, (invoice.Sequence ?? 0) - 1, last);
                }

                if (_numbers.TryGetValue(invoice.Number!, out var holder) && holder != invoice.InvoiceId)
                {
                    throw new ConcurrencyConflictException("invoice number", invoice.Number!, 0, null);
                }
            }

            BeforeCommit?.Invoke(invoice);
            if (events.Count > 0)
            {
                _outbox?.AppendEvents(events);   // the last step that can fail: what follows cannot
            }

            var saved = invoice with { Version = invoice.Version + 1 };
            _invoices[saved.InvoiceId] = saved;
            if (saved.PaymentModel == Subscriptions.PaymentModel.Prepaid)
            {
                _prepay[(saved.AccountId, saved.Period)] = saved.InvoiceId;
            }

            if (takesNumber)
            {
                _series[saved.Series!] = saved.Sequence!.Value;
                _numbers[saved.Number!] = saved.InvoiceId;
            }

            return Task.FromResult(saved);
        }
    }

    /// <inheritdoc/>
    public Task<Invoice?> FindInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default) => Read(() => _invoices.GetValueOrDefault(invoiceId));

    /// <inheritdoc/>
    public Task<Invoice?> FindPrepayInvoiceAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken = default) =>
        Read(() => _prepay.TryGetValue((accountId, period), out var id) ? _invoices[id] : null);

    /// <inheritdoc/>
    public Task<Page<Invoice>> QueryInvoicesAsync(InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.Apply(_invoices.Values));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Money>> TotalsByCurrencyAsync(InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Read(() => query.TotalsByCurrency(_invoices.Values));
    }

    /// <inheritdoc/>
    public Task<long> LastSequenceAsync(string series, CancellationToken cancellationToken = default) => Read(() => _series.GetValueOrDefault(series));

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return Task.FromResult(read());
        }
    }
}
