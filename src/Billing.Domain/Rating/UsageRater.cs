using System.Diagnostics.CodeAnalysis;
using Billing.Domain.Periods;
using Billing.Domain.Utility;

namespace Billing.Domain.Rating;

/// <summary>
/// Rates usage records into consumption records with a price book, and rolls consumption up per account, day,
/// model and token name.
/// </summary>
/// <remarks>
/// A call costs input × input price + output × output price + cached input × cached price, per million tokens,
/// exactly; the cost is rounded only when the rater has a rounding policy (often to 6 or 8 decimals for per-call
/// costs). Rating is a pure function: the same record with the same book always gives the same consumption.
/// </remarks>
public sealed class UsageRater
{
    /// <summary>Initializes a rater.</summary>
    /// <param name="prices">The price book.</param>
    /// <param name="costRounding">How each call's cost is rounded, or null to keep it exact.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prices"/> is null.</exception>
    public UsageRater(TokenPriceBook prices, RoundingPolicy? costRounding = null)
    {
        Prices = Preconditions.CheckNotNull(prices);
        CostRounding = costRounding;
    }

    /// <summary>Gets the price book.</summary>
    public TokenPriceBook Prices { get; }

    /// <summary>Gets how each call's cost is rounded; null keeps it exact.</summary>
    public RoundingPolicy? CostRounding { get; }

    /// <summary>Rates one call.</summary>
    /// <param name="usage">The call.</param>
    /// <returns>The consumption record, with the cost and the price version used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is null.</exception>
    /// <exception cref="UnpricedUsageException">The model has no price in force when the call was made.</exception>
    public ConsumptionRecord Rate(UsageRecord usage) =>
        TryRate(Preconditions.CheckNotNull(usage), out var consumption)
            ? consumption
            : throw new UnpricedUsageException(usage.RequestId, usage.Model, usage.OccurredAt);

    /// <summary>Rates one call, without throwing when it has no price.</summary>
    /// <param name="usage">The call.</param>
    /// <param name="consumption">The consumption record when priced; otherwise null.</param>
    /// <returns>True when the model has a price in force when the call was made.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is null.</exception>
    public bool TryRate(UsageRecord usage, [NotNullWhen(true)] out ConsumptionRecord? consumption)
    {
        Preconditions.CheckNotNull(usage);
        if (!Prices.TryFind(usage.Model, usage.OccurredAt, out var price))
        {
            consumption = null;
            return false;
        }

        var cost = price.CostOf(usage.InputTokens, usage.OutputTokens, usage.CachedInputTokens);
        consumption = new ConsumptionRecord(usage, CostRounding is { } rounding ? cost.Round(rounding) : cost, price.Version);
        return true;
    }

    /// <summary>Rolls consumption up per account, billing day, model and token name.</summary>
    /// <param name="consumption">The rated calls, in the book's currency.</param>
    /// <param name="timeZoneOf">The billing time zone of each account.</param>
    /// <returns>One row per account, day, model and token name, ordered by those; the costs are exact sums of the calls' costs.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CurrencyMismatchException">A cost is in another currency than the book's.</exception>
    public IReadOnlyList<DailyUsage> RollUpDaily(IEnumerable<ConsumptionRecord> consumption, Func<string, AccountTimeZone> timeZoneOf)
    {
        Preconditions.CheckNotNull(consumption);
        Preconditions.CheckNotNull(timeZoneOf);
        var zones = new Dictionary<string, AccountTimeZone>(StringComparer.Ordinal);
        var rows = new Dictionary<(string Account, NodaTime.LocalDate Day, string Model, string Token), Accumulator>();
        foreach (var record in consumption)
        {
            var usage = record.Usage;
            if (!zones.TryGetValue(usage.AccountId, out var zone))
            {
                zone = Preconditions.CheckNotNull(timeZoneOf(usage.AccountId), nameof(timeZoneOf));
                zones.Add(usage.AccountId, zone);
            }

            if (record.Cost.Currency != Prices.Currency)
            {
                throw new CurrencyMismatchException(Prices.Currency, record.Cost.Currency);
            }

            var key = (usage.AccountId, zone.BillingDayOf(usage.OccurredAt), usage.Model, usage.TokenName);
            if (!rows.TryGetValue(key, out var row))
            {
                row = new Accumulator();
                rows.Add(key, row);
            }

            row.Calls++;
            row.InputTokens += usage.InputTokens;
            row.OutputTokens += usage.OutputTokens;
            row.CachedInputTokens += usage.CachedInputTokens;
            row.Cost += record.Cost.Amount;
        }

        return [.. rows
            .Select(pair => new DailyUsage(pair.Key.Account, pair.Key.Day, pair.Key.Model, pair.Key.Token, pair.Value.Calls, pair.Value.InputTokens,
                pair.Value.OutputTokens, pair.Value.CachedInputTokens, new Money(pair.Value.Cost, Prices.Currency)))
            .OrderBy(r => r.AccountId, StringComparer.Ordinal)
            .ThenBy(r => r.Day)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.TokenName, StringComparer.Ordinal)];
    }

    private sealed class Accumulator
    {
        public long Calls { get; set; }

        public long InputTokens { get; set; }

        public long OutputTokens { get; set; }

        public long CachedInputTokens { get; set; }

        public decimal Cost { get; set; }
    }
}
