using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Pricing;

/// <summary>Lago's graduated percentage model, per transaction against the period's running total.</summary>
public class GraduatedPercentagePriceTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    // Lago's documentation, "Graduated percentage": 0-1,000 at 1 % + $200, 1,001-10,000 at 2 % + $300, above at 3 % + $400.
    private static readonly GraduatedPercentagePrice LagoDocs = new([new(1_000m, 1m, M(200m)), new(10_000m, 2m, M(300m)), new(null, 3m, M(400m))]);

    [Fact]
    public void Charges_AreLagosDocumentedExample()
    {
        var charges = LagoDocs.Charges([M(500m), M(550m), M(4_000m)]);

        Assert.Equal([M(205m), M(306m), M(80m)], charges);   // 500 × 1 % + 200; 500 × 1 % + 50 × 2 % + 300; 4,000 × 2 %
    }

    [Fact]
    public void Charges_OfATransactionCrossingEveryTier_ChargeEachFlatFeeOnce() =>
        Assert.Equal(
            [M((1_000m * 0.01m) + (9_000m * 0.02m) + (1_000m * 0.03m) + 900m), M(30m)],
            LagoDocs.Charges([M(11_000m), M(1_000m)]));

    [Fact]
    public void BadTiersAndTransactions_AreRefused()
    {
        Assert.Throws<ArgumentException>("tiers", () => new GraduatedPercentagePrice([]));
        Assert.Throws<ArgumentException>("tiers", () => new GraduatedPercentagePrice([new(10m, 1m, M(0m))]));
        Assert.Throws<ArgumentException>("tiers", () => new GraduatedPercentagePrice([new(10m, 1m, M(0m)), new(5m, 1m, M(0m)), new(null, 1m, M(0m))]));
        Assert.Throws<ArgumentException>("tiers", () => new GraduatedPercentagePrice([new(10m, 1m, M(0m)), new(null, 1m, new Money(0m, Currency.FromCode("EUR")))]));
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => new PercentageTier(null, 101m, M(0m)));
        Assert.Throws<ArgumentOutOfRangeException>("upTo", () => new PercentageTier(0m, 1m, M(0m)));
        Assert.Throws<ArgumentException>("transactions", () => LagoDocs.Charges([M(-1m)]));
    }

    // Splitting a period's volume into transactions moves what each pays, never the total: the rates apply to the
    // running total's tiers, and each tier's flat fee is charged once.
    [Property(MaxTest = Laws.Cases)]
    public Property Charges_SumToTheChargeOfTheWholeAsOneTransaction() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, 2_000_000).Select(c => M(c / 100m)).ArrayOf().Where(a => a.Length is > 0 and <= 20)),
            transactions =>
            {
                var whole = LagoDocs.Charges([M(transactions.Sum(t => t.Amount))]).Single();
                return Money.Sum(LagoDocs.Charges(transactions), Usd) == whole;
            });

    private static Money M(decimal amount) => new(amount, Usd);
}
