using Billing.Domain.Charging;
using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Charging;

public class ChargeProperties
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    private static readonly PriceTier[] Tiers =
    [
        new(100m, new Money(0.50m, Usd), new Money(2m, Usd)),
        new(1_000m, new Money(0.40m, Usd)),
        new(10_000m, new Money(0.25m, Usd), new Money(1m, Usd)),
        new(null, new Money(0.10m, Usd)),
    ];

    // Quantities with up to three decimals, up to 100,000.
    private static Arbitrary<decimal> Quantities =>
        ArbMap.Default.ArbFor<int>().Convert(i => Math.Abs(i % 100_000_000) / 1000m, q => (int)(q * 1000));

    private static Arbitrary<decimal> Prices =>
        ArbMap.Default.ArbFor<int>().Convert(i => Math.Abs(i % 10_000_000) / 10_000m, p => (int)(p * 10_000));

    private static Arbitrary<(decimal Percent1, decimal Percent2, bool Inclusive, bool PerDocument)> TaxSetups =>
        Arb.From(
            from p1 in Gen.Choose(0, 3000)
            from p2 in Gen.Choose(0, 1500)
            from inclusive in Gen.Elements(true, false)
            from perDocument in Gen.Elements(true, false)
            select (p1 / 100m, p2 / 100m, inclusive, perDocument));

    [Property(MaxTest = Laws.Cases)]
    public Property Graduated_TierAmountsSumToThePrice() =>
        Prop.ForAll(Quantities, quantity =>
        {
            var (price, tiers) = new GraduatedPrice(Tiers).PriceWithTiers(quantity);
            return Money.Sum(tiers.Select(t => t.Amount), Usd) == price
                && tiers.Sum(t => t.Quantity) == quantity;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Volume_PriceIsMonotoneWithinATier_AndTheTierNeverGoesBack() =>
        Prop.ForAll(Quantities, Quantities, (a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            var volume = new VolumePrice(Tiers);
            var lowTier = volume.PriceWithTiers(low).Tiers.SingleOrDefault()?.Tier ?? 0;
            var highTier = volume.PriceWithTiers(high).Tiers.SingleOrDefault()?.Tier ?? 0;
            return lowTier <= highTier && (lowTier != highTier || volume.Price(low) <= volume.Price(high));
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Graduated_PriceIsMonotone() =>
        Prop.ForAll(Quantities, Quantities, (a, b) =>
            (a <= b) == (new GraduatedPrice(Tiers).Price(a) <= new GraduatedPrice(Tiers).Price(b)) || a == b || new GraduatedPrice(Tiers).Price(a) == new GraduatedPrice(Tiers).Price(b));

    [Property(MaxTest = Laws.Cases)]
    public Property Line_NetPlusTaxesIsTheAmount_InclusiveAndExclusive() =>
        Prop.ForAll(Quantities, Prices, TaxSetups, (quantity, price, setup) =>
        {
            var engine = new ChargeEngine(setup.PerDocument ? ChargePolicy.En16931 : ChargePolicy.PerLine);
            var spec = ChargeSpec.For("x", quantity, new PerUnitPrice(new Money(price, Usd))) with
            {
                Taxes = [new TaxRate("A", setup.Percent1), new TaxRate("B", setup.Percent2)],
                TaxMode = setup.Inclusive ? TaxMode.Inclusive : TaxMode.Exclusive,
                Discounts = [Discount.Percent(setup.Percent2)],
            };
            var line = engine.Calculate(spec);
            return line.Net + line.Taxes == line.Amount
                && Money.Sum(line.TaxAmounts.Select(t => t.Amount), Usd) == line.Taxes
                && line.Net.IsInMinorUnits && line.Taxes.IsInMinorUnits
                && (!setup.Inclusive || line.Amount == line.Explanation.RoundedNet)
                && line.Discount + line.Explanation.RoundedNet == new Money(quantity * price, Usd).Round(RoundingPolicy.Commercial);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Document_PerDocumentTaxIsTheRoundedTaxOfTheSummedNets_SharedBackExactly() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 1_000_000)).Where(a => a.Length is > 0 and <= 30)), TaxSetups, (cents, setup) =>
        {
            var rate = new TaxRate("VAT", setup.Percent1);
            var specs = cents.Select((c, i) => ChargeSpec.For($"line {i}", 1m, new PerUnitPrice(new Money(c / 100m, Usd))) with { Taxes = [rate] }).ToList();
            var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument(specs);
            var expectedTax = new Money(document.Net.Amount * rate.Percent / 100m, Usd).Round(RoundingPolicy.Commercial);
            return document.Taxes == expectedTax
                && Money.Sum(document.Lines.Select(l => l.Taxes), Usd) == expectedTax
                && document.Lines.All(l => Math.Abs(l.Taxes.Amount - (l.Net.Amount * rate.Percent / 100m)) < 1m)
                && document.Net + document.Taxes == document.Total
                && Money.Sum(document.Lines.Select(l => l.Amount), Usd) == document.Total;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property FullPeriodProration_ChargesTheFullPrice() =>
        Prop.ForAll(Billing.Domain.Testing.BillingArbitraries.AnyBillingPeriod(), Prices, (period, price) =>
        {
            var spec = ChargeSpec.For("plan", 1m, new RecurringFee(new Money(price, Usd))).ProratedOver(period, period, Billing.Domain.Periods.ProrationMethod.Months);
            return new ChargeEngine(ChargePolicy.PerLine).Calculate(spec).Net == new Money(price, Usd).Round(RoundingPolicy.Commercial);
        });
}
