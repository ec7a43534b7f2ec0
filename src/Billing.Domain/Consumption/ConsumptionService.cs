using Billing.Domain.Diagnostics;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Consumption;

/// <summary>Pays rated calls from the prepaid balance: each request id once, never past the credit limit.</summary>
public sealed class ConsumptionService
{
    private const string RecordCommand = "consumption.record";
    private const string RecordManyCommand = "consumption.record_many";
    private static readonly string[] OutcomeNames = [.. Enum.GetNames<ConsumptionOutcome>().Select(Texts.SnakeCase)];

    private readonly PrepaidCommands _commands;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="clock">The clock stamping ledger entries.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public ConsumptionService(IPrepaidStore store, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _commands = new PrepaidCommands(store, clock, retry, logger);
    }

    /// <summary>
    /// Gets a value indicating whether each recorded call writes a <see cref="Events.CallRecorded"/> event to the outbox in
    /// its commit. Off by default: on the per-call hot path it is one more row a call.
    /// </summary>
    public bool CallEvents { get; init; }

    /// <summary>
    /// Gets what a call whose cost is negative (a gateway's rating gone wrong) does: <see cref="NegativeQuantityPolicy.Refuse"/>
    /// (the default) refuses it with <see cref="NegativeCostException"/> (<c>pricing.negative_cost</c>), nothing written;
    /// <see cref="NegativeQuantityPolicy.ClampToZero"/> records it at a cost of zero, once per request id as any call.
    /// </summary>
    public NegativeQuantityPolicy NegativeCosts { get; init => field = Preconditions.CheckDefined(value, nameof(NegativeCosts)); }

    /// <summary>The idempotency key of a call's debit.</summary>
    /// <param name="requestId">The request id.</param>
    /// <returns>The key.</returns>
    public static string KeyFor(string requestId) => "consumption:" + requestId;

