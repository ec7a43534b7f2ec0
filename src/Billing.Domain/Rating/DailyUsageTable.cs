using System.Numerics;
using Billing.Domain.Periods;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>
/// Sums calls per account, billing day, model and token name: costs in scaled integers where exact, in decimals
/// otherwise. Accounts, models and tokens are interned to small integers as they come (a call of the same account,
/// model or token object as the last one costs no lookup), days are day numbers (a fixed-offset zone's without
/// NodaTime's zone arithmetic), rows are structs in one array, and the result is ordered by sorting integer ranks,
/// never strings row by row: the object path stays a few dictionary probes a call at a million calls.
/// </summary>
internal sealed class DailyUsageTable(Currency currency, Func<string, AccountTimeZone> timeZoneOf)
{
    private const long TicksPerDay = NodaConstants.TicksPerDay;
    private static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private readonly Names _accounts = new();
    private readonly Names _models = new();
    private readonly Names _tokens = new();
    private readonly List<Zone> _zones = [];
    private readonly Dictionary<RowKey, int> _rowOf = [];
    private Row[] _rows = new Row[256];
    private int _count;

    /// <summary>Returns the model's number, the same for the same name: what a rater caches its prices by.</summary>
    public int ModelOf(string model) => _models.Of(model);

    /// <summary>Returns the account's number, the same for the same id; an account seen for the first time has its time zone asked for.</summary>
    public int AccountOf(string accountId)
    {
        var account = _accounts.Of(accountId);
        if (account == _zones.Count)
        {
            _zones.Add(new Zone(Utility.Preconditions.CheckNotNull(timeZoneOf(accountId), "timeZoneOf")));
        }

        return account;
    }

    /// <summary>Returns the token name's number, the same for the same name.</summary>
    public int TokenOf(string tokenName) => _tokens.Of(tokenName);

    /// <summary>Returns the day number (DateOnly's) of the account's billing day of an instant.</summary>
    public int DayOf(int account, Instant instant) => _zones[account].DayNumberOf(instant);

    /// <summary>Adds a call by its numbers to its row.</summary>
    public void Add(int account, int day, int model, int token, UsageRecord usage, long costUnits, int costScale, decimal cost)
    {
        var key = new RowKey(((long)account << 32) | (uint)day, ((long)model << 32) | (uint)token);
        if (!_rowOf.TryGetValue(key, out var index))
        {
            index = _count;
            Append(new Row { Account = account, Day = day, Model = model, Token = token, CostScale = costScale });
            _rowOf.Add(key, index);
        }

        ref var row = ref _rows[index];
        row.Calls++;
        row.InputTokens += usage.InputTokens;
        row.OutputTokens += usage.OutputTokens;
        row.CachedInputTokens += usage.CachedInputTokens;
        row.ReasoningTokens += usage.ReasoningTokens;
        row.ImageTokens += usage.ImageTokens;
        row.AudioTokens += usage.AudioTokens;
        row.CostUnits = checked(row.CostUnits + costUnits);
        row.Cost += cost;
    }

    /// <summary>Makes room for <paramref name="rows"/> more rows.</summary>
    public void Reserve(int rows)
    {
        if (_count + rows > _rows.Length)
        {
            Array.Resize(ref _rows, _count + rows);
        }
    }

    /// <summary>
    /// Adds a row a columnar roll-up made of the whole batch (<see cref="DenseUsageRater"/>), whose account, token and day
    /// (less <paramref name="firstDay"/>) are this table's numbers; a table takes either calls or such rows, never both.
    /// </summary>
    public void AddRolledUp(in DenseDailyUsage rolledUp, int model, int firstDay, int costScale) =>
        Append(new Row
        {
            Account = rolledUp.Account, Day = rolledUp.Day + firstDay, Model = model, Token = rolledUp.Token, CostScale = costScale, Calls = rolledUp.Calls,
            InputTokens = rolledUp.InputTokens, OutputTokens = rolledUp.OutputTokens, CachedInputTokens = rolledUp.CachedInputTokens, Cost = rolledUp.Cost.Amount,
        });

