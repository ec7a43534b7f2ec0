using System.Threading.Channels;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Consumption;

/// <summary>
/// Group commit for the per-call hot path: concurrent <see cref="RecordAsync"/> callers are coalesced into one
/// <see cref="ConsumptionService.RecordManyAsync"/> (one transaction) while the previous group commits, each caller
/// still getting its own outcome. Under light load a call commits alone at once, with no added wait; under heavy
/// load one commit (one fsync) serves up to <c>maxBatchSize</c> calls.
/// </summary>
/// <remarks>
/// <para>Each call is answered exactly as <see cref="ConsumptionService.RecordAsync"/> would answer it: once per
/// request id, never past the credit limit, in the order the calls arrived. When a group fails before its commit
/// because one of its calls is refused with an exception (an unknown account, a currency mismatch, a reused
/// request id), nothing is written and the group's calls are recorded one by one, so that only that caller gets the
/// exception. When the commit itself fails (the database is busy or gone), every call of the group gets that error
/// and nothing of the group is written.</para>
/// <para>One batcher per store and process; it is safe for any number of concurrent callers. Dispose it at shutdown:
/// calls already taken are recorded first.</para>
/// </remarks>
public sealed class ConsumptionBatcher : IAsyncDisposable
{
    /// <summary>The largest group a batcher commits at once by default.</summary>
    public const int DefaultMaxBatchSize = 1024;

    private readonly ConsumptionService _service;
    private readonly int _maxBatchSize;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <summary>Initializes a batcher and starts its commit loop.</summary>
    /// <param name="service">The service whose <see cref="ConsumptionService.RecordManyAsync"/> commits the groups.</param>
    /// <param name="maxBatchSize">The most calls one commit takes; 1 or more.</param>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatchSize"/> is below 1.</exception>
    public ConsumptionBatcher(ConsumptionService service, int maxBatchSize = DefaultMaxBatchSize)
    {
        _service = Preconditions.CheckNotNull(service);
        _maxBatchSize = Preconditions.CheckRange(maxBatchSize, 1, int.MaxValue);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Records a rated call in the next group commit.</summary>
    /// <param name="consumption">The rated call.</param>
    /// <param name="cancellationToken">Cancels the call while it waits for its group; once its group commits it is recorded.</param>
    /// <returns>Recorded, already recorded, or refused over the credit limit, as <see cref="ConsumptionService.RecordAsync"/> says.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consumption"/> is null.</exception>
    /// <exception cref="Pricing.NegativeCostException">The cost is negative and the service's <see cref="ConsumptionService.NegativeCosts"/> refuses it.</exception>
    /// <exception cref="ObjectDisposedException">The batcher was disposed.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">The cost is not in the ledger's currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The request id was recorded with another call.</exception>
    public Task<ConsumptionResult> RecordAsync(ConsumptionRecord consumption, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(_service.Accepted(consumption, nameof(consumption)), cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(pending), this);
        return pending.Result.Task;
    }

    /// <summary>Stops taking calls and waits until every call taken is answered.</summary>
    /// <returns>A task that completes when the last group has committed.</returns>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Result.TrySetCanceled(pending.CancellationToken);
                }
                else
                {
                    group.Add(pending);
                }
            }

            if (group.Count > 0)
            {
                await CommitAsync(group).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            var results = await _service.RecordManyAsync([.. group.Select(p => p.Call)]).ConfigureAwait(false);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception refused) when (refused is NotFoundException or CurrencyMismatchException or IdempotencyKeyReusedException)
        {
            // One call is refused, and the group with it, before anything was written: answer each on its own.
            foreach (var pending in group)
            {
                try
                {
                    pending.Result.TrySetResult(await _service.RecordAsync(pending.Call).ConfigureAwait(false));
                }
                catch (Exception failed)
                {
                    pending.Result.TrySetException(failed);
                }
            }
        }
        catch (Exception failed)
        {
            // The commit failed: nothing of the group is written, and every call of it gets the error.
            foreach (var pending in group)
            {
                pending.Result.TrySetException(failed);
            }
        }
    }

    private sealed record Pending(ConsumptionRecord Call, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<ConsumptionResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
