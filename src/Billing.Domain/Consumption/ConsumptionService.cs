using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Consumption;

/// <summary>Pays rated calls from the prepaid balance: each request id once, never past the credit limit.</summary>
public sealed class ConsumptionService
{
    private readonly PrepaidCommands _commands;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="clock">The clock stamping ledger entries.</param>
    /// <param name="attempts">How many times a command is tried when it loses a race; 1 or more.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public ConsumptionService(IPrepaidStore store, IClock clock, int attempts = ConflictRetry.DefaultAttempts)
    {
        _commands = new PrepaidCommands(store, clock, attempts);
    }

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
    /// <exception cref="ArgumentOutOfRangeException">The cost is negative.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">The cost is not in the ledger's currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The request id was recorded with another call (cost, model, token, counts, time or price version); nothing was written.</exception>
    public Task<ConsumptionResult> RecordAsync(ConsumptionRecord consumption, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(consumption);
        if (consumption.Cost.Amount < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(consumption), consumption.Cost, "A call's cost is not negative.");
        }

        var key = KeyFor(consumption.RequestId);
        return _commands.RunAsync(async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(consumption.AccountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(consumption.Cost);

            if (await _commands.Store.FindEntryAsync(account.AccountId, key, cancellationToken).ConfigureAwait(false) is { } first)
            {
                // The same request again replays; the same request id with another call is a reused key (Stripe's rule).
                var recorded = await _commands.Store.FindConsumptionAsync(account.AccountId, consumption.RequestId, cancellationToken).ConfigureAwait(false);
                return recorded is not null && recorded with { BookedAt = null } == consumption with { BookedAt = null }
                    ? new ConsumptionResult(ConsumptionOutcome.AlreadyRecorded, account, first)
                    : throw new IdempotencyKeyReusedException("consumption record", consumption.RequestId);
            }

            if (!account.CanDebit(consumption.Cost))
            {
                return new ConsumptionResult(ConsumptionOutcome.RefusedOverCreditLimit, account, null);
            }

            var (debited, entry) = account.Post(
                LedgerEntryKind.ConsumptionDebit, -consumption.Cost, key, _commands.Now, consumption.RequestId,
                $"{consumption.Usage.Model} call {consumption.RequestId} ({consumption.Usage.TokenName})");
            var booked = consumption with { BookedAt = account.BookingFor(consumption.OccurredAt) };
            var saved = await _commands.Store.CommitAsync(new PrepaidChange(debited, entry, consumption: booked), cancellationToken).ConfigureAwait(false);
            return new ConsumptionResult(ConsumptionOutcome.Recorded, saved.Account!, entry);
        });
    }
}
