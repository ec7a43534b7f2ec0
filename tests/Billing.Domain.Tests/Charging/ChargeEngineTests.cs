using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Charging;

public class ChargeEngineTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly TaxRate Vat21 = new("VAT 21%", 21m);
    private static readonly ChargeEngine Engine = new(ChargePolicy.PerLine);

    private static Money M(decimal amount) => new(amount, Usd);

    [Fact]
    public void Calculate_PerUnitWithDiscountAndTax_FillsEveryColumnOfTheChargesTable()
    {
        var spec = ChargeSpec.For("Seats", 3m, new PerUnitPrice(M(19.99m))) with
        {
            Discounts = [Discount.Percent(10m)],
            Taxes = [Vat21],
            DurationMonths = 1m,
        };

        var line = Engine.Calculate(spec, number: 4);

        Assert.Equal(4, line.Number);
        Assert.Equal("Seats", line.Description);
        Assert.Equal(3m, line.Quantity);
        Assert.Equal(1m, line.DurationMonths);
        Assert.Equal(M(19.99m), line.UnitPrice);
        Assert.Equal(M(6.00m), line.Discount);   // 59.97 - 53.97 (53.973 rounded)
        Assert.Equal(M(53.97m), line.Net);
        Assert.Equal(M(11.33m), line.Taxes);     // 53.97 x 21 % = 11.3337
        Assert.Equal(M(65.30m), line.Amount);
        Assert.Equal([new TaxAmount(Vat21, M(53.97m), M(11.33m))], line.TaxAmounts);
    }

    [Fact]
    public void Discounts_ApplyInTheOrderListed()
    {
        var percentFirst = ChargeSpec.For("x", 1m, new PerUnitPrice(M(100m))) with { Discounts = [Discount.Percent(10m), Discount.Fixed(M(10m))] };
        var fixedFirst = percentFirst with { Discounts = [Discount.Fixed(M(10m)), Discount.Percent(10m)] };

        Assert.Equal(M(80m), Engine.Calculate(percentFirst).Net);
        Assert.Equal(M(81m), Engine.Calculate(fixedFirst).Net);
    }

    [Fact]
    public void Discounts_NeverTakeALineBelowZero()
    {
        var line = Engine.Calculate(ChargeSpec.For("x", 1m, new PerUnitPrice(M(50m))) with { Discounts = [Discount.Fixed(M(80m)), Discount.Fixed(M(5m))], Taxes = [Vat21] });

        Assert.Equal(M(0m), line.Net);
        Assert.Equal(M(50m), line.Discount);
        Assert.Equal(M(0m), line.Amount);
        Assert.Equal([M(50m), M(0m)], line.Explanation.Discounts.Select(d => d.Amount));
    }

    [Fact]
    public void Minimum_RaisesALowerPriceBeforeDiscounts()
    {
        var line = Engine.Calculate(ChargeSpec.For("API", 30m, new PerUnitPrice(M(0.10m))) with { Minimum = M(5m), Discounts = [Discount.Percent(20m)] });

        Assert.True(line.Explanation.MinimumApplied);
        Assert.Equal(M(4m), line.Net);
    }

    [Fact]
    public void Minimum_BelowThePrice_DoesNothing() =>
        Assert.False(Engine.Calculate(ChargeSpec.For("API", 100m, new PerUnitPrice(M(0.10m))) with { Minimum = M(5m) }).Explanation.MinimumApplied);

    [Fact]
    public void ProratedOver_ChargesTheCoveredShareAndShowsItsDuration()
    {
        var january = BillingPeriod.OfMonth(new YearMonth(2026, 1));
        var covered = new BillingPeriod(new LocalDate(2026, 1, 11), january.End);

        var line = Engine.Calculate(ChargeSpec.For("Plan", 1m, new RecurringFee(M(30m))).ProratedOver(covered, january, ProrationMethod.ActualDays));

        Assert.Equal(M(20.32m), line.Net);
        Assert.Equal(0.677m, line.DurationMonths);
        Assert.Equal(new ProrationFactor(21, 31), line.Explanation.Proration);
    }

    [Fact]
    public void RecurringFee_YearlyPriceForOneMonth_IsATwelfth()
    {
        var january = BillingPeriod.OfMonth(new YearMonth(2026, 1));
        var year = new BillingPeriod(january.Start, new LocalDate(2027, 1, 1));

        var line = Engine.Calculate(ChargeSpec.For("Support", 1m, new RecurringFee(M(120m), periodMonths: 12)).ProratedOver(january, year, ProrationMethod.Months));

        Assert.Equal(M(10m), line.Net);
    }

    [Fact]
    public void PayAsYouGoExternal_ShowsNoDurationAndNoUnitPrice()
    {
        var line = Engine.Calculate(ChargeSpec.For("Tokens", 1234.5m, new PerUnitPrice(M(0.002m))) with { DurationMonths = 1m, IsPayAsYouGoExternal = true });

        Assert.Null(line.DurationMonths);
        Assert.Null(line.UnitPrice);
        Assert.Equal(M(2.47m), line.Net);
    }

    [Fact]
    public void TieredPrice_HasNoSingleUnitPrice() =>
        Assert.Null(Engine.Calculate(ChargeSpec.For("x", 5m, new GraduatedPrice([new(null, M(1m))]))).UnitPrice);

    [Fact]
    public void ExclusiveTaxes_SeveralRatesEachOnTheNet()
    {
        var line = Engine.Calculate(ChargeSpec.For("x", 1m, new PerUnitPrice(M(100m))) with { Taxes = [new TaxRate("State", 10m), new TaxRate("City", 5m)] });

        Assert.Equal([M(10m), M(5m)], line.TaxAmounts.Select(t => t.Amount));
        Assert.Equal(M(115m), line.Amount);
    }

    [Fact]
    public void InclusiveTaxes_SeveralRates_SplitTheTaxByTheirRatesAndAddUpToTheGross()
    {
        var line = Engine.Calculate(ChargeSpec.For("x", 1m, new PerUnitPrice(M(100m))) with
        {
            Taxes = [new TaxRate("State", 10m), new TaxRate("City", 5m)],
            TaxMode = TaxMode.Inclusive,
        });

        Assert.Equal(M(86.96m), line.Net);                                         // 100 / 1.15 = 86.9565...
        Assert.Equal([M(8.69m), M(4.35m)], line.TaxAmounts.Select(t => t.Amount));  // 13.04 by 10 : 5, the extra cent to the larger remainder
        Assert.Equal(M(100m), line.Amount);
    }

    [Fact]
    public void InclusiveTax_OneRate_NetAndTaxAreExact()
    {
        var line = Engine.Calculate(ChargeSpec.For("x", 1m, new PerUnitPrice(M(121m))) with { Taxes = [Vat21], TaxMode = TaxMode.Inclusive });

        Assert.Equal((M(100m), M(21m), M(121m)), (line.Net, line.Taxes, line.Amount));
        Assert.Equal([new TaxAmount(Vat21, M(100m), M(21m))], line.TaxAmounts);
    }

    [Fact]
    public void InclusiveTax_ZeroRate_TheWholeGrossIsNet_WithAZeroTaxShown()
    {
        var zero = new TaxRate("Exempt", 0m);

        var line = Engine.Calculate(ChargeSpec.For("x", 1m, new PerUnitPrice(M(99.99m))) with { Taxes = [zero], TaxMode = TaxMode.Inclusive });

        Assert.Equal((M(99.99m), M(0m), M(99.99m)), (line.Net, line.Taxes, line.Amount));
        Assert.Equal([new TaxAmount(zero, M(99.99m), M(0m))], line.TaxAmounts);
        Assert.Equal(M(0m), line.Explanation.Taxes[0].Unrounded);
    }

    [Fact]
    public void PerDocumentTax_KeepsEachLinesRatesInTheOrderItsSpecLists()
    {
        var state = new TaxRate("State", 10m);
        var city = new TaxRate("City", 5m);

        var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument(
        [
            ChargeSpec.For("a", 1m, new PerUnitPrice(M(10m))) with { Taxes = [state] },
            ChargeSpec.For("b", 1m, new PerUnitPrice(M(100m))) with { Taxes = [city, state] },
        ]);

        Assert.Equal([city, state], document.Lines[1].TaxAmounts.Select(t => t.Rate));
        Assert.Equal([M(5m), M(10m)], document.Lines[1].TaxAmounts.Select(t => t.Amount));
        Assert.Equal([city, state], document.Lines[1].Explanation.Taxes.Select(t => t.Rate));
    }

    [Fact]
    public void InclusiveWithoutTaxes_NetIsTheGross() =>
        Assert.Equal(M(9.99m), Engine.Calculate(ChargeSpec.For("x", 1m, new PerUnitPrice(M(9.99m))) with { TaxMode = TaxMode.Inclusive }).Net);

    [Fact]
    public void Policy_ScaleAndMode_AreApplied()
    {
        var engine = new ChargeEngine(new ChargePolicy(new RoundingPolicy(RoundingMode.Floor, 4), TaxRounding.PerLine));

        Assert.Equal(M(0.4166m), engine.Calculate(ChargeSpec.For("calls", 3333m, new PerUnitPrice(M(0.000125m)))).Net);
    }

    [Fact]
    public void CalculateDocument_NumbersLinesAndTotals()
    {
        var document = Engine.CalculateDocument(
        [
            ChargeSpec.For("A", 1m, new PerUnitPrice(M(10m))) with { Taxes = [Vat21] },
            ChargeSpec.For("B", 2m, new PerUnitPrice(M(5m))) with { Taxes = [Vat21, new TaxRate("Levy", 1m)] },
        ]);

        Assert.Equal([1, 2], document.Lines.Select(l => l.Number));
        Assert.Equal(M(20m), document.Net);
        Assert.Equal(M(4.30m), document.Taxes);
        Assert.Equal(M(24.30m), document.Total);
        Assert.Equal([new TaxAmount(Vat21, M(20m), M(4.20m)), new TaxAmount(new TaxRate("Levy", 1m), M(10m), M(0.10m))], document.TaxSummary);
    }

    [Fact]
    public void CalculateDocument_BadInput_ThrowsArgument()
    {
        var eur = new Money(1m, Currency.FromCode("EUR"));

        Assert.Throws<ArgumentException>("specs", () => Engine.CalculateDocument([]));
        Assert.Throws<ArgumentException>("specs", () => Engine.CalculateDocument([ChargeSpec.For("a", 1m, new PerUnitPrice(M(1m))), ChargeSpec.For("b", 1m, new PerUnitPrice(eur))]));
        Assert.Throws<ArgumentException>("spec", () => Engine.Calculate(ChargeSpec.For("a", 1m, new PerUnitPrice(M(1m))) with { Minimum = eur }));
        Assert.Throws<ArgumentException>("spec", () => Engine.Calculate(ChargeSpec.For("a", 1m, new PerUnitPrice(M(1m))) with { Discounts = [Discount.Fixed(eur)] }));
        Assert.Throws<ArgumentNullException>("specs", () => Engine.CalculateDocument(null!));
    }

    [Fact]
    public void ChargeSpec_BadQuantity_ThrowsArgument()
    {
        Assert.Throws<ArgumentException>("Quantity", () => ChargeSpec.For("a", 1.2345m, new PerUnitPrice(M(1m))));
        Assert.Throws<NegativeQuantityException>(() => ChargeSpec.For("a", -1m, new PerUnitPrice(M(1m))));   // a meter's data, refused by the price's policy
        Assert.Throws<ArgumentOutOfRangeException>("Quantity", () => ChargeSpec.For("a", 1m, new PerUnitPrice(M(1m))) with { Quantity = -1m });
    }

    [Fact]
    public void Explanation_DescribesEveryStep()
    {
        var spec = ChargeSpec.For("Calls", 15_000m, new GraduatedPrice([new(1_000m, M(0.10m)), new(10_000m, M(0.05m)), new(null, M(0.01m))])) with
        {
            Discounts = [Discount.Percent(5m)],
            Taxes = [Vat21],
        };

        var explanation = Engine.Calculate(spec).Explanation;

        Assert.Equal("graduated tiers", explanation.Component);
        Assert.Equal(3, explanation.Tiers.Count);
        Assert.Equal(M(600m), explanation.Price);
        Assert.Equal(M(570m), explanation.RoundedNet);
        Assert.Equal(M(0m), explanation.RoundingResidue);
        Assert.Equal(M(119.70m), explanation.Taxes[0].Rounded);
        var text = explanation.ToString();
        Assert.Contains("tier 2: 9000 x 0.05 USD + flat 0.00 USD = 450.00 USD", text, StringComparison.Ordinal);
        Assert.Contains("discount 5 % -> -30.00 USD", text, StringComparison.Ordinal);
        Assert.Contains("VAT 21% on 570.00 USD: 119.70 USD -> 119.70 USD (per line)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceComponents_RejectBadArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>("unitPrice", () => new PerUnitPrice(M(-1m)));
        Assert.Throws<ArgumentException>("tiers", () => new GraduatedPrice([]));
        Assert.Throws<ArgumentException>("tiers", () => new GraduatedPrice([new(10m, M(1m))]));
        Assert.Throws<ArgumentException>("tiers", () => new VolumePrice([new(10m, M(1m)), new(5m, M(1m)), new(null, M(1m))]));
        Assert.Throws<ArgumentException>("tiers", () => new VolumePrice([new(10m, M(1m)), new(null, new Money(1m, Currency.FromCode("EUR")))]));
        Assert.Throws<ArgumentOutOfRangeException>("upTo", () => new PriceTier(0m, M(1m)));
        Assert.Throws<ArgumentOutOfRangeException>("unitsPerPackage", () => new PackagePrice(M(1m), 0m));
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => new PercentagePrice(101m, Usd));
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => Discount.Percent(-1m));
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => new TaxRate("x", 100.5m));
        Assert.Equal(NegativeQuantityException.ErrorCode, Assert.Throws<NegativeQuantityException>(() => new PerUnitPrice(M(1m)).Price(-1m)).Code);
    }

    [Fact]
    public void Tiers_ZeroQuantity_CostsNothingAndFractionsSplitAtTheBound()
    {
        var tiers = new PriceTier[] { new(1_000m, M(0.10m), M(5m)), new(null, M(0.05m), M(7m)) };

        Assert.Equal(M(0m), new GraduatedPrice(tiers).Price(0m));
        Assert.Equal(M(0m), new VolumePrice(tiers).Price(0m));
        var (price, hit) = new GraduatedPrice(tiers).PriceWithTiers(1_000.5m);
        Assert.Equal([1_000m, 0.5m], hit.Select(t => t.Quantity));
        Assert.Equal(M(100m + 5m + 0.025m + 7m), price);
        Assert.Equal(M((1_000m * 0.10m) + 5m), new VolumePrice(tiers).Price(1_000m));     // on the bound: the tier it closes
        Assert.Equal(M((1_000.5m * 0.05m) + 7m), new VolumePrice(tiers).Price(1_000.5m));
    }

    [Fact]
    public void Explanation_ProratedMinimumAndInclusiveTaxes_WritesEveryStep()
    {
        var state = new TaxRate("State", 10m);
        var city = new TaxRate("City", 5m);
        var spec = ChargeSpec.For("Seats", 2m, new PerUnitPrice(M(10m))) with
        {
            Proration = new ProrationFactor(1, 4),
            Minimum = M(6m),
            Taxes = [state, city],
            TaxMode = TaxMode.Inclusive,
        };

        var explanation = Engine.Calculate(spec).Explanation;

        // 20.00 prorated to 5.00, raised to the 6.00 minimum; 6.00 / 1.15 = 5.217... -> 5.22 net, 0.78 tax by 10 : 5.
        Assert.Equal([M(0.52m), M(0.26m)], explanation.Taxes.Select(t => t.Unrounded));
        Assert.Equal([M(0m), M(0m)], explanation.Taxes.Select(t => t.Residue));
        Assert.Equal(
            "  per unit: quantity 2 -> 20.00 USD\n" +
            "  prorated by 1/4 -> 5.00 USD\n" +
            "  minimum 6.00 USD applies\n" +
            "  rounded 6.00 USD -> 6.00 USD (residue 0.00 USD)\n" +
            "  State included 5.22 USD: 0.52 USD -> 0.52 USD (per line)\n" +
            "  City included 5.22 USD: 0.26 USD -> 0.26 USD (per line)\n",
            explanation.ToString());
    }

    [Fact]
    public void Explanation_PerDocumentTax_ShowsEachLinesExactShare()
    {
        var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument(
        [
            ChargeSpec.For("a", 1m, new PerUnitPrice(M(0.05m))) with { Taxes = [Vat21] },
            ChargeSpec.For("b", 1m, new PerUnitPrice(M(0.05m))) with { Taxes = [Vat21] },
            ChargeSpec.For("c", 1m, new PerUnitPrice(M(1.21m))) with { Taxes = [Vat21], TaxMode = TaxMode.Inclusive },
        ]);

        // 0.10 x 21 % = 0.021 -> 0.02 for the document, shared 0.01 + 0.01; each line's exact share is 0.0105.
        var a = document.Lines[0].Explanation;
        Assert.Equal(M(0.0105m), a.Taxes[0].Unrounded);
        Assert.Equal(M(0.01m), a.Taxes[0].Rounded);
        Assert.Equal(M(-0.0005m), a.Taxes[0].Residue);
        Assert.Equal("  VAT 21% on 0.05 USD: 0.0105 USD -> 0.01 USD (per document)\n", a.ToString().Split('\n')[2] + "\n");
        Assert.Equal([M(0.21m)], document.Lines[2].TaxAmounts.Select(t => t.Amount));   // the inclusive line keeps its own tax alone
        Assert.EndsWith("(per line)\n", document.Lines[2].Explanation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_RoundingResidue_IsShown()
    {
        var explanation = Engine.Calculate(ChargeSpec.For("calls", 3m, new PerUnitPrice(M(0.333m)))).Explanation;

        Assert.Equal(M(0.001m), explanation.RoundingResidue);
        Assert.Contains("  rounded 0.999 USD -> 1.00 USD (residue 0.001 USD)\n", explanation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_ALineOfExactlyTheMaximum_IsCalculated_AndAbove_IsRefused()
    {
        var largest = ChargeSpec.For("x", 1_000_000_000m, new PerUnitPrice(M(Money.MaxAmount)));

        Assert.Equal(ChargeEngine.MaxLineAmount, Engine.Calculate(largest).Net.Amount);
        Assert.Equal(ChargeEngine.MaxLineAmount, Engine.Calculate(largest with { Proration = new ProrationFactor(2, 2) }).Net.Amount);
        Assert.Throws<ArgumentOutOfRangeException>("spec", () => Engine.Calculate(largest with { Quantity = 1_000_000_000.001m }));
        Assert.Contains("once prorated", Assert.Throws<ArgumentOutOfRangeException>("spec", () => Engine.Calculate(largest with { Proration = new ProrationFactor(3, 2) })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimum_EqualToThePrice_IsNotApplied()
    {
        var explanation = Engine.Calculate(ChargeSpec.For("x", 2m, new PerUnitPrice(M(3m))) with { Minimum = M(6m) }).Explanation;

        Assert.False(explanation.MinimumApplied);
        Assert.DoesNotContain("minimum", explanation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Calculate_BadArguments_NameTheParameter()
    {
        var spec = ChargeSpec.For("a", 1m, new PerUnitPrice(M(1m)));

        Assert.Throws<ArgumentNullException>("spec", () => Engine.Calculate(null!));
        Assert.Throws<ArgumentOutOfRangeException>("number", () => Engine.Calculate(spec, number: 0));
        Assert.Contains("at least one line", Assert.Throws<ArgumentException>("specs", () => Engine.CalculateDocument([])).Message, StringComparison.Ordinal);
        var mixed = Assert.Throws<ArgumentException>("specs", () => Engine.CalculateDocument([spec, spec, ChargeSpec.For("b", 1m, new PerUnitPrice(new Money(1m, Currency.FromCode("EUR"))))]));
        Assert.Contains("Line 3 is in EUR", mixed.Message, StringComparison.Ordinal);
    }
}
