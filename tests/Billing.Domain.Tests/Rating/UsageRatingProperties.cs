using Billing.Domain.Periods;
using Billing.Domain.Rating;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Rating;

public class UsageRatingProperties
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly string[] Models = ["gpt-x", "mini", "embed"];

    private static readonly TokenPriceBook Book = Models.Aggregate(
        TokenPriceBook.Empty(Usd),
        (book, model) => book
            .With(new TokenPrice(model, model + "-v1", new Money(model.Length * 0.37m, Usd), new Money(model.Length * 1.1m, Usd), new Money(0.05m, Usd), Start, Start + Duration.FromDays(15)))
            .With(new TokenPrice(model, model + "-v2", new Money(model.Length * 0.29m, Usd), new Money(model.Length * 0.9m, Usd), new Money(0.04m, Usd), Start + Duration.FromDays(15))));

    private static Arbitrary<UsageRecord[]> Usage =>
        Arb.From(Gen.ArrayOf(
            from account in Gen.Choose(0, 4)
            from token in Gen.Choose(0, 2)
            from model in Gen.Elements(Models)
            from input in Gen.Choose(0, 2_000_000)
            from output in Gen.Choose(0, 500_000)
            from cached in Gen.Choose(0, 100_000)
            from minute in Gen.Choose(0, 60 * 24 * 30)
            select (account, token, model, input, output, cached, minute))
            .Select(calls => calls.Select((c, i) => new UsageRecord($"req-{i}", $"acc-{c.account}", $"key-{c.token}", c.model, c.input, c.output, Start + Duration.FromMinutes(c.minute), c.cached)).ToArray()));

    // One model priced with 7 decimals per million, which the scaled path cannot take: it falls back to decimals.
    private static readonly TokenPriceBook MixedBook = Book.With(
        new TokenPrice("odd", "odd-v1", new Money(0.1234567m, Usd), new Money(1.0000001m, Usd), new Money(0m, Usd), Start));

    private static Arbitrary<RoundingPolicy?> CostRoundings =>
        Arb.From(Gen.Elements<RoundingPolicy?>(
            null, RoundingPolicy.Commercial.WithScale(6), RoundingPolicy.Bankers.WithScale(8), new RoundingPolicy(RoundingMode.Ceiling, 2),
            new RoundingPolicy(RoundingMode.Floor, 9), RoundingPolicy.Commercial.WithScale(14)));

    /// <summary>
    /// Rating and rolling up in one pass gives exactly the rows of rating each call and rolling the records up, on both of
    /// its ways: the columnar path (every price scaled, one version per model: calls within the first version, no odd
    /// price) and the table it falls back to (an odd price, or calls across a price change), in zones ahead of and behind UTC.
    /// </summary>
    [Property(MaxTest = Laws.Cases)]
    public Property RateAndRollUpDaily_EqualsRatingEachCallThenRollingUp() =>
        Prop.ForAll(Usage, Arb.From(from r in CostRoundings.Generator from o in Gen.Elements(true, false) from a in Gen.Elements(true, false) select (r, o, a)), (calls, ways) =>
        {
            var (rounding, odd, acrossVersions) = ways;
            var priced = calls
                .Select((c, i) => new UsageRecord(
                    c.RequestId, c.AccountId, c.TokenName, odd && i % 5 == 0 ? "odd" : c.Model, c.InputTokens, c.OutputTokens,
                    acrossVersions ? c.OccurredAt : Start + Duration.FromTicks((c.OccurredAt - Start).BclCompatibleTicks % Duration.FromDays(14).BclCompatibleTicks), c.CachedInputTokens))
                .ToList();
            var rater = new UsageRater(MixedBook, rounding);
            DateTimeZone[] zones = [DateTimeZoneProviders.Tzdb["Asia/Tokyo"], DateTimeZone.ForOffset(Offset.FromHours(-11)), DateTimeZoneProviders.Tzdb["Europe/Amsterdam"]];
            AccountTimeZone ZoneOf(string account) => new(zones[(account[^1] - '0') % zones.Length]);
            return rater.RateAndRollUpDaily(priced, ZoneOf).SequenceEqual(rater.RollUpDaily(priced.Select(rater.Rate), ZoneOf));
        });

    [Property(MaxTest = Laws.Cases)]
    public Property RatingTwice_GivesTheSameRecords() =>
        Prop.ForAll(Usage, calls =>
        {
            var rater = new UsageRater(Book, RoundingPolicy.Commercial.WithScale(8));
            return calls.Select(rater.Rate).SequenceEqual(calls.Select(new UsageRater(Book, RoundingPolicy.Commercial.WithScale(8)).Rate));
        });

    [Property(MaxTest = Laws.Cases)]
    public Property RollUp_KeepsEveryCallTokenAndCent() =>
        Prop.ForAll(Usage, calls =>
        {
            var rater = new UsageRater(Book);
            var consumption = calls.Select(rater.Rate).ToList();
            var rows = rater.RollUpDaily(consumption, _ => new AccountTimeZone(DateTimeZone.Utc));
            return rows.Sum(r => r.Calls) == calls.Length
                && rows.Sum(r => r.InputTokens) == calls.Sum(c => c.InputTokens)
                && rows.Sum(r => r.OutputTokens) == calls.Sum(c => c.OutputTokens)
                && rows.Sum(r => r.CachedInputTokens) == calls.Sum(c => c.CachedInputTokens)
                && Money.Sum(rows.Select(r => r.Cost), Usd) == Money.Sum(consumption.Select(c => c.Cost), Usd)
                && rows.Select(r => (r.AccountId, r.Day, r.Model, r.TokenName)).Distinct().Count() == rows.Count;
        });

    /// <summary>
    /// The roll-up is the plain definition, computed independently with LINQ: one row per account, billing day in the
    /// account's zone, model and token name, in ordinal order, with exact sums. The zones reach both ways of finding the
    /// day (a fixed offset, ahead of and behind UTC, and zones with daylight saving), and the instants reach before
    /// 1970 and across day boundaries.
    /// </summary>
    [Property(MaxTest = Laws.Cases)]
    public Property RollUp_IsTheDefinition_InEveryZone() =>
        Prop.ForAll(Usage, Gen.Choose(-80_000, 80_000).ArrayOf().ToArbitrary(), (calls, shifts) =>
        {
            DateTimeZone[] zones =
            [
                DateTimeZone.Utc, DateTimeZone.ForOffset(Offset.FromHoursAndMinutes(5, 30)), DateTimeZone.ForOffset(Offset.FromHours(-11)),
                DateTimeZoneProviders.Tzdb["Europe/Amsterdam"], DateTimeZoneProviders.Tzdb["America/St_Johns"],
            ];
            AccountTimeZone ZoneOf(string account) => new(zones[int.Parse(account[4..], System.Globalization.CultureInfo.InvariantCulture) % zones.Length]);
            var rater = new UsageRater(Book);
            var consumption = calls
                .Select((c, i) => (Rated: rater.Rate(c), Days: shifts.Length == 0 ? 0 : shifts[i % shifts.Length]))
                .Select(x => new ConsumptionRecord(
                    new UsageRecord(x.Rated.RequestId, x.Rated.AccountId, x.Rated.Usage.TokenName, x.Rated.Usage.Model, x.Rated.Usage.InputTokens, x.Rated.Usage.OutputTokens,
                        x.Rated.OccurredAt + Duration.FromDays(x.Days), x.Rated.Usage.CachedInputTokens),
                    x.Rated.Cost,
                    x.Rated.PriceVersion))
                .ToList();

            var expected = consumption
                .GroupBy(c => (c.AccountId, Day: ZoneOf(c.AccountId).BillingDayOf(c.OccurredAt), c.Usage.Model, c.Usage.TokenName))
                .OrderBy(g => g.Key.AccountId, StringComparer.Ordinal).ThenBy(g => g.Key.Day).ThenBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.TokenName, StringComparer.Ordinal)
                .Select(g => new DailyUsage(
                    g.Key.AccountId, g.Key.Day, g.Key.Model, g.Key.TokenName, g.Count(), g.Sum(c => c.Usage.InputTokens), g.Sum(c => c.Usage.OutputTokens),
                    g.Sum(c => c.Usage.CachedInputTokens), Money.Sum(g.Select(c => c.Cost), Usd)));
            return rater.RollUpDaily(consumption, ZoneOf).SequenceEqual(expected);
        });
}
