using Billing.Domain.Periods;
using Billing.Domain.Rating;

namespace Billing.Domain.Tests.Rating;

public class UsageRaterTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly Instant April = Instant.FromUtc(2026, 4, 1, 0, 0);

    private static Money M(decimal amount) => new(amount, Usd);

    private static readonly TokenPriceBook Book = TokenPriceBook.Empty(Usd)
        .With(new TokenPrice("gpt-x", "v1", M(2.50m), M(10m), M(1.25m), March, April))
        .With(new TokenPrice("gpt-x", "v2", M(2.00m), M(8m), M(0.50m), April))
        .With(new TokenPrice("mini", "m1", M(0.15m), M(0.60m), M(0.075m), March));

    private static UsageRecord Call(string id, string model, long input, long output, Instant at, string account = "acc-1", string token = "prod-key", long cached = 0) =>
        new(id, account, token, model, input, output, at, cached);

    [Fact]
    public void Rate_CostIsTokensTimesPricePerMillion_WithThePriceVersion()
    {
        var consumption = new UsageRater(Book).Rate(Call("r1", "gpt-x", 1_200, 350, March + Duration.FromDays(3), cached: 800));

        Assert.Equal(M(0.0075m), consumption.Cost);   // 1,200 x 2.50 + 350 x 10 + 800 x 1.25 = 7,500 per million
        Assert.Equal("v1", consumption.PriceVersion);
        Assert.Equal("r1", consumption.RequestId);
        Assert.Equal("acc-1", consumption.AccountId);
    }

    [Fact]
    public void Rate_UsesTheVersionInForceWhenTheCallWasMade()
    {
        var rater = new UsageRater(Book);

        Assert.Equal("v1", rater.Rate(Call("a", "gpt-x", 1_000_000, 0, April - Duration.FromTicks(1))).PriceVersion);
        Assert.Equal("v2", rater.Rate(Call("b", "gpt-x", 1_000_000, 0, April)).PriceVersion);
        Assert.Equal(M(2m), rater.Rate(Call("c", "gpt-x", 1_000_000, 0, April)).Cost);
    }

    [Fact]
    public void Rate_WithCostRounding_RoundsEachCall() =>
        Assert.Equal(M(0.000002m), new UsageRater(Book, RoundingPolicy.Commercial.WithScale(6)).Rate(Call("r", "mini", 7, 1, March)).Cost);  // 7 x 0.15 + 0.60 = 1.65 per million

    [Fact]
    public void Rate_NoPriceInForce_ThrowsAndTryRateSaysNo()
    {
        var rater = new UsageRater(Book);
        var early = Call("r9", "gpt-x", 1, 1, March - Duration.FromDays(1));

        var exception = Assert.Throws<UnpricedUsageException>(() => rater.Rate(early));
        Assert.Equal("rating.no_price", exception.Code);
        Assert.Equal("r9", exception.RequestId);
        Assert.False(rater.TryRate(Call("r10", "unknown", 1, 1, April), out var none));
        Assert.Null(none);
    }

    [Fact]
    public void RateAndRollUpDaily_UnpricedCall_Throws()
    {
        var rater = new UsageRater(Book);

        Assert.Throws<UnpricedUsageException>(() => rater.RateAndRollUpDaily([Call("r", "unknown", 1, 1, April)], _ => new AccountTimeZone(DateTimeZone.Utc)));
        Assert.Throws<ArgumentNullException>("timeZoneOf", () => rater.RateAndRollUpDaily([Call("r", "mini", 1, 1, April)], _ => null!));
    }

    [Fact]
    public void PriceBook_OverlappingVersionsOrOtherCurrency_AreRefused()
    {
        Assert.Throws<ArgumentException>("price", () => Book.With(new TokenPrice("gpt-x", "v3", M(1m), M(1m), M(1m), April + Duration.FromDays(10))));
        Assert.Throws<ArgumentException>("price", () => Book.With(new TokenPrice("new", "e1", new Money(1m, Currency.FromCode("EUR")), new Money(1m, Currency.FromCode("EUR")), new Money(1m, Currency.FromCode("EUR")), March)));
        Assert.Throws<ArgumentException>("effectiveTo", () => new TokenPrice("m", "v", M(1m), M(1m), M(1m), April, March));
        Assert.Throws<ArgumentOutOfRangeException>("inputPerMillion", () => new TokenPrice("m", "v", M(-1m), M(1m), M(1m), April));
        Assert.Equal(3, Book.Prices.Count);
    }

    [Fact]
    public void UsageRecord_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>("inputTokens", () => Call("r", "m", -1, 0, March));
        Assert.Throws<ArgumentException>("requestId", () => Call("", "m", 1, 0, March));
    }

    [Fact]
    public void RollUpDaily_GroupsByAccountDayModelAndTokenInTheAccountsZone()
    {
        var rater = new UsageRater(Book);
        var tokyo = new AccountTimeZone(DateTimeZoneProviders.Tzdb["Asia/Tokyo"]);
        var utc = new AccountTimeZone(DateTimeZone.Utc);
        var late = Instant.FromUtc(2026, 3, 10, 20, 0);   // already March 11th in Tokyo
        var consumption = new[]
        {
            rater.Rate(Call("1", "mini", 1_000_000, 0, late, account: "tokyo")),
            rater.Rate(Call("2", "mini", 1_000_000, 1_000_000, late + Duration.FromHours(1), account: "tokyo")),
            rater.Rate(Call("3", "mini", 2_000_000, 0, late, account: "london")),
            rater.Rate(Call("4", "gpt-x", 1_000_000, 0, late, account: "london")),
            rater.Rate(Call("5", "mini", 1_000_000, 0, late, account: "london", token: "dev-key")),
        };

        var rows = rater.RollUpDaily(consumption, account => account == "tokyo" ? tokyo : utc);

        Assert.Equal(
            [
                new DailyUsage("london", new LocalDate(2026, 3, 10), "gpt-x", "prod-key", 1, 1_000_000, 0, 0, M(2.50m)),
                new DailyUsage("london", new LocalDate(2026, 3, 10), "mini", "dev-key", 1, 1_000_000, 0, 0, M(0.15m)),
                new DailyUsage("london", new LocalDate(2026, 3, 10), "mini", "prod-key", 1, 2_000_000, 0, 0, M(0.30m)),
                new DailyUsage("tokyo", new LocalDate(2026, 3, 11), "mini", "prod-key", 2, 2_000_000, 1_000_000, 0, M(0.90m)),
            ],
            rows);
    }

    /// <summary>
    /// Rows whose account, day, model and token numbers need more than 64 bits together (20,000 of each, days from year
    /// 1 to 9999) are ordered by comparing them instead of by one packed integer: the same order.
    /// </summary>
    [Fact]
    public void RollUpDaily_OrdersRowsTooManyToPack_TheSameWay()
    {
        var usd = Currency.FromCode("USD");
        var rater = new UsageRater(TokenPriceBook.Empty(usd));
        var first = Instant.FromUtc(1, 1, 1, 0, 0);
        var last = Instant.FromUtc(9999, 12, 31, 0, 0);
        var consumption = Enumerable.Range(0, 20_000)
            .Select(i => new ConsumptionRecord(
                new UsageRecord($"r{i}", $"acc-{(i * 7919) % 20_000:D5}", $"key-{i:D5}", $"model-{(i * 31) % 20_000:D5}", 1, 1, i % 2 == 0 ? first + Duration.FromDays(i) : last - Duration.FromDays(i)),
                new Money(0.01m, usd),
                "v1"))
            .ToList();

        var rows = rater.RollUpDaily(consumption, _ => new AccountTimeZone(DateTimeZone.Utc));

        Assert.Equal(consumption.Count, rows.Count);
        Assert.Equal(
            consumption.OrderBy(c => c.AccountId, StringComparer.Ordinal).ThenBy(c => c.OccurredAt).Select(c => (c.AccountId, c.Usage.Model, c.Usage.TokenName)),
            rows.Select(r => (r.AccountId, r.Model, r.TokenName)));
    }
}
