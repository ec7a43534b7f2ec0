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
/// per call by the cost rounding, as <see cref="UsageRater"/> rounds it. Rows are grouped in an open-addressing
/// table keyed by the packed ids; nothing is allocated per call.
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
    /// <exception cref="ArgumentException">The prices are empty, too many, mix currencies, or have more than 6 decimals (use <see cref="UsageRater"/>).</exception>
    public DenseUsageRater(IReadOnlyList<TokenPrice> pricesByModel, RoundingPolicy? costRounding = null)
    {
        Preconditions.CheckNotNull(pricesByModel);
        Preconditions.CheckArgument(pricesByModel.Count is > 0 and <= 256, nameof(pricesByModel), "Between 1 and 256 models are needed.");
        Currency = Preconditions.CheckNotNull(pricesByModel[0], nameof(pricesByModel)).Currency;
        _prices = new ScaledTokenPrice[pricesByModel.Count];
        for (var i = 0; i < pricesByModel.Count; i++)
        {
            var price = Preconditions.CheckNotNull(pricesByModel[i], nameof(pricesByModel));
            Preconditions.CheckArgument(price.Currency == Currency, nameof(pricesByModel), "Every price is in one currency.");
            _prices[i] = ScaledTokenPrice.From(price)
                ?? throw new ArgumentException($"{price.Model} {price.Version} has more than 6 decimals per million tokens; rate it with UsageRater.", nameof(pricesByModel));
        }

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
    /// <returns>One row per account, model, token and day, in order of first appearance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An id, day or token count is outside its range.</exception>
    /// <exception cref="OverflowException">A sum does not fit 64 bits.</exception>
    public DenseDailyUsage[] RollUp(ReadOnlySpan<UsageEvent> events)
    {
        var table = new Table(Math.Max(16, events.Length / 2));
        var cut = ScaledTokenPrice.CostScale - _costScale;
        for (var i = 0; i < events.Length; i++)
        {
            var call = events[i];
            if ((uint)call.Account >= 1 << 24 || (uint)call.Model >= _prices.Length || (uint)call.Token >= 1 << 20 || (uint)call.Day >= 1 << 12
                || call.InputTokens < 0 || call.OutputTokens < 0 || call.CachedInputTokens < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(events), $"Call {i}: an id, day or token count is outside its range.");
            }

            if (!_prices[call.Model].TryCost(call.InputTokens, call.OutputTokens, call.CachedInputTokens, out var units))
            {
                throw new OverflowException($"Call {i}: its cost does not fit 64 bits at 12 decimals.");
            }

            units = ScaledDecimal.RoundDivide(units, cut, _mode);
            var key = ((ulong)call.Account << 40) | ((ulong)call.Model << 32) | ((ulong)call.Token << 12) | (uint)call.Day;
            ref var row = ref table.Find(key);
            row.Calls++;
            row.Input += call.InputTokens;
            row.Output += call.OutputTokens;
            row.Cached += call.CachedInputTokens;
            row.Cost = checked(row.Cost + units);
        }

        return table.Rows(Currency, (byte)_costScale);
    }

    private struct Slot
    {
        public ulong Key;
        public bool Used;
        public int Order;
        public long Calls;
        public long Input;
        public long Output;
        public long Cached;
        public long Cost;
    }

    // Open addressing with linear probing on the packed key; grows at half full.
    private sealed class Table(int expected)
    {
        private Slot[] _slots = new Slot[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)expected * 2)];
        private int _count;

        public ref Slot Find(ulong key)
        {
            if (_count * 2 >= _slots.Length)
            {
                Grow();
            }

            var mask = _slots.Length - 1;
            var index = (int)(Mix(key) & (ulong)mask);
            while (_slots[index].Used && _slots[index].Key != key)
            {
                index = (index + 1) & mask;
            }

            ref var slot = ref _slots[index];
            if (!slot.Used)
            {
                slot.Used = true;
                slot.Key = key;
                slot.Order = _count++;
            }

            return ref slot;
        }

        public DenseDailyUsage[] Rows(Currency currency, byte scale)
        {
            var rows = new DenseDailyUsage[_count];
            foreach (var slot in _slots)
            {
                if (slot.Used)
                {
                    rows[slot.Order] = new DenseDailyUsage(
                        (int)(slot.Key >> 40), (int)((slot.Key >> 32) & 0xFF), (int)((slot.Key >> 12) & 0xFFFFF), (int)(slot.Key & 0xFFF),
                        slot.Calls, slot.Input, slot.Output, slot.Cached, new Money(ScaledDecimal.ToDecimal(slot.Cost, scale), currency));
                }
            }

            return rows;
        }

        private static ulong Mix(ulong key) => (key ^ (key >> 29)) * 0xBF58476D1CE4E5B9UL >> 17;

        private void Grow()
        {
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            var mask = _slots.Length - 1;
            foreach (var slot in old)
            {
                if (slot.Used)
                {
                    var index = (int)(Mix(slot.Key) & (ulong)mask);
                    while (_slots[index].Used)
                    {
                        index = (index + 1) & mask;
                    }

                    _slots[index] = slot;
                }
            }
        }
    }
}
