using Billing.Domain.Charging;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Charging;

// The small types a charge is described with: each refuses what it cannot mean, naming the argument.
public class ChargeArgumentTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    private static Money M(decimal amount) => new(amount, Usd);

    [Fact]
    public void TaxRate_NeedsANameAndAPercentFrom0To100()
    {
        Assert.Throws<ArgumentNullException>("name", () => new TaxRate(null!, 21m));
        Assert.Contains("name", Assert.Throws<ArgumentException>("name", () => new TaxRate(" ", 21m)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => new TaxRate("VAT", -0.01m));
        Assert.Equal((0m, 100m), (new TaxRate("Exempt", 0m).Percent, new TaxRate("All", 100m).Percent));
    }

    [Fact]
    public void ChargePolicy_RefusesAnUnknownTaxRounding()
    {
        Assert.Throws<ArgumentOutOfRangeException>("TaxRounding", () => new ChargePolicy(RoundingPolicy.Commercial, (TaxRounding)7));
        Assert.Equal(TaxRounding.PerDocument, ChargePolicy.En16931.TaxRounding);
    }

    [Fact]
    public void Discounts_RefuseNegativeAmountsAndPercentsOutside0To100()
    {
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => Discount.Fixed(M(-0.01m)));
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => Discount.Percent(100.01m));
        Assert.Equal("100 %", Discount.Percent(100m).ToString());
        Assert.Equal("0.00 USD", Discount.Fixed(M(0m)).ToString());
    }

    [Fact]
    public void ChargeSpec_TakesQuantitiesUpToTheMaximum_WithThreeDecimals()
    {
        var component = new PerUnitPrice(M(1m));

        Assert.Equal(PriceComponent.MaxQuantity, ChargeSpec.For("x", PriceComponent.MaxQuantity, component).Quantity);
        Assert.Equal(0.001m, ChargeSpec.For("x", 0.001m, component).Quantity);
        Assert.Throws<ArgumentOutOfRangeException>("Quantity", () => ChargeSpec.For("x", PriceComponent.MaxQuantity + 0.001m, component));
        Assert.Contains("1.0001", Assert.Throws<ArgumentException>("Quantity", () => ChargeSpec.For("x", 1.0001m, component)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChargeSpec_MinimumAndDiscounts_AreCheckedAgainstTheLinesCurrency()
    {
        var engine = new ChargeEngine(ChargePolicy.PerLine);
        var spec = ChargeSpec.For("x", 1m, new PerUnitPrice(M(1m)));
        var eur = new Money(1m, Currency.FromCode("EUR"));

        Assert.Throws<ArgumentOutOfRangeException>("spec", () => engine.Calculate(spec with { Minimum = M(-1m) }));
        Assert.Contains("EUR", Assert.Throws<ArgumentException>("spec", () => engine.Calculate(spec with { Minimum = eur })).Message, StringComparison.Ordinal);
        Assert.Contains("USD", Assert.Throws<ArgumentException>("spec", () => engine.Calculate(spec with { Discounts = [Discount.Percent(5m), Discount.Fixed(eur)] })).Message, StringComparison.Ordinal);
    }
}
