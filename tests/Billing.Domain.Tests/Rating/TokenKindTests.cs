using Billing.Domain.Periods;
using Billing.Domain.Rating;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Rating;

/// <summary>
/// Reasoning, cached, image and audio tokens, each counted as its provider reports it (within its base count or beside
/// it) and priced at its own price or its base kind's, and where a rater rounds a call's cost.
/// </summary>
public class TokenKindTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 0, 0);

    // A model at 2.50 input, 10.00 output and 1.25 cached input per million.
    private static readonly TokenPrice Base = new("gpt-x", "v1", M(2.50m), M(10m), M(1.25m), March);

    [Fact]
    public void CachedTokensWithinTheInput_AreTakenOutOfIt_AsOpenAIGeminiAndMistralCountThem()
    {
        // OpenAI reports prompt_tokens 2,006 of which cached_tokens 1,920: 86 at the input price, 1,920 at the cached one.
        var call = Call(input: 2_006, output: 300, cached: 1_920);

        var within = Rate(Base with { CachedInput = TokenCounting.Included }, call);
        var beside = Rate(Base, call);

        Assert.Equal(M(0.005615m), within);    // (86 × 2.50 + 1,920 × 1.25 + 300 × 10) / 10^6
        Assert.Equal(M(0.010415m), beside);    // Anthropic's way: 2,006 input tokens and 1,920 cache reads besides
    }

    [Fact]
    public void ReasoningTokensWithinTheOutput_CostTheOutputPrice_OrTheirOwn()
    {
        // OpenAI and Anthropic count reasoning (thinking) tokens within the output tokens.
        var call = Call(input: 0, output: 1_186) with { ReasoningTokens = 1_024 };

        Assert.Equal(M(0.01186m), Rate(Base, call));                                                  // all 1,186 at 10.00
        Assert.Equal(M(0.02210m), Rate(Base with { ReasoningPerMillion = M(20m) }, call));            // 162 × 10 + 1,024 × 20
        Assert.Equal(M(0.02210m), Rate(Base, Call(0, 162) with { ReasoningTokens = 1_024 }, reasoningPrice: M(20m), reasoning: TokenCounting.Separate));
    }

    [Fact]
    public void ReasoningTokensBesideTheOutput_AreAddedToIt_AsGeminiCountsThoughts()
    {
        var call = Call(input: 0, output: 500) with { ReasoningTokens = 1_000 };

        Assert.Equal(M(0.015m), Rate(Base with { Reasoning = TokenCounting.Separate }, call));   // (500 + 1,000) × 10
        Assert.Equal(M(0.005m), Rate(Base, Call(0, 500) with { ReasoningTokens = 0 }));
    }

    [Fact]
    public void ImageAndAudioTokens_CostTheirOwnPrices_OrTheInputPrice()
    {
        // 10,000 prompt tokens of which 2,000 audio and 1,000 image (within the input, as OpenAI and Gemini report them).
        var call = Call(input: 10_000, output: 0) with { AudioTokens = 2_000, ImageTokens = 1_000 };

        Assert.Equal(M(0.025m), Rate(Base, call));                                          // no own prices: all at 2.50
        Assert.Equal(M(0.1m), Rate(Base with { AudioPerMillion = M(40m) }, call));          // 8,000 × 2.50 + 2,000 × 40
        Assert.Equal(M(0.1075m), Rate(Base with { AudioPerMillion = M(40m), Modalities = TokenCounting.Separate }, call));   // 10,000 × 2.50 + 2,000 × 40 + 1,000 × 2.50
    }

    [Fact]
    public void CountsTheCountingCannotHold_AreATypedRefusal()
    {
        var rater = new UsageRater(TokenPriceBook.Empty(Usd).With(Base with { CachedInput = TokenCounting.Included }));

        var input = Assert.Throws<InconsistentTokenCountsException>(() => rater.Rate(Call(input: 100, output: 0, cached: 101)));
        var output = Assert.Throws<InconsistentTokenCountsException>(() => rater.TryRate(Call(input: 0, output: 10) with { ReasoningTokens = 11 }, out _));

        Assert.Equal(("rating.token_counts_inconsistent", "input", 100L, 101L), (input.Code, input.BaseKind, input.BaseTokens, input.IncludedTokens));
        Assert.Equal(("output", 10L, 11L), (output.BaseKind, output.BaseTokens, output.IncludedTokens));
        Assert.Equal(M(0.000126250m), Rate(Base, Call(input: 0, output: 0, cached: 101)));   // beside the input, 101 cached tokens alone are fine
    }

    [Fact]
    public void TheRoundingPoint_RoundsTheCallsTotal_OrEachKind()
    {
        // 4 input tokens at 0.15 (0.0000006) and 1 output token at 0.60 (0.0000006), rounded half up to 6 decimals.
        var book = TokenPriceBook.Empty(Usd).With(new TokenPrice("mini", "m1", M(0.15m), M(0.60m), M(0.075m), March));
        var call = new UsageRecord("r", "acc", "key", "mini", 4, 1, March);
        var rounding = RoundingPolicy.Commercial.WithScale(6);

        Assert.Equal(M(0.000001m), new UsageRater(book, rounding).Rate(call).Cost);                                   // 0.0000012 once
        Assert.Equal(M(0.000002m), new UsageRater(book, rounding, CostRoundingPoint.EachKind).Rate(call).Cost);     // 0.000001 + 0.000001
        Assert.Equal(
            [M(0.000002m)],
            new UsageRater(book, rounding, CostRoundingPoint.EachKind).RateAndRollUpDaily([call], _ => new AccountTimeZone(DateTimeZone.Utc)).Select(r => r.Cost));
    }

    [Fact]
    public void BadPricesCountsAndSettings_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("ReasoningPerMillion", () => Base with { ReasoningPerMillion = M(-1m) });
        Assert.Throws<ArgumentException>("AudioPerMillion", () => Base with { AudioPerMillion = new Money(1m, Currency.FromCode("EUR")) });
        Assert.Throws<ArgumentOutOfRangeException>("CachedInput", () => Base with { CachedInput = (TokenCounting)5 });
        Assert.Throws<ArgumentOutOfRangeException>("ImageTokens", () => Call(1, 1) with { ImageTokens = -1 });
        Assert.Throws<ArgumentOutOfRangeException>("ReasoningTokens", () => Call(1, 1) with { ReasoningTokens = UsageRecord.MaxTokens + 1 });
        Assert.Throws<ArgumentOutOfRangeException>("roundingPoint", () => new UsageRater(TokenPriceBook.Empty(Usd), null, (CostRoundingPoint)9));
    }

    /// <summary>
    /// With every kind of token, every counting and both rounding points, rating and rolling up in one pass gives the rows
    /// of rating each call and rolling up, kinds summed; a call's cost is the sum of its kinds at their prices.
    /// </summary>
    [Property(MaxTest = Laws.Cases)]
    public Property EveryKindAndCounting_RollsUpAsRatingEachCall() =>
        Prop.ForAll(
            Arb.From(
                from calls in Gen.ArrayOf(
                    from input in Gen.Choose(0, 100_000)
                    from output in Gen.Choose(0, 20_000)
                    from cachedShare in Gen.Choose(0, 50)
                    from reasoningShare in Gen.Choose(0, 50)
                    from image in Gen.Choose(0, 10)
                    from audio in Gen.Choose(0, 10)
                    from minute in Gen.Choose(0, 60 * 24 * 3)
                    from account in Gen.Choose(0, 3)
                    select new UsageRecord($"r{input}-{minute}", $"acc-{account}", "key", "gpt-x", input, output, March + Duration.FromMinutes(minute), input * cachedShare / 100)
                    {
                        ReasoningTokens = output * reasoningShare / 100, ImageTokens = input * image / 100, AudioTokens = input * audio / 100,
                    })
                from cached in Gen.Elements(TokenCounting.Separate, TokenCounting.Included)
                from reasoning in Gen.Elements(TokenCounting.Separate, TokenCounting.Included)
                from ownPrices in Gen.Elements(true, false)
                from point in Gen.Elements(CostRoundingPoint.CallTotal, CostRoundingPoint.EachKind)
                select (calls, Price: Base with
                {
                    CachedInput = cached, Reasoning = reasoning, ReasoningPerMillion = ownPrices ? M(30m) : null, ImagePerMillion = ownPrices ? M(1.5m) : null,
                    AudioPerMillion = ownPrices ? M(40m) : null,
                }, point)),
            c =>
            {
                var rater = new UsageRater(TokenPriceBook.Empty(Usd).With(c.Price), RoundingPolicy.Commercial.WithScale(8), c.point);
                AccountTimeZone Utc(string _) => new(DateTimeZone.Utc);
                var calls = c.calls.DistinctBy(u => u.RequestId).ToList();
                var rows = rater.RateAndRollUpDaily(calls, Utc);
                return rows.SequenceEqual(rater.RollUpDaily(calls.Select(rater.Rate), Utc))
                    && rows.Sum(r => r.ReasoningTokens) == calls.Sum(u => u.ReasoningTokens)
                    && rows.Sum(r => r.ImageTokens + r.AudioTokens) == calls.Sum(u => u.ImageTokens + u.AudioTokens);
            });

    private static Money Rate(TokenPrice price, UsageRecord call, Money? reasoningPrice = null, TokenCounting? reasoning = null) =>
        new UsageRater(TokenPriceBook.Empty(Usd).With(price with { ReasoningPerMillion = reasoningPrice ?? price.ReasoningPerMillion, Reasoning = reasoning ?? price.Reasoning }))
            .Rate(call).Cost;

    private static UsageRecord Call(long input, long output, long cached = 0) => new("r1", "acc", "key", "gpt-x", input, output, March + Duration.FromHours(1), cached);

    private static Money M(decimal amount) => new(amount, Usd);
}
