using Billing.Domain.Diagnostics;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Prepaid;

/// <summary>
/// What every prepaid service runs its commands with: the store, the clock, the retry on a lost race and the
/// telemetry; commits through it count the ledger's debits and credits.
/// </summary>
internal sealed class PrepaidCommands
{
    public PrepaidCommands(IPrepaidStore store, IClock clock, ConflictRetryPolicy? retry, ILogger? logger)
    {
        Store = Preconditions.CheckNotNull(store);
        Clock = Preconditions.CheckNotNull(clock);
        Runner = new CommandRunner(retry, logger);
    }

    public IPrepaidStore Store { get; }

    public IClock Clock { get; }

    public CommandRunner Runner { get; }

    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>Runs a read-decide-commit attempt, again from the read when its commit loses a race.</summary>
    public Task<T> RunAsync<T>(string command, Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        Runner.RunAsync(command, attempt, cancellationToken);

    /// <summary>Commits a change and counts the balance movement it made.</summary>
    public async Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken)
    {
        var saved = await Store.CommitAsync(change, cancellationToken).ConfigureAwait(false);
        Count(saved.Entry);
        return saved;
    }

    /// <summary>Commits changes as one and counts the balance movements they made.</summary>
    public async Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken)
    {
        var saved = await Store.CommitManyAsync(changes, cancellationToken).ConfigureAwait(false);
        foreach (var change in saved)
        {
            Count(change.Entry);
        }

        return saved;
    }

    private static void Count(Ledger.LedgerEntry? entry)
    {
        if (entry is null || entry.Amount.Amount == 0m)
        {
            return;
        }

        var currency = new KeyValuePair<string, object?>(BillingTelemetry.Tags.Currency, entry.Amount.Currency.Code);
        if (entry.Amount.Amount > 0m)
        {
            BillingTelemetry.Credited.Add(entry.Amount.Amount, currency);
        }
        else
        {
            BillingTelemetry.Debited.Add(-entry.Amount.Amount, currency);
        }
    }
}
