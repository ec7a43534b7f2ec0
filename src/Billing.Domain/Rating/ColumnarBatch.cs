using System.Buffers;

namespace Billing.Domain.Rating;

/// <summary>
/// The calls of a batch as <see cref="UsageEvent"/>s, by the numbers a <see cref="DailyUsageTable"/> interned, for as
/// long as every call fits <see cref="DenseUsageRater"/>: a scaled price (<see cref="ScaledTokenPrice"/>), no reasoning,
/// image or audio tokens, one version per model, at most 256 models, 2^24 accounts, 2^20 token names and 4,096 days. The calls themselves are
/// kept beside their events, so that a batch that stops fitting is replayed into the table from its first call.
/// </summary>
internal sealed class ColumnarBatch(int expectedCalls) : IDisposable
{
    private readonly List<(TokenPrice Price, ScaledTokenPrice Scaled)> _priceOfModel = [];
    private UsageEvent[] _events = ArrayPool<UsageEvent>.Shared.Rent(Math.Max(expectedCalls, 1_024));
    private UsageRecord[] _calls = ArrayPool<UsageRecord>.Shared.Rent(Math.Max(expectedCalls, 1_024));
    private int _count;
    private int _firstDay = int.MaxValue;
    private int _lastDay = int.MinValue;

    /// <summary>Gets a value indicating whether the batch still takes calls.</summary>
    public bool IsOpen { get; private set; } = true;

    /// <summary>Adds a call by its numbers; false, adding nothing, when it does not fit.</summary>
    public bool TryAdd(UsageRecord call, int account, int day, int model, int token, TokenPrice price, ScaledTokenPrice? scaled)
    {
        if (scaled is null || call.HasOtherKinds || model > 255 || account >= 1 << 24 || token >= 1 << 20
            || (long)Math.Max(_lastDay, day) - Math.Min(_firstDay, day) >= 1 << 12)
        {
            return false;
        }

        if (model == _priceOfModel.Count)
        {
            _priceOfModel.Add((price, scaled));
        }
        else if (!ReferenceEquals(_priceOfModel[model].Price, price))
        {
            return false;   // a second version of the model in the batch: its rows would be split by version
        }

        if (_count == _events.Length)
        {
            Grow();
        }

        (_firstDay, _lastDay) = (Math.Min(_firstDay, day), Math.Max(_lastDay, day));
        _events[_count] = new UsageEvent(account, model, token, day, call.InputTokens, call.OutputTokens, call.CachedInputTokens);
        _calls[_count++] = call;
        return true;
    }

    /// <summary>Rolls the batch up into the table; false, adding nothing, when a cost or a sum does not fit 64 bits.</summary>
    public bool TryRollUpInto(DailyUsageTable table, Currency currency, RoundingPolicy? costRounding, int costScale)
    {
        if (_count == 0)
        {
            return true;
        }

        var events = _events.AsSpan(0, _count);
        foreach (ref var call in events)
        {
            call = call with { Day = call.Day - _firstDay };
        }

        var rows = ArrayPool<DenseDailyUsage>.Shared.Rent(_count);
        try
        {
            var written = new DenseUsageRater([.. _priceOfModel.Select(p => p.Scaled)], currency, costRounding).RollUp(events, rows);
            table.Reserve(written);
            for (var i = 0; i < written; i++)
            {
                table.AddRolledUp(rows[i], rows[i].Model, _firstDay, costScale);
            }

            return true;
        }
        catch (OverflowException)
        {
            foreach (ref var call in events)
            {
                call = call with { Day = call.Day + _firstDay };
            }

            return false;
        }
        finally
        {
            ArrayPool<DenseDailyUsage>.Shared.Return(rows);
        }
    }

    /// <summary>Stops taking calls, and hands every call taken so far, with its numbers and price, to <paramref name="replay"/>.</summary>
    public void Close(Action<UsageRecord, int, int, int, int, TokenPrice> replay)
    {
        IsOpen = false;
        for (var i = 0; i < _count; i++)
        {
            var e = _events[i];
            replay(_calls[i], e.Account, e.Day, e.Model, e.Token, _priceOfModel[e.Model].Price);
        }

        Dispose();
    }

    /// <summary>Returns the working arrays to their pools.</summary>
    public void Dispose()
    {
        if (_events.Length > 0)
        {
            ArrayPool<UsageEvent>.Shared.Return(_events);
            ArrayPool<UsageRecord>.Shared.Return(_calls, clearArray: true);
            (_events, _calls, _count) = ([], [], 0);
        }
    }

    private void Grow()
    {
        var (events, calls) = (ArrayPool<UsageEvent>.Shared.Rent(_events.Length * 2), ArrayPool<UsageRecord>.Shared.Rent(_calls.Length * 2));
        _events.AsSpan(0, _count).CopyTo(events);
        _calls.AsSpan(0, _count).CopyTo(calls);
        ArrayPool<UsageEvent>.Shared.Return(_events);
        ArrayPool<UsageRecord>.Shared.Return(_calls, clearArray: true);
        (_events, _calls) = (events, calls);
    }
}
