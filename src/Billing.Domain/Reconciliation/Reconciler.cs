using Billing.Domain.Consumption;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.TopUps;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Reconciliation;

/// <summary>
/// Seed 000's periodic reconciliation: over one date range, billing records (completed orders and payment amounts),
/// the ledger, consumption records and the host's usage logs side by side, with totals per day and a typed list of
/// discrepancies.
/// </summary>
public sealed class Reconciler
{
    private readonly IPrepaidStore _store;
    private readonly UsageRater _rater;

    /// <summary>Initializes a reconciler.</summary>
    /// <param name="store">The prepaid store: orders, ledger, consumption.</param>
    /// <param name="rater">The rater with the price book, to re-rate the usage logs.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Reconciler(IPrepaidStore store, UsageRater rater)
    {
        _store = Preconditions.CheckNotNull(store);
        _rater = Preconditions.CheckNotNull(rater);
    }

    /// <summary>Reconciles one account over one range.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="range">The range; both ends bounded. Use the same range for every side (seed 000).</param>
    /// <param name="timeZone">The account's time zone, for the billing days.</param>
    /// <param name="usageLogs">The host's usage logs; lines of other accounts or outside the range are left out.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The range is not bounded at both ends.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    public async Task<ReconciliationReport> ReconcileAsync(
        string accountId, InstantRange range, AccountTimeZone timeZone, IEnumerable<UsageRecord> usageLogs, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        Preconditions.CheckArgument(range.Start is not null && range.End is not null, nameof(range), "A reconciliation covers a bounded range: give both ends.");
        Preconditions.CheckNotNull(timeZone);
        Preconditions.CheckNotNull(usageLogs);
        var account = await _store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        var found = new List<Discrepancy>();

        var orders = (await Pages.AllAsync(page => _store.QueryOrdersAsync(new TopUpOrderQuery(accountId) { Page = page }, cancellationToken)).ConfigureAwait(false))
            .Where(o => o.CompletedAt is { } completed && range.Contains(completed)).ToList();
        var entries = await Pages.AllAsync(page => _store.ListEntriesAsync(accountId, range, page, cancellationToken)).ConfigureAwait(false);
        var credits = entries.Where(e => e.Kind == LedgerEntryKind.TopUpCredit).ToList();
        var consumption = await Pages.AllAsync(page => _store.QueryConsumptionAsync(new ConsumptionQuery(accountId) { Occurred = range, Page = page }, cancellationToken)).ConfigureAwait(false);
        var logs = usageLogs.Where(u => Preconditions.CheckNotNull(u, nameof(usageLogs)).AccountId == accountId && range.Contains(u.OccurredAt)).ToList();

        // Billing records against the ledger's credits.
        foreach (var order in orders)
        {
            var credit = credits.FirstOrDefault(c => c.Reference == order.OrderId)
                ?? await _store.FindEntryAsync(accountId, TopUpService.CreditKeyFor(order.OrderId), cancellationToken).ConfigureAwait(false);
            if (credit is null)
            {
                found.Add(new(DiscrepancyKind.Missing, order.OrderId, ReconciliationSide.BillingRecords, ReconciliationSide.Ledger, order.Amount, null, $"Order {order.OrderId} completed but no top-up credit is on the ledger."));
            }
            else if (credit.Amount != order.Amount)
            {
                found.Add(new(DiscrepancyKind.AmountMismatch, order.OrderId, ReconciliationSide.BillingRecords, null, order.Amount, credit.Amount, $"Order {order.OrderId} credits {order.Amount}, the ledger {credit.Amount}."));
            }
        }

        foreach (var credit in credits.Where(c => !orders.Any(o => o.OrderId == c.Reference)))
        {
            var order = await _store.FindOrderAsync(credit.Reference, cancellationToken).ConfigureAwait(false);
            if (order?.CompletedAt is not { } completed || !range.Contains(completed))
            {
                found.Add(new(DiscrepancyKind.Missing, credit.Reference, ReconciliationSide.Ledger, ReconciliationSide.BillingRecords, null, credit.Amount, $"The ledger credits {credit.Amount} for {credit.Reference}, which is not a top-up completed in the range."));
            }
        }

        // Consumption records against their ledger debits and against the usage logs.
        var debits = entries.Where(e => e.Kind == LedgerEntryKind.ConsumptionDebit).ToDictionary(e => e.Reference, StringComparer.Ordinal);
        var logsById = logs.GroupBy(l => l.RequestId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var record in consumption)
        {
            var debit = debits.GetValueOrDefault(record.RequestId)
                ?? await _store.FindEntryAsync(accountId, ConsumptionService.KeyFor(record.RequestId), cancellationToken).ConfigureAwait(false);
            if (debit is null)
            {
                found.Add(new(DiscrepancyKind.Missing, record.RequestId, ReconciliationSide.ConsumptionRecords, ReconciliationSide.Ledger, record.Cost, null, $"Call {record.RequestId} was recorded but never debited."));
            }
            else if (debit.Amount != -record.Cost)
            {
                found.Add(new(DiscrepancyKind.AmountMismatch, record.RequestId, ReconciliationSide.ConsumptionRecords, null, record.Cost, -debit.Amount, $"Call {record.RequestId} cost {record.Cost}; the ledger debited {-debit.Amount}."));
            }

            if (!logsById.TryGetValue(record.RequestId, out var lines))
            {
                found.Add(new(DiscrepancyKind.Missing, record.RequestId, ReconciliationSide.ConsumptionRecords, ReconciliationSide.UsageLogs, record.Cost, null, $"Call {record.RequestId} was billed but is not in the usage logs."));
                continue;
            }

            found.AddRange(Compare(record, lines[0]));
        }