    /// <summary>
    /// Records a rated call and debits its cost, once per request id: the same call again is answered
    /// <see cref="ConsumptionOutcome.AlreadyRecorded"/>. The call is booked when it occurred, or, when its period's
    /// Prepay invoice was already made, at the start of the open period (<see cref="ConsumptionRecord.BookedAt"/>).
    /// </summary>
    /// <param name="consumption">The rated call (<see cref="UsageRater"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Recorded, already recorded (nothing changed), or refused over the credit limit (nothing written).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consumption"/> is null.</exception>
    /// <exception cref="NegativeCostException">The cost is negative and <see cref="NegativeCosts"/> refuses it; nothing was written.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">The cost is not in the ledger's currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The request id was recorded with another call (cost, model, token, counts, time or price version); nothing was written.</exception>
    public async Task<ConsumptionResult> RecordAsync(ConsumptionRecord consumption, CancellationToken cancellationToken = default)
    {
        consumption = Accepted(consumption, nameof(consumption));
        return Answered(RecordCommand, consumption, await _commands.RunAsync(RecordCommand, async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(consumption.AccountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(consumption.Cost);

            if (await ReplayAsync(account, consumption, cancellationToken).ConfigureAwait(false) is { } replayed)
            {
                return replayed;
            }

            var now = _commands.Now;
            if (!account.CanDebit(consumption.Cost, now))
            {
                return new ConsumptionResult(ConsumptionOutcome.RefusedOverCreditLimit, account, null);
            }

            var change = Debit(account, consumption, now);
            var saved = await _commands.CommitAsync(change, cancellationToken).ConfigureAwait(false);
            return new ConsumptionResult(ConsumptionOutcome.Recorded, saved.Account!, change.Entry);
        }, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Records many rated calls in one commit (<see cref="IPrepaidStore.CommitManyAsync"/>): each call is answered
    /// exactly as <see cref="RecordAsync"/> answers it when the calls are recorded one after the other in the list's
    /// order (each request id once, never past the credit limit, a request id repeated in the list or already
    /// stored replayed), but the store commits once. Losing a race to another writer reads and decides the whole
    /// group again.
    /// </summary>
    /// <param name="calls">The rated calls, in the order they are recorded; of any accounts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per call, in the same order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calls"/> or a call is null.</exception>
    /// <exception cref="NegativeCostException">A cost is negative and <see cref="NegativeCosts"/> refuses it; nothing was written.</exception>
    /// <exception cref="NotFoundException">A call's account was never opened; nothing was written.</exception>
    /// <exception cref="CurrencyMismatchException">A cost is not in its ledger's currency; nothing was written.</exception>
    /// <exception cref="IdempotencyKeyReusedException">A request id was recorded, or is in the list before, with another call; nothing was written.</exception>
    public async Task<IReadOnlyList<ConsumptionResult>> RecordManyAsync(IReadOnlyList<ConsumptionRecord> calls, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(calls);
        ConsumptionRecord[]? clamped = null;   // a copy only when a call's cost is clamped
        for (var i = 0; i < calls.Count; i++)
        {
            if (Accepted(calls[i], nameof(calls)) is var accepted && !ReferenceEquals(accepted, calls[i]))
            {
                (clamped ??= [.. calls])[i] = accepted;
            }
        }

        IReadOnlyList<ConsumptionRecord> recorded = clamped ?? calls;
        var attempt = 0;
        var results = await _commands.RunAsync(RecordManyCommand, () => RecordGroupAsync(recorded, readsKeys: ++attempt > 1, cancellationToken), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < results.Count; i++)
        {
            Answered(RecordManyCommand, recorded[i], results[i]);
        }

        return results;
    }

    // One attempt at a group. The first attempt does not look for each request id in the store: a stored one makes the
    // commit conflict (its key is taken), and the next attempt, which looks, answers it as RecordAsync would. A call
    // refused over the limit is always looked up first, as RecordAsync replays before it checks the limit.
    private async Task<IReadOnlyList<ConsumptionResult>> RecordGroupAsync(IReadOnlyList<ConsumptionRecord> calls, bool readsKeys, CancellationToken cancellationToken)
    {
        var found = await _commands.Store.FindAccountsAsync([.. calls.Select(c => c.AccountId).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var heads = new Dictionary<string, PrepaidAccount>(found, StringComparer.Ordinal);
        if (calls.FirstOrDefault(c => !heads.ContainsKey(c.AccountId)) is { } unknown)
        {
            throw new NotFoundException("prepaid account", unknown.AccountId);
        }

        var now = _commands.Now;
        var results = new ConsumptionResult?[calls.Count];
        var changes = new List<PrepaidChange>();
        var debits = new Dictionary<(string Account, string RequestId), (ConsumptionRecord Call, LedgerEntry Debit)>();
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var account = heads[call.AccountId];
            account.CheckCurrency(call.Cost);
            if (debits.TryGetValue((call.AccountId, call.RequestId), out var earlier))
            {
                results[i] = Same(earlier.Call, call)
                    ? new ConsumptionResult(ConsumptionOutcome.AlreadyRecorded, account, earlier.Debit)
                    : throw new IdempotencyKeyReusedException("consumption record", call.RequestId);
                continue;
            }

            if ((readsKeys || !account.CanDebit(call.Cost, now)) && await ReplayAsync(account, call, cancellationToken).ConfigureAwait(false) is { } replayed)
            {
                results[i] = replayed;
                continue;
            }

            if (!account.CanDebit(call.Cost, now))
            {
                results[i] = new ConsumptionResult(ConsumptionOutcome.RefusedOverCreditLimit, account, null);
                continue;
            }

            var change = Debit(account, call, now);
            changes.Add(change);
            heads[call.AccountId] = change.Saved().Account!;   // the next call of the account sees this one's debit
            debits[(call.AccountId, call.RequestId)] = (call, change.Entry!);
            results[i] = new ConsumptionResult(ConsumptionOutcome.Recorded, heads[call.AccountId], change.Entry);
        }

        await _commands.CommitManyAsync(changes, cancellationToken).ConfigureAwait(false);
        return [.. results.Select(r => r!)];
    }

    // Counts a call's answer by outcome; logs a replay, counts and logs a refusal.
    private ConsumptionResult Answered(string command, ConsumptionRecord call, ConsumptionResult result)
    {
        BillingTelemetry.Calls.Add(1, new KeyValuePair<string, object?>(BillingTelemetry.Tags.Outcome, OutcomeNames[(int)result.Outcome]));
        if (result.RefusalCode is { } code)
        {
            _commands.Runner.Refused(command, code, $"call {call.RequestId} costs {call.Cost}; available {result.Account.Available}");
        }
        else if (result.Outcome == ConsumptionOutcome.AlreadyRecorded)
        {
            BillingLog.Replayed(_commands.Runner.Logger, command, call.RequestId);
        }

        return result;
    }

    // A call whose request id is on the ledger: replayed when it is the same call, a reused key otherwise (Stripe's rule).
    private async Task<ConsumptionResult?> ReplayAsync(PrepaidAccount account, ConsumptionRecord consumption, CancellationToken cancellationToken)
    {
        if (await _commands.Store.FindEntryAsync(account.AccountId, KeyFor(consumption.RequestId), cancellationToken).ConfigureAwait(false) is not { } first)
        {
            return null;
        }

        var recorded = await _commands.Store.FindConsumptionAsync(account.AccountId, consumption.RequestId, cancellationToken).ConfigureAwait(false);
        return recorded is not null && Same(recorded, consumption)
            ? new ConsumptionResult(ConsumptionOutcome.AlreadyRecorded, account, first)
            : throw new IdempotencyKeyReusedException("consumption record", consumption.RequestId);
    }

    // The debit of a call and the call booked where it belongs: when it occurred, or the open period's start when its period was invoiced.
    private PrepaidChange Debit(PrepaidAccount account, ConsumptionRecord consumption, Instant now)
    {
        var (debited, entry) = account.Post(
            LedgerEntryKind.ConsumptionDebit, -consumption.Cost, KeyFor(consumption.RequestId), now, consumption.RequestId,
            $"{consumption.Usage.Model} call {consumption.RequestId} ({consumption.Usage.TokenName})");
        List<Events.BillingEvent>? events = null;   // none on the hot path unless asked for
        if (CallEvents)
        {
            (events ??= []).Add(new Events.CallRecorded(consumption.RequestId, account.AccountId, consumption.Usage.Model, consumption.Cost, debited.Balance, consumption.OccurredAt));
        }

        return new PrepaidChange(debited, entry, consumption: consumption with { BookedAt = account.BookingFor(consumption.OccurredAt) }, events: events);
    }

    private static bool Same(ConsumptionRecord recorded, ConsumptionRecord call) => recorded with { BookedAt = null } == call with { BookedAt = null };

    /// <summary>Returns the call to record: the call itself, or with a negative cost clamped to zero or refused, as <see cref="NegativeCosts"/> says.</summary>
    internal ConsumptionRecord Accepted(ConsumptionRecord consumption, string parameter)
    {
        ArgumentNullException.ThrowIfNull(consumption, parameter);
        return consumption.Cost.Amount >= 0m ? consumption : consumption with { Cost = Pricing.Pricing.CostUnder(NegativeCosts, consumption.Cost) };
    }
}