    /// <summary>Returns the rows ordered by account, day, model and token name (ordinal).</summary>
    public IReadOnlyList<DailyUsage> ToRows()
    {
        var (accountRank, modelRank, tokenRank) = (_accounts.Ranks(), _models.Ranks(), _tokens.Ranks());
        var order = new int[_count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var minDay = int.MaxValue;
        var maxDay = int.MinValue;
        for (var i = 0; i < _count; i++)
        {
            (minDay, maxDay) = (Math.Min(minDay, _rows[i].Day), Math.Max(maxDay, _rows[i].Day));
        }

        var (accountBits, dayBits, modelBits, tokenBits) = (Bits(_accounts.Count), Bits(maxDay - minDay + 1), Bits(_models.Count), Bits(_tokens.Count));
        if (accountBits + dayBits + modelBits + tokenBits <= 64)
        {
            // The four ranks packed into one integer whose order is the rows' order.
            var keys = new ulong[_count];
            for (var i = 0; i < _count; i++)
            {
                ref readonly var row = ref _rows[i];
                var key = (ulong)accountRank[row.Account];
                key = (key << dayBits) | (uint)(row.Day - minDay);
                key = (key << modelBits) | (uint)modelRank[row.Model];
                keys[i] = (key << tokenBits) | (uint)tokenRank[row.Token];
            }

            Array.Sort(keys, order);
        }
        else
        {
            Array.Sort(order, (a, b) =>
            {
                ref readonly var x = ref _rows[a];
                ref readonly var y = ref _rows[b];
                var byAccount = accountRank[x.Account].CompareTo(accountRank[y.Account]);
                var byDay = x.Day.CompareTo(y.Day);
                var byModel = modelRank[x.Model].CompareTo(modelRank[y.Model]);
                return byAccount != 0 ? byAccount : byDay != 0 ? byDay : byModel != 0 ? byModel : tokenRank[x.Token].CompareTo(tokenRank[y.Token]);
            });
        }

        var dates = new LocalDate?[maxDay - minDay < 1 << 16 ? maxDay - minDay + 1 : 0];   // each day's date made once, unless the days span centuries
        var result = new DailyUsage[_count];
        for (var i = 0; i < result.Length; i++)
        {
            ref readonly var row = ref _rows[order[i]];
            var date = dates.Length == 0 ? LocalDate.FromDateOnly(DateOnly.FromDayNumber(row.Day)) : dates[row.Day - minDay] ??= LocalDate.FromDateOnly(DateOnly.FromDayNumber(row.Day));
            result[i] = new DailyUsage(
                _accounts[row.Account], date, _models[row.Model], _tokens[row.Token], row.Calls, row.InputTokens,
                row.OutputTokens, row.CachedInputTokens, new Money(row.Cost + Charging.ScaledDecimal.ToDecimal(row.CostUnits, (byte)row.CostScale), currency))
            {
                ReasoningTokens = row.ReasoningTokens, ImageTokens = row.ImageTokens, AudioTokens = row.AudioTokens,
            };
        }

        return result;
    }

    private void Append(in Row row)
    {
        if (_count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[_count++] = row;
    }

    // The bits that number count values (0 to count - 1).
    private static int Bits(int count) => count <= 1 ? 0 : 32 - BitOperations.LeadingZeroCount((uint)(count - 1));

    private readonly record struct RowKey(long AccountDay, long ModelToken);

    private struct Row
    {
        public int Account;
        public int Day;
        public int Model;
        public int Token;
        public int CostScale;
        public long Calls;
        public long InputTokens;
        public long OutputTokens;
        public long CachedInputTokens;
        public long ReasoningTokens;
        public long ImageTokens;
        public long AudioTokens;
        public long CostUnits;
        public decimal Cost;
    }

    // A billing time zone, and the day number (DateOnly's) of an instant in it: by division for a zone whose offset
    // never changes, by the zone's rules otherwise.
    private sealed class Zone(AccountTimeZone zone)
    {
        private readonly long? _fixedOffsetTicks = zone.Zone.MinOffset == zone.Zone.MaxOffset ? zone.Zone.MinOffset.Ticks : null;

        public int DayNumberOf(Instant instant)
        {
            if (_fixedOffsetTicks is not { } offset)
            {
                return zone.BillingDayOf(instant).ToDateOnly().DayNumber;
            }

            var local = instant.ToUnixTimeTicks() + offset;
            var days = local / TicksPerDay;
            return UnixEpochDayNumber + (int)(local % TicksPerDay < 0 ? days - 1 : days);   // floor, before the epoch too
        }
    }

    // Names interned to 0, 1, 2… in the order they first come; the same string object as the last one is found without hashing.
    private sealed class Names
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _names = [];
        private string? _last;
        private int _lastNumber;

        public int Count => _names.Count;

        public string this[int number] => _names[number];

        public int Of(string name)
        {
            if (ReferenceEquals(name, _last))
            {
                return _lastNumber;
            }

            if (!_numbers.TryGetValue(name, out var number))
            {
                number = _names.Count;
                _numbers.Add(name, number);
                _names.Add(name);
            }

            (_last, _lastNumber) = (name, number);
            return number;
        }

        // Each number's place in ordinal order.
        public int[] Ranks()
        {
            var byName = new int[_names.Count];
            for (var i = 0; i < byName.Length; i++)
            {
                byName[i] = i;
            }

            var names = _names.ToArray();
            Array.Sort(names, byName, StringComparer.Ordinal);
            var rank = new int[byName.Length];
            for (var place = 0; place < byName.Length; place++)
            {
                rank[byName[place]] = place;
            }

            return rank;
        }
    }
}
