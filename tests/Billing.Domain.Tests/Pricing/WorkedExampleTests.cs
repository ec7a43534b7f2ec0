using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Pricing;

/// <summary>Worked examples from public pricing documentation, with the exact amounts the sources state.</summary>
public class WorkedExampleTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    private static Money M(decimal amount) => new(amount, Usd);

    // Zuplo, "Pricing models": tiers 0-1,000 at $0.10, 1,001-10,000 at $0.05, 10,001+ at $0.01.
    private static readonly PriceTier[] ZuploTiers = [new(1_000m, M(0.10m)), new(10_000m, M(0.05m)), new(null, M(0.01m))];

    [Fact]
    public void Graduated_Zuplo_15000UnitsCost600()
    {
        var (price, tiers) = new GraduatedPrice(ZuploTiers).PriceWithTiers(15_000m);

        Assert.Equal(M(600m), price);
        Assert.Equal([M(100m), M(450m), M(50m)], tiers.Select(t => t.Amount));
        Assert.Equal([1_000m, 9_000m, 5_000m], tiers.Select(t => t.Quantity));
    }

    [Fact]
    public void Volume_Zuplo_15000UnitsCost150() =>
        Assert.Equal(M(150m), new VolumePrice(ZuploTiers).Price(15_000m));

    [Fact]
    public void Graduated_Autumn_15000RequestsCost107()
    {
        // Autumn, "Graduated pricing": first 1,000 at $0.01, next 9,000 at $0.008, above 10,000 at $0.005.
        var price = new GraduatedPrice([new(1_000m, M(0.01m)), new(10_000m, M(0.008m)), new(null, M(0.005m))]);

        Assert.Equal(M(107m), price.Price(15_000m));
    }

    [Fact]
    public void Volume_Lago_65000CallsCost49()
    {
        // Lago, "Volume": up to 10,000 at $0.0010, 50,000 at $0.0008, 100,000 at $0.0006, then $0.0004; each tier $10 flat.
        var price = new VolumePrice(
        [
            new(10_000m, M(0.0010m), M(10m)), new(50_000m, M(0.0008m), M(10m)), new(100_000m, M(0.0006m), M(10m)), new(null, M(0.0004m), M(10m)),
        ]);

        Assert.Equal(M(49m), price.Price(65_000m));
    }

    [Fact]
    public void Package_Lago_201UnitsCost10()
    {
        // Lago, "Package": $5 per 100 units, the first 100 free.
        Assert.Equal(M(10m), new PackagePrice(M(5m), 100m, freeUnits: 100m).Price(201m));
    }

    [Theory]
    [InlineData(10, 1.25)]
    [InlineData(1_000_000, 1.25)]
    [InlineData(1_500_000, 2.50)]
    public void Package_Chargebee_TokensRoundUpToWholePackages(long tokens, decimal expected)
    {
        // Chargebee, "Package pricing": $1.25 per package of 1,000,000 tokens.
        Assert.Equal(M(expected), new PackagePrice(M(1.25m), 1_000_000m).Price(tokens));
    }

    [Fact]
    public void Percentage_LagoGraduatedPercentageFirstTier_500At1PercentIs5()
    {
        // Lago, "Graduated percentage", first transaction: $500 at 1 % is $5 (before the tier's flat fee).
        Assert.Equal(M(5m), new PercentagePrice(1m, Usd).Price(500m));
    }

    [Fact]
    public void Proration_SaasyKit_UpgradeHalfwayFrom10To20CostsAnExtra5()
    {
        // SaaSykit, "Proration": upgrading from 10 USD to 20 USD a month halfway through costs -5 + 10 = 5 USD.
        var april = BillingPeriod.OfMonth(new YearMonth(2026, 4));
        var secondHalf = new BillingPeriod(new LocalDate(2026, 4, 16), april.End);
        var factor = Proration.Factor(secondHalf, april, ProrationMethod.ActualDays);

        var credit = factor.Apply(M(10m), RoundingPolicy.Commercial);
        var charge = factor.Apply(M(20m), RoundingPolicy.Commercial);

        Assert.Equal(M(5m), charge - credit);
    }

    [Fact]
    public void Proration_Autumn_UpgradeHalfwayFrom20To50Charges15()
    {
        // Autumn, "Proration": a $20/month plan upgraded to $50/month halfway through is charged $15.
        var april = BillingPeriod.OfMonth(new YearMonth(2026, 4));
        var factor = Proration.Factor(new BillingPeriod(new LocalDate(2026, 4, 16), april.End), april, ProrationMethod.ActualDays);

        Assert.Equal(M(15m), factor.Apply(M(50m) - M(20m), RoundingPolicy.Commercial));
    }

    [Fact]
    public void InclusiveTax_Zuora_299At4PercentIsNet288AndTax011()
    {
        // Zuora, "Rounding rule for inclusive tax mode" (round the net): 2.99 with 4 % VAT is 2.88 net + 0.11 tax.
        var line = new ChargeEngine(ChargePolicy.PerLine).Calculate(
            ChargeSpec.For("Item", 1m, new PerUnitPrice(M(2.99m))) with { Taxes = [new TaxRate("VAT", 4m)], TaxMode = TaxMode.Inclusive });

        Assert.Equal(M(2.88m), line.Net);
        Assert.Equal(M(0.11m), line.Taxes);
        Assert.Equal(M(2.99m), line.Amount);
    }

    [Fact]
    public void En16931_TaxOnTheSumOfRoundedLineNets_DiffersFromPerLineRounding()
    {
        // EN 16931: round each line net (BT-131) to 2 decimals, sum per VAT rate (BT-116), then the rate's tax
        // (BT-117) = BT-116 × rate, rounded once. Three lines of 0.10 net at 25 %: 0.30 × 25 % = 0.075 -> 0.08,
        // where rounding 0.025 on each line gives 0.03 three times: 0.09.
        var vat = new TaxRate("VAT 25%", 25m);
        var specs = Enumerable.Range(1, 3).Select(i => ChargeSpec.For($"Line {i}", 1m, new PerUnitPrice(M(0.10m))) with { Taxes = [vat] }).ToList();

        var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument(specs);
        var perLine = new ChargeEngine(ChargePolicy.PerLine).CalculateDocument(specs);

        Assert.Equal([new TaxAmount(vat, M(0.30m), M(0.08m))], document.TaxSummary);
        Assert.Equal(M(0.38m), document.Total);
        Assert.Equal([M(0.03m), M(0.03m), M(0.02m)], document.Lines.Select(l => l.Taxes));
        Assert.Equal(M(0.09m), perLine.Taxes);
    }
}
