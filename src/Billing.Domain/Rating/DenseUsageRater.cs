using System.Buffers;
using Billing.Domain.Charging;
using Billing.Domain.Utility;

namespace Billing.Domain.Rating;

/// <summary>
/// Rates calls given in columnar form (<see cref="UsageEvent"/>) and rolls them up per account, model, token
/// and day, entirely in scaled integers: the billing run's hot path for millions of calls.
/// </summary>
/// <remarks>
/// Each model's price (the version in force for the batch: split batches where a version changes) must have at
/// most 6 decimals per million tokens, so that a call's cost is an exact integer at 12 decimals; it is rounded
/// per call by the cost rounding, as <see cref="UsageRater"/> rounds it. The calls are first scattered into
/// partitions by a hash of their packed ids, so that each partition is grouped in a table that stays in the
/// processor's cache; the working arrays come from the shared array pools, so nothing is allocated per call.
/// </remarks>
public sealed class DenseUsageRater
{
    private readonly ScaledTokenPrice[] _prices;
    private readonly int _costScale;
    private readonly RoundingMode _mode;

    /// <summary>Initializes a rater for one batch of calls.</summary>
    /// <param name="pricesByModel">The price in force for each model index; at most 256, one currency, at most 6 decimals per million tokens.</param>
    /// <param name="costRounding">How each call's cost is rounded, or null to keep it exact.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pricesByModel"/> is null or holds null.</exception>
    /// <exception cref="ArgumentException">The prices are empty, too many, mix currencies, have more than 6 decimals or count cached tokens within the input (use <see cref="UsageRater"/>).</exception>
    public DenseUsageRater(IReadOnlyList<TokenPrice> pricesByModel, RoundingPolicy? costRounding = null)
        : this(Scaled(pricesByModel), CurrencyOf(pricesByModel), costRounding)
    {
    }

    /// <summary>Initializes a rater from prices already scaled (at most 256), in one currency.</summary>
    internal DenseUsageRater(ScaledTokenPrice[] pricesByModel, Currency currency, RoundingPolicy? costRounding)
    {
        _prices = pricesByModel;
        Currency = currency;
        CostRounding = costRounding;
        _costScale = Math.Min(costRounding?.ScaleFor(Currency) ?? ScaledTokenPrice.CostScale, ScaledTokenPrice.CostScale);
        _mode = costRounding?.Mode ?? RoundingMode.HalfToEven;
    }

    /// <summary>Gets the currency of the costs.</summary>
    public Currency Currency { get; }

    /// <summary>Gets how each call's cost is rounded; null keeps it exact.</summary>
    public RoundingPolicy? CostRounding { get; }

    /// <summary>Rates every call and sums them per account, model, token and day.</summary>
    /// <param name="events">The calls.</param>
    /// <returns>One row per account, model, token and day, grouped by partition (a hash of the ids): the same calls always give the same order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id, day or token count is outside its range.</exception>
    /// <exception cref="OverflowException">A cost or a sum does not fit 64 bits.</exception>
    public DenseDailyUsage[] RollUp(ReadOnlySpan<UsageEvent> events)
    {
        var buffer = ArrayPool<DenseDailyUsage>.Shared.Rent(events.Length);
        try
        {
            var written = RollUp(events, buffer);
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<DenseDailyUsage>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Rates every call and sums them per account, model, token and day into a buffer the caller owns and reuses:
    /// nothing is allocated per call or per row.
    /// </summary>
    /// <param name="events">The calls.</param>
    /// <param name="destination">Where the rows go, in the order <see cref="RollUp(ReadOnlySpan{UsageEvent})"/> returns them; at least as long as <paramref name="events"/> (one row per call at most).</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="events"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An id, day or token count is outside its range; nothing is written.</exception>
    /// <exception cref="OverflowException">A cost or a sum does not fit 64 bits; <paramref name="destination"/> is left unchanged.</exception>
    public int RollUp(ReadOnlySpan<UsageEvent> events, Span<DenseDailyUsage> destination)
    {
        Preconditions.CheckArgument(destination.Length >= events.Length, nameof(destination), "The destination needs room for one row per call.");
        var shift = 64 - PartitionBits(events.Length);
        var starts = new int[(1 << (64 - shift)) + 1];
        var work = Work.Rent(events.Length);
        try
        {
            // Pass 1: check every call and count the calls of each partition (a slice of the key space small enough
            // for its grouping table to stay in cache).
            for (var i = 0; i < events.Length; i++)
            {
                if (!InRange(events[i]))
                {
                    throw new ArgumentOutOfRangeException(nameof(events), $"Call {i}: an id, day or token count is outside its range.");
                }

                work.Partition[i] = shift == 64 ? (ushort)0 : (ushort)(Mix(Pack(events[i])) >> shift);
                starts[work.Partition[i] + 1]++;
            }

            for (var p = 1; p < starts.Length; p++)
            {
                starts[p] += starts[p - 1];
            }

            // Pass 2: rate each call and scatter it to its partition, keeping the calls' order within each partition.
            var cursors = starts.AsSpan(0, starts.Length - 1).ToArray();
            var cut = ScaledTokenPrice.CostScale - _costScale;
            for (var i = 0; i < events.Length; i++)
            {
                var call = events[i];
                if (!_prices[call.Model].TryCost(call.InputTokens, call.OutputTokens, call.CachedInputTokens, out var units))
                {
                    throw new OverflowException($"Call {i}: its cost does not fit 64 bits at 12 decimals.");
                }

                work.Calls[cursors[work.Partition[i]]++] = new Call(Pack(call), call.InputTokens, call.OutputTokens, call.CachedInputTokens, ScaledDecimal.RoundDivide(units, cut, _mode));
            }

            // Pass 3: group each partition in a small table of row numbers, cleared between partitions.
            var largest = 0;
            for (var p = 0; p + 1 < starts.Length; p++)
            {
                largest = Math.Max(largest, starts[p + 1] - starts[p]);
            }

            work.RentTable(TableSize(largest));
            var rowCount = 0;
            for (var p = 0; p + 1 < starts.Length; p++)
            {
                rowCount = GroupPartition(work, starts[p], starts[p + 1], rowCount);
            }

            for (var r = 0; r < rowCount; r++)
            {
                destination[r] = work.Rows[r].ToUsage(Currency, (byte)_costScale);
            }

            return rowCount;
        }
        finally
        {
            work.Return();
        }
    }

    private static Currency CurrencyOf(IReadOnlyList<TokenPrice> pricesByModel) => pricesByModel[0].Currency;

    private static ScaledTokenPrice[] Scaled(IReadOnlyList<TokenPrice> pricesByModel)
    {
        Preconditions.CheckNotNull(pricesByModel);
        Preconditions.CheckArgument(pricesByModel.Count is > 0 and <= 256, nameof(pricesByModel), "Between 1 and 256 models are needed.");
        var currency = Preconditions.CheckNotNull(pricesByModel[0], nameof(pricesByModel)).Currency;
        var scaled = new ScaledTokenPrice[pricesByModel.Count];
        for (var i = 0; i < pricesByModel.Count; i++)
        {
            var price = Preconditions.CheckNotNull(pricesByModel[i], nameof(pricesByModel));
            Preconditions.CheckArgument(price.Currency == currency, nameof(pricesByModel), "Every price is in one currency.");
            scaled[i] = ScaledTokenPrice.From(price)
                ?? throw new ArgumentException($"{price.Model} {price.Version} has more than 6 decimals per million tokens or counts cached tokens within the input; rate it with UsageRater.", nameof(pricesByModel));
        }

        return scaled;
    }

    // About 4,096 calls per partition: its table of row numbers (32 KB) and its rows stay in the core's cache.
    private static int PartitionBits(int calls) => Math.Clamp(System.Numerics.BitOperations.Log2((uint)Math.Max(calls, 1)) - 12, 0, 12);

    // At most half full: probes stay short.
    private static int TableSize(int calls) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, calls * 2));

