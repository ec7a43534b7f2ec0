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

    /// <summary>Commits a change, with the events of its subscription's new transitions and its new charges, and counts the balance movement it made.</summary>
    public async Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken)
    {
        var saved = await Store.CommitAsync(await WithSubscriptionEventsAsync(change, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        Count(saved.Entry);
        return saved;
    }

    /// <summary>Commits changes as one, each with its subscription events, and counts the balance movements they made.</summary>
    public async Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken)
    {
        var withEvents = new List<PrepaidChange>(changes.Count);
        foreach (var change in changes)
        {
            withEvents.Add(await WithSubscriptionEventsAsync(change, cancellationToken).ConfigureAwait(false));
        }

        var saved = await Store.CommitManyAsync(withEvents, cancellationToken).ConfigureAwait(false);
        foreach (var change in saved)
        {
            Count(change.Entry);
        }

        return saved;
    }

    /// <summary>
    /// Posts a give-back of part or all of the debit whose key is <paramref name="debitKey"/>: back to the grants it
    /// drew from (<see cref="Ledger.PrepaidAccount.GiveBack"/>), reading the entries that opened those no longer on the books.
    /// </summary>
    public async Task<(Ledger.PrepaidAccount Account, Ledger.LedgerEntry Entry)> GiveBackAsync(
        Ledger.PrepaidAccount account, Ledger.LedgerEntryKind kind, Money amount, string key, Instant at, string reference, string description, string debitKey,
        CancellationToken cancellationToken)
    {
        var drawn = (await Store.FindEntryAsync(account.AccountId, debitKey, cancellationToken).ConfigureAwait(false))?.GrantMovements ?? [];
        var openings = new Dictionary<string, Ledger.LedgerEntry>(StringComparer.Ordinal);
        foreach (var grantId in drawn.Select(m => m.GrantId).Distinct(StringComparer.Ordinal).Where(id => account.Grants.All(g => g.GrantId != id)))
        {
            if (await Store.FindEntryAsync(account.AccountId, grantId, cancellationToken).ConfigureAwait(false) is { } opening)
            {
                openings[grantId] = opening;
            }
        }

        return account.GiveBack(kind, amount, key, at, reference, description, drawn, openings);
    }

    // The events a change's subscription and charges cause: a transition for each history entry the store does not hold
    // yet (read at the version the change was read at: a newer one fails the commit's version check), the grace period
    // when one of them enters Graced, and each new charge.
    private async ValueTask<PrepaidChange> WithSubscriptionEventsAsync(PrepaidChange change, CancellationToken cancellationToken)
    {
        change = WithThresholdEvents(change);
        if (change.Subscription is null && change.Charges.Count == 0)
        {
            return change;   // every call's debit: nothing to derive, nothing allocated
        }

        var events = new List<Events.BillingEvent>();
        if (change.Subscription is { } subscription)
        {
            var stored = subscription.Version == 0 ? 0 : (await Store.FindSubscriptionAsync(subscription.Id, cancellationToken).ConfigureAwait(false))?.History.Count ?? 0;
            for (var i = stored; i < subscription.History.Count; i++)
            {
                var step = subscription.History[i];
                events.Add(new Events.SubscriptionStatusChanged(subscription.Id, subscription.AccountId, i + 1, step.From, step.To, step.Trigger, step.At));
                if (step.To == Subscriptions.SubscriptionStatus.Graced && step.From != Subscriptions.SubscriptionStatus.Graced)
                {
                    events.Add(new Events.GracePeriodStarted(subscription.Id, subscription.AccountId, i + 1, step.At));
                }
            }
        }

        foreach (var charge in change.Charges.Where(c => c.Version == 0))
        {
            events.Add(new Events.ChargeMade(charge.ChargeId, charge.SubscriptionId, charge.AccountId, charge.Line.Amount, charge.Period, charge.MadeAt));
        }

        return change.WithEvents(events);
    }

    // The alerts of a debit that takes the balance from at or above a threshold of the account to below it: the
    // low-balance alert and the automatic top-up, each once per crossing.
    private static PrepaidChange WithThresholdEvents(PrepaidChange change)
    {
        if (change.Entry is not { Amount.Amount: < 0m } entry || change.Account is not { } head || (head.LowBalanceThreshold is null && head.AutoTopUp is null))
        {
            return change;
        }

        var before = head.Balance - entry.Amount;
        List<Events.BillingEvent>? events = null;
        if (head.LowBalanceThreshold is { } low && before >= low && head.Balance < low)
        {
            (events ??= []).Add(new Events.BalanceBelowThreshold(head.AccountId, entry.Sequence, entry.Reference, low, head.Balance, entry.RecordedAt));
        }

        if (head.AutoTopUp is { Threshold: var threshold } && before >= threshold && head.Balance < threshold)
        {
            (events ??= []).Add(new Events.AutoTopUpDue(head.AccountId, entry.Sequence, threshold, head.Balance, entry.RecordedAt));
        }

        return events is null ? change : change.WithEvents(events);
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
