using Billing.Domain.Periods;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>Sums calls per account, billing day, model and token name: costs in scaled integers where exact, in decimals otherwise.</summary>
internal sealed class DailyUsageTable(Currency currency, Func<string, AccountTimeZone> timeZoneOf)
{
    private readonly Dictionary<string, AccountTimeZone> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, LocalDate Day, string Model, string Token), Row> _rows = [];
    private string? _lastAccount;
    private AccountTimeZone? _lastZone;

    public void Add(UsageRecord usage, long costUnits, int costScale, decimal cost)
    {
        var key = (usage.AccountId, ZoneOf(usage.AccountId).BillingDayOf(usage.OccurredAt), usage.Model, usage.TokenName);
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new Row(costScale);
            _rows.Add(key, row);
        }

        row.Calls++;
        row.InputTokens += usage.InputTokens;
        row.OutputTokens += usage.OutputTokens;
        row.CachedInputTokens += usage.CachedInputTokens;
        row.CostUnits = checked(row.CostUnits + costUnits);
        row.Cost += cost;
    }

    public IReadOnlyList<DailyUsage> ToRows() =>
        [.. _rows
            .Select(pair => new DailyUsage(
                pair.Key.Account, pair.Key.Day, pair.Key.Model, pair.Key.Token, pair.Value.Calls, pair.Value.InputTokens, pair.Value.OutputTokens,
                pair.Value.CachedInputTokens, new Money(pair.Value.Cost + Charging.ScaledDecimal.ToDecimal(pair.Value.CostUnits, (byte)pair.Value.CostScale), currency)))
            .OrderBy(r => r.AccountId, StringComparer.Ordinal)
            .ThenBy(r => r.Day)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.TokenName, StringComparer.Ordinal)];

    private AccountTimeZone ZoneOf(string account)
    {
        if (ReferenceEquals(account, _lastAccount))
        {
            return _lastZone!;
        }

        if (!_zones.TryGetValue(account, out var zone))
        {
            zone = Utility.Preconditions.CheckNotNull(timeZoneOf(account), "timeZoneOf");
            _zones.Add(account, zone);
        }

        (_lastAccount, _lastZone) = (account, zone);
        return zone;
    }

    private sealed class Row(int costScale)
    {
        public int CostScale { get; } = costScale;

        public long Calls { get; set; }

        public long InputTokens { get; set; }

        public long OutputTokens { get; set; }

        public long CachedInputTokens { get; set; }

        public long CostUnits { get; set; }

        public decimal Cost { get; set; }
    }
}
