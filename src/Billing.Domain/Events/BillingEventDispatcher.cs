using Billing.Domain.Diagnostics;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Events;

/// <summary>
/// Delivers the outbox's events to the host's consumers (<see cref="IBillingEventConsumer"/>): at least once, in order per account. Each round takes the
/// next due event of each account (<see cref="IOutboxStore.NextAsync"/>), hands it to every consumer, and marks it
/// delivered; a consumer that throws fails the delivery, which is retried after the policy's delay while the account's
/// later events wait, and parked after the policy's last attempt, never lost. A crash between a delivery and its mark
/// delivers the event again.
/// </summary>
public sealed class BillingEventDispatcher
{
    private const int AccountsPerRound = 100;

    private readonly IOutboxStore _outbox;
    private readonly IReadOnlyList<IBillingEventConsumer> _consumers;
    private readonly IClock _clock;
    private readonly EventDeliveryPolicy _policy;
    private readonly ILogger _logger;

    /// <summary>Initializes the dispatcher.</summary>
    /// <param name="outbox">The outbox: the prepaid store.</param>
    /// <param name="consumers">The host's consumers, each given every event.</param>
    /// <param name="clock">The clock retries are scheduled by.</param>
    /// <param name="policy">How failed deliveries are retried; <see cref="EventDeliveryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where failures and parked events are logged; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency, or a consumer, is null.</exception>
    public BillingEventDispatcher(IOutboxStore outbox, IEnumerable<IBillingEventConsumer> consumers, IClock clock, EventDeliveryPolicy? policy = null, ILogger? logger = null)
    {
        _outbox = Preconditions.CheckNotNull(outbox);
        _consumers = [.. Preconditions.CheckNotNull(consumers)];
        Preconditions.CheckArgument(_consumers.All(h => h is not null), nameof(consumers), "A consumer is null.");
        _clock = Preconditions.CheckNotNull(clock);
        _policy = policy ?? EventDeliveryPolicy.Default;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>Delivers every event that is due, round after round, until none is.</summary>
    /// <param name="cancellationToken">Stops between deliveries; an event whose delivery was cut short is delivered again.</param>
    /// <returns>How many events were delivered.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        while (true)
        {
            var next = await _outbox.NextAsync(_clock.GetCurrentInstant(), AccountsPerRound, cancellationToken).ConfigureAwait(false);
            if (next.Count == 0)
            {
                return delivered;
            }

            foreach (var entry in next)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await DeliverAsync(entry, cancellationToken).ConfigureAwait(false))
                {
                    delivered++;
                }
            }
        }
    }

    private async Task<bool> DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var consumer in _consumers)
            {
                await consumer.HandleAsync(entry.Event, cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A consumer's failure, whatever it is, is recorded and retried: that is the contract.
        catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
        {
            var failures = entry.Attempts + 1;
            var retryAt = failures >= _policy.MaxAttempts ? (Instant?)null : _clock.GetCurrentInstant() + _policy.DelayAfter(failures);
            await _outbox.MarkFailedAsync(entry.Sequence, $"{failure.GetType().Name}: {failure.Message}", retryAt, cancellationToken).ConfigureAwait(false);
            if (retryAt is { } at)
            {
                BillingLog.EventDeliveryFailed(_logger, entry.Event.Type, entry.Event.EventId, failures, at, failure);
            }
            else
            {
                BillingLog.EventParked(_logger, entry.Event.Type, entry.Event.EventId, failures, failure);
            }

            return false;
        }

        await _outbox.MarkDeliveredAsync(entry.Sequence, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return true;
    }
}
