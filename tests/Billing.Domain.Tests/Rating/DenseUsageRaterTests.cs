using Billing.Domain.Periods;
using Billing.Domain.Rating;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Rating;

public class DenseUsageRaterTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Epoch = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly LocalDate EpochDay = new(2026, 1, 1);

    private static readonly TokenPrice[] Prices =
    [
        new("gpt-x", "g1", new Money(2.5m, Usd), new Money(10m, Usd), new Money(1.25m, Usd), Epoch),
        new("mini", "m1", new Money(0.15m, Usd), new Money(0.6m, Usd), new Money(0.075m, Usd), Epoch),
        new("embed", "e1", new Money(0.020001m, Usd), new Money(0m, Usd), new Money(0m, Usd), Epoch),
    ];

    private static Arbitrary<UsageEvent[]> Events =>
        Arb.From(Gen.ArrayOf(
            from account in Gen.Choose(0, 6)
            from model in Gen.Choose(0, Prices.Length - 1)
            from token in Gen.Choose(0, 3)
            from day in Gen.Choose(0, 40)
            from input in Gen.Choose(0, 3_000_000)
            from output in Gen.Choose(0, 800_000)
            from cached in Gen.Choose(0, 50_000)
            select new UsageEvent(account, model, token, day, input, output, cached)));

    private static Arbitrary<RoundingPolicy?> CostRoundings =>
        Arb.From(Gen.Elements<RoundingPolicy?>(null, RoundingPolicy.Commercial.WithScale(6), RoundingPolicy.Bankers.WithScale(8), new RoundingPolicy(RoundingMode.Ceiling, 2)));

    [Property(MaxTest = Laws.Cases)]
    public Property RollUp_TakesPricesWithTrailingZeros_AsTheSameValues() =>
        Prop.ForAll(Events, events =>
        {
            // Prices read from a NUMERIC(18, 8) column: 2.50000000, 0.02000100.
            var padded = Prices.Select(p => new TokenPrice(
                p.Model, p.Version, p.InputPerMillion * 1.00000000m, p.OutputPerMillion * 1.00000000m, p.CachedInputPerMillion * 1.00000000m, p.EffectiveFrom)).ToArray();
            return new DenseUsageRater(padded).RollUp(events).SequenceEqual(new DenseUsageRater(Prices).RollUp(events));
        });

    [Property(MaxTest = Laws.Cases)]
    public Property RollUp_EqualsTheRecordRater() =>
        Prop.ForAll(Events, CostRoundings, (events, rounding) => EqualsTheRecordRater(events, rounding));

    [Theory]
    [InlineData(1, 9_000)]
    [InlineData(2, 70_000)]
    [InlineData(3, 300_000)]
    public void RollUp_ManyPartitions_EqualsTheRecordRater(int seed, int calls)
    {
        // Enough calls for 2 to 64 partitions, with few and with many calls per row.
        var random = new Random(seed);
        var accounts = seed * 300;
        var events = Enumerable.Range(0, calls)
            .Select(_ => new UsageEvent(random.Next(accounts), random.Next(Prices.Length), random.Next(3), random.Next(31), random.Next(3_000_000), random.Next(800_000), random.Next(50_000)))
            .ToArray();

        Assert.True(EqualsTheRecordRater(events, RoundingPolicy.Commercial.WithScale(8)));
    }

    [Fact]
    public void RollUp_IntoABuffer_WritesTheRowsAndReturnsTheirCount()
    {
        UsageEvent[] events = [new(7, 1, 3, 2, 1_000_000, 0), new(7, 1, 3, 2, 1_000_000, 0)];
        var buffer = new DenseDailyUsage[3];

        var written = new DenseUsageRater(Prices).RollUp(events, buffer);

        Assert.Equal(1, written);
        Assert.Equal(new DenseDailyUsage(7, 1, 3, 2, 2, 2_000_000, 0, 0, new Money(0.30m, Usd)), buffer[0]);
        Assert.Equal(default, buffer[1]);
        Assert.Throws<ArgumentException>("destination", () => new DenseUsageRater(Prices).RollUp(events, new DenseDailyUsage[1]));
    }

    [Fact]
    public void RollUp_OverflowingSum_ThrowsAndLeavesTheBufferUnchanged()
    {
        UsageEvent[] events = [new(0, 2, 0, 0, 0, long.MaxValue / 2), new(0, 2, 0, 0, 0, long.MaxValue / 2), new(0, 2, 0, 0, 0, 2)];
        var buffer = new DenseDailyUsage[3];

        Assert.Throws<OverflowException>(() => new DenseUsageRater(Prices).RollUp(events, buffer));
        Assert.All(buffer, row => Assert.Equal(default, row));
    }

    private static bool EqualsTheRecordRater(UsageEvent[] events, RoundingPolicy? rounding)
    {
        var dense = new DenseUsageRater(Prices, rounding).RollUp(events)
            .Select(r => (Account: $"a{r.Account}", Day: EpochDay.PlusDays(r.Day), Model: Prices[r.Model].Model, Token: $"t{r.Token}", r.Calls, r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.Cost))
            .OrderBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Day).ThenBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Token, StringComparer.Ordinal);
        var book = Prices.Aggregate(TokenPriceBook.Empty(Usd), (b, p) => b.With(p));
        var usage = events.Select((e, i) => new UsageRecord($"r{i}", $"a{e.Account}", $"t{e.Token}", Prices[e.Model].Model, e.InputTokens, e.OutputTokens, Epoch + Duration.FromDays(e.Day) + Duration.FromMinutes(i % 1000), e.CachedInputTokens));
        var expected = new UsageRater(book, rounding).RateAndRollUpDaily(usage, _ => new AccountTimeZone(DateTimeZone.Utc))
            .Select(r => (Account: r.AccountId, r.Day, r.Model, Token: r.TokenName, r.Calls, r.InputTokens, r.OutputTokens, r.CachedInputTokens, r.Cost));
        return dense.SequenceEqual(expected);
    }

    [Fact]
    public void RollUp_SumsEachGroup()
    {
        var rows = new DenseUsageRater(Prices).RollUp([new(7, 1, 3, 2, 1_000_000, 0), new(1, 0, 0, 0, 0, 1_000_000), new(7, 1, 3, 2, 1_000_000, 1_000_000)]);

        Assert.Equal(
            [new DenseDailyUsage(1, 0, 0, 0, 1, 0, 1_000_000, 0, new Money(10m, Usd)), new DenseDailyUsage(7, 1, 3, 2, 2, 2_000_000, 1_000_000, 0, new Money(0.90m, Usd))],
            rows.OrderBy(r => r.Account));
    }

    [Fact]
    public void RollUp_SameCalls_SameOrder()
    {
        var random = new Random(5);
        var events = Enumerable.Range(0, 20_000).Select(_ => new UsageEvent(random.Next(500), random.Next(Prices.Length), 0, random.Next(30), random.Next(1_000), 0)).ToArray();
        var rater = new DenseUsageRater(Prices);

        Assert.Equal(rater.RollUp(events), rater.RollUp(events));
    }

    [Fact]
    public void BadInput_Throws()
    {
        var rater = new DenseUsageRater(Prices);

        Assert.Throws<ArgumentOutOfRangeException>("events", () => rater.RollUp([new(0, 3, 0, 0, 1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>("events", () => rater.RollUp([new(-1, 0, 0, 0, 1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>("events", () => rater.RollUp([new(0, 0, 0, 4096, 1, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>("events", () => rater.RollUp([new(0, 0, 0, 0, -1, 1)]));
        Assert.Throws<ArgumentException>("pricesByModel", () => new DenseUsageRater([new TokenPrice("odd", "o", new Money(0.1234567m, Usd), new Money(0m, Usd), new Money(0m, Usd), Epoch)]));
        Assert.Throws<ArgumentException>("pricesByModel", () => new DenseUsageRater([]));
    }

    [Fact]
    public void RollUp_ManyGroups_GrowsTheTable()
    {
        var events = Enumerable.Range(0, 50_000).Select(i => new UsageEvent(i, 0, 0, 0, 1_000, 0)).ToArray();

        var rows = new DenseUsageRater(Prices).RollUp(events.AsSpan(0, 10));

        Assert.Equal(10, rows.Length);
        Assert.Equal(50_000, new DenseUsageRater(Prices).RollUp(events).Length);
    }
}