        foreach (var (requestId, lines) in logsById)
        {
            if (lines.Count > 1)
            {
                found.Add(new(DiscrepancyKind.Duplicate, requestId, ReconciliationSide.UsageLogs, null, null, null, $"Request {requestId} appears {lines.Count} times in the usage logs."));
            }

            if (!consumption.Any(c => c.RequestId == requestId)
                && await _store.FindConsumptionAsync(accountId, requestId, cancellationToken).ConfigureAwait(false) is null)
            {
                var rated = Rated(lines[0])?.Cost;
                found.Add(new(DiscrepancyKind.Missing, requestId, ReconciliationSide.UsageLogs, ReconciliationSide.ConsumptionRecords, rated, null, $"Call {requestId} is in the usage logs but was never billed."));
            }
        }

        var grants = entries.Where(e => e.Kind is LedgerEntryKind.GrantCredit or LedgerEntryKind.GrantExpiry).ToList();
        var days = Days(account.Currency, timeZone, orders, credits, grants, consumption, logs);
        return new ReconciliationReport(accountId, range, days, [.. found.OrderBy(d => d.Kind).ThenBy(d => d.Reference, StringComparer.Ordinal).ThenBy(d => d.FoundIn)]);
    }

    private List<ReconciliationDay> Days(
        Currency currency, AccountTimeZone zone, List<TopUpOrder> orders, List<LedgerEntry> credits, List<LedgerEntry> grants, List<ConsumptionRecord> consumption,
        List<UsageRecord> logs)
    {
        var zero = new Money(0m, currency);
        var dayOf = (Instant instant) => zone.BillingDayOf(instant);
        var keys = orders.Select(o => dayOf(o.CompletedAt!.Value))
            .Concat(credits.Select(c => dayOf(c.RecordedAt)))
            .Concat(grants.Select(g => dayOf(g.RecordedAt)))
            .Concat(consumption.Select(c => dayOf(c.OccurredAt)))
            .Concat(logs.Select(l => dayOf(l.OccurredAt)))
            .Distinct().Order();
        return [.. keys.Select(day =>
        {
            var dayOrders = orders.Where(o => dayOf(o.CompletedAt!.Value) == day).ToList();
            var dayLogs = logs.Where(l => dayOf(l.OccurredAt) == day).ToList();
            var dayCalls = consumption.Where(c => dayOf(c.OccurredAt) == day).ToList();
            return new ReconciliationDay(
                day,
                dayOrders.Count,
                Money.Sum(dayOrders.Select(o => o.Amount), currency),
                [.. dayOrders.GroupBy(o => o.PaymentAmount.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal).Select(g => Money.Sum(g.Select(o => o.PaymentAmount), g.Key))],
                Money.Sum(credits.Where(c => dayOf(c.RecordedAt) == day).Select(c => c.Amount), currency),
                Money.Sum(grants.Where(g => g.Kind == LedgerEntryKind.GrantCredit && dayOf(g.RecordedAt) == day).Select(g => g.Amount), currency),
                -Money.Sum(grants.Where(g => g.Kind == LedgerEntryKind.GrantExpiry && dayOf(g.RecordedAt) == day).Select(g => g.Amount), currency),
                dayCalls.Count,
                Money.Sum(dayCalls.Select(c => c.Cost), currency),
                dayLogs.Count,
                dayLogs.Aggregate(zero, (sum, log) => Rated(log) is { } rated ? sum + rated.Cost : sum));
        })];
    }

    private IEnumerable<Discrepancy> Compare(ConsumptionRecord record, UsageRecord log)
    {
        var billed = record.Usage;
        var expected = Rated(log);
        if (Counts(billed) != Counts(log))
        {
            yield return new(
                DiscrepancyKind.AmountMismatch, record.RequestId, ReconciliationSide.ConsumptionRecords, null, expected?.Cost, record.Cost,
                $"Call {record.RequestId}: billed {Counts(billed)} tokens, logged {Counts(log)}.");
        }
        else if (expected is null || expected.Cost != record.Cost || expected.PriceVersion != record.PriceVersion)
        {
            yield return new(
                DiscrepancyKind.RateMismatch, record.RequestId, ReconciliationSide.ConsumptionRecords, null, expected?.Cost, record.Cost,
                $"Call {record.RequestId} was billed {record.Cost} at {record.PriceVersion}; the price book gives {expected?.Cost.ToString() ?? "no price"} at {expected?.PriceVersion ?? "-"}.");
        }
    }

    // A call's model and token counts, as a discrepancy names them: model input/output/cached, then reasoning, image and audio where there are any.
    private static string Counts(UsageRecord usage) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{usage.Model} {usage.InputTokens}/{usage.OutputTokens}/{usage.CachedInputTokens}{(usage.HasOtherKinds ? $" (reasoning {usage.ReasoningTokens}, image {usage.ImageTokens}, audio {usage.AudioTokens})" : string.Empty)}");

    // What the price book charges for a logged call; null when it has no price, or counts the model's counting cannot hold.
    private ConsumptionRecord? Rated(UsageRecord log)
    {
        try
        {
            return _rater.TryRate(log, out var rated) ? rated : null;
        }
        catch (InconsistentTokenCountsException)
        {
            return null;
        }
    }
}