    // The top bits choose the partition, the middle bits the slot within it.
    private static ulong Mix(ulong key) => (key ^ (key >> 29)) * 0xBF58476D1CE4E5B9UL;

    private static int GroupPartition(Work work, int from, int to, int rowCount)
    {
        var size = TableSize(to - from);
        var table = work.Table.AsSpan(0, size);
        table.Clear();
        var mask = size - 1;
        for (var i = from; i < to; i++)
        {
            ref readonly var call = ref work.Calls[i];
            var index = (int)(Mix(call.Key) >> 20) & mask;
            while (table[index] != 0 && work.Rows[table[index] - 1].Key != call.Key)
            {
                index = (index + 1) & mask;
            }

            if (table[index] == 0)
            {
                work.Rows[rowCount] = new Row { Key = call.Key };
                table[index] = ++rowCount;
            }

            ref var row = ref work.Rows[table[index] - 1];
            row.Calls++;
            row.Input = checked(row.Input + call.Input);
            row.Output = checked(row.Output + call.Output);
            row.Cached = checked(row.Cached + call.Cached);
            row.Cost = checked(row.Cost + call.Cost);
        }

        return rowCount;
    }

    private static ulong Pack(in UsageEvent call) =>
        ((ulong)call.Account << 40) | ((ulong)call.Model << 32) | ((ulong)call.Token << 12) | (uint)call.Day;

    private bool InRange(in UsageEvent call) =>
        (uint)call.Account < 1 << 24 && (uint)call.Model < _prices.Length && (uint)call.Token < 1 << 20 && (uint)call.Day < 1 << 12
        && call.InputTokens >= 0 && call.OutputTokens >= 0 && call.CachedInputTokens >= 0;

    private readonly record struct Call(ulong Key, long Input, long Output, long Cached, long Cost);

    private struct Row
    {
        public ulong Key;
        public long Calls;
        public long Input;
        public long Output;
        public long Cached;
        public long Cost;

        public readonly DenseDailyUsage ToUsage(Currency currency, byte scale) =>
            new((int)(Key >> 40), (int)((Key >> 32) & 0xFF), (int)((Key >> 12) & 0xFFFFF), (int)(Key & 0xFFF), Calls, Input, Output, Cached, new Money(ScaledDecimal.ToDecimal(Cost, scale), currency));
    }

    // The working arrays of one roll-up, rented from the shared pools and returned when it ends.
    private sealed class Work
    {
        private Work(int calls)
        {
            Partition = ArrayPool<ushort>.Shared.Rent(calls);
            Calls = ArrayPool<Call>.Shared.Rent(calls);
            Rows = ArrayPool<Row>.Shared.Rent(calls);
        }

        public ushort[] Partition { get; }

        public Call[] Calls { get; }

        public Row[] Rows { get; }

        public int[] Table { get; private set; } = [];

        public static Work Rent(int calls) => new(calls);

        public void RentTable(int size) => Table = ArrayPool<int>.Shared.Rent(size);

        public void Return()
        {
            ArrayPool<ushort>.Shared.Return(Partition);
            ArrayPool<Call>.Shared.Return(Calls);
            ArrayPool<Row>.Shared.Return(Rows);
            if (Table.Length > 0)
            {
                ArrayPool<int>.Shared.Return(Table);
            }
        }
    }
}
