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
    private readonly Dictionary<TokenPrice, ScaledTokenPrice?> _scaled;

    /// <summary>Initializes a rater.</summary>
    /// <param name="prices">The price book.</param>
    /// <param name="costRounding">How each call's cost is rounded, or null to keep it exact.</param>
    /// <param name="roundingPoint">Where the cost is rounded: the call's total (the default) or each kind of token's cost.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prices"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="roundingPoint"/> is not defined.</exception>
    public UsageRater(TokenPriceBook prices, RoundingPolicy? costRounding = null, CostRoundingPoint roundingPoint = CostRoundingPoint.CallTotal)
    {
        Prices = Preconditions.CheckNotNull(prices);
        CostRounding = costRounding;
        RoundingPoint = Preconditions.CheckDefined(roundingPoint, nameof(roundingPoint));
        var roundsEachKind = costRounding is not null && roundingPoint == CostRoundingPoint.EachKind;   // the scaled path rounds totals only
        _scaled = prices.Prices.ToDictionary(p => p, p => roundsEachKind ? null : ScaledTokenPrice.From(p), ReferenceEqualityComparer.Instance as IEqualityComparer<TokenPrice>);
    }

    /// <summary>Gets the price book.</summary>
    public TokenPriceBook Prices { get; }

    /// <summary>Gets how each call's cost is rounded; null keeps it exact.</summary>
    public RoundingPolicy? CostRounding { get; }

    /// <summary>Gets where <see cref="CostRounding"/> rounds a call's cost: its total, or each kind of token's cost before they are summed.</summary>
    public CostRoundingPoint RoundingPoint { get; }

    /// <summary>Rates one call.</summary>
    /// <param name="usage">The call.</param>
    /// <returns>The consumption record, with the cost and the price version used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is null.</exception>
    /// <exception cref="UnpricedUsageException">The model has no price in force when the call was made.</exception>
    /// <exception cref="InconsistentTokenCountsException">Tokens the model counts within the input or output tokens exceed them.</exception>
    public ConsumptionRecord Rate(UsageRecord usage) =>
        TryRate(Preconditions.CheckNotNull(usage), out var consumption)
            ? consumption
            : throw new UnpricedUsageException(usage.RequestId, usage.Model, usage.OccurredAt);

    /// <summary>Rates one call, without throwing when it has no price.</summary>
    /// <param name="usage">The call.</param>
    /// <param name="consumption">The consumption record when priced; otherwise null.</param>
    /// <returns>True when the model has a price in force when the call was made.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is null.</exception>
    /// <exception cref="InconsistentTokenCountsException">Tokens the model counts within the input or output tokens exceed them.</exception>
    public bool TryRate(UsageRecord usage, [NotNullWhen(true)] out ConsumptionRecord? consumption)
    {
        Preconditions.CheckNotNull(usage);
        if (!Prices.TryFind(usage.Model, usage.OccurredAt, out var price))
        {
            consumption = null;
            return false;
        }

        consumption = new ConsumptionRecord(usage, CostOf(price, usage), price.Version);
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
        var table = new DailyUsageTable(Prices.Currency, timeZoneOf);
        foreach (var record in consumption)
        {
            if (record.Cost.Currency != Prices.Currency)
            {
                throw new CurrencyMismatchException(Prices.Currency, record.Cost.Currency);
            }

            var usage = record.Usage;
            var account = table.AccountOf(usage.AccountId);
            table.Add(account, table.DayOf(account, usage.OccurredAt), table.ModelOf(usage.Model), table.TokenOf(usage.TokenName), usage, 0, 0, record.Cost.Amount);
        }

        return table.ToRows();
    }

    /// <summary>Rates every call and rolls them up per account, billing day, model and token name in one pass, without a consumption record per call.</summary>
    /// <param name="usage">The calls.</param>
    /// <param name="timeZoneOf">The billing time zone of each account.</param>
    /// <returns>The same rows as <see cref="RollUpDaily"/> of every call's <see cref="Rate"/>, to the last decimal.</returns>
    /// <remarks>
    /// The hot path of a billing run. Accounts, models and token names are interned to numbers and days to day numbers
    /// as the calls come, and while every call's price has at most 6 decimals per million tokens and counts cached tokens
    /// beside the input, and no call has reasoning, image or audio tokens (one version per model in the batch, at most
    /// 256 models, about 11 years of days) the calls are rolled up by
    /// <see cref="DenseUsageRater"/>'s columnar path in scaled integers (each call's cost exact at 12 decimals, rounded by
    /// <see cref="CostRounding"/>). A call that does not fit it sends the batch, from the first call, through a table of
    /// rows where any other price, or a product that would not fit, is computed in decimals. Either way the rows and
    /// every decimal are the same.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="UnpricedUsageException">A call's model has no price in force when it was made.</exception>
    /// <exception cref="InconsistentTokenCountsException">A call's tokens counted within its input or output tokens exceed them.</exception>
    public IReadOnlyList<DailyUsage> RateAndRollUpDaily(IEnumerable<UsageRecord> usage, Func<string, AccountTimeZone> timeZoneOf)
    {
        Preconditions.CheckNotNull(usage);
        Preconditions.CheckNotNull(timeZoneOf);
        var costScale = Math.Min(CostRounding?.ScaleFor(Prices.Currency) ?? ScaledTokenPrice.CostScale, ScaledTokenPrice.CostScale);
        var table = new DailyUsageTable(Prices.Currency, timeZoneOf);
        var inForce = new List<(TokenPrice Price, ScaledTokenPrice? Scaled)?>();   // by the table's model number: the version found last, which applies until it ends
        var columns = new ColumnarBatch(usage.TryGetNonEnumeratedCount(out var count) ? count : 0);
        try
        {
            foreach (var call in usage)
            {
                Preconditions.CheckNotNull(call, nameof(usage));
                var model = table.ModelOf(call.Model);
                if (model == inForce.Count)
                {
                    inForce.Add(null);
                }

                if (inForce[model] is not { } current || !current.Price.AppliesAt(call.OccurredAt))
                {
                    // A book's versions of a model never overlap: the one that applies is the one TryFind finds.
                    inForce[model] = current = Prices.TryFind(call.Model, call.OccurredAt, out var found)
                        ? (found, _scaled[found])
                        : throw new UnpricedUsageException(call.RequestId, call.Model, call.OccurredAt);
                }

                var account = table.AccountOf(call.AccountId);
                var (day, token) = (table.DayOf(account, call.OccurredAt), table.TokenOf(call.TokenName));
                if (columns.IsOpen && !columns.TryAdd(call, account, day, model, token, current.Price, current.Scaled))
                {
                    columns.Close((call, account, day, model, token, price) => AddToTable(table, call, account, day, model, token, price, costScale));
                }

                if (!columns.IsOpen)
                {
                    AddToTable(table, call, account, day, model, token, current.Price, costScale);
                }
            }

            if (columns.IsOpen && !columns.TryRollUpInto(table, Prices.Currency, CostRounding, costScale))
            {
                columns.Close((call, account, day, model, token, price) => AddToTable(table, call, account, day, model, token, price, costScale));
            }

            return table.ToRows();
        }
        finally
        {
            columns.Dispose();
        }
    }

    // A call through the table: its cost in scaled integers where its price allows, in decimals otherwise.
    private void AddToTable(DailyUsageTable table, UsageRecord call, int account, int day, int model, int token, TokenPrice price, int costScale)
    {
        if (_scaled[price] is { } scaled && !call.HasOtherKinds && scaled.TryCost(call.InputTokens, call.OutputTokens, call.CachedInputTokens, out var units))
        {
            if (CostRounding is { } exactRounding)
            {
                units = Charging.ScaledDecimal.RoundDivide(units, ScaledTokenPrice.CostScale - costScale, exactRounding.Mode);
            }

            table.Add(account, day, model, token, call, units, costScale, 0m);
        }
        else
        {
            table.Add(account, day, model, token, call, 0, costScale, CostOf(price, call).Amount);
        }
    }

    // A call's cost in decimals, rounded where RoundingPoint says.
    private Money CostOf(TokenPrice price, UsageRecord usage)
    {
        if (CostRounding is not { } rounding)
        {
            return price.CostOf(usage);
        }

        if (RoundingPoint == CostRoundingPoint.CallTotal)
        {
            return price.CostOf(usage).Round(rounding);
        }

        var costs = price.CostsOf(usage);
        Money Rounded(decimal cost) => new Money(cost, price.Currency).Round(rounding);
        return Rounded(costs.Input) + Rounded(costs.Cached) + Rounded(costs.Image) + Rounded(costs.Audio) + Rounded(costs.Output) + Rounded(costs.Reasoning);
    }
}
