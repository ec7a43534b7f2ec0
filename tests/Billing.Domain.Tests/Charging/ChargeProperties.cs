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

    // Quantities with up to three decimals, up to 100,000: zero, each tier boundary and a thousandth either side of it
    // (where the graduated price enters a tier with a flat fee and the volume price switches tier), and any quantity
    // in each tier, each often. They shrink toward zero.
    private static readonly int[] Boundaries = [.. Tiers.Where(t => t.UpTo is not null).SelectMany(t => new[] { -1, 0, 1 }.Select(d => (int)(t.UpTo!.Value * 1000) + d))];

    private static Arbitrary<decimal> Quantities =>
        Arb.From(
            Gen.Frequency(
                (1, Gen.Constant(0)),
                (2, Gen.Elements(Boundaries)),
                (2, Gen.Choose(1, 100_000)),
                (2, Gen.Choose(100_001, 10_000_000)),
                (2, Gen.Choose(10_000_001, 100_000_000))),
            ShrinkTowardZero).Convert(thousandths => thousandths / 1000m, quantity => (int)(quantity * 1000));

    // Prices with up to four decimals, up to 1,000 USD: zero, under a cent, a few dollars and hundreds, each often.
    private static Arbitrary<decimal> Prices =>
        Arb.From(
            Gen.Frequency(
                (1, Gen.Constant(0)),
                (2, Gen.Choose(1, 100)),
                (3, Gen.Choose(101, 100_000)),
                (2, Gen.Choose(100_001, 10_000_000))),
            ShrinkTowardZero).Convert(tenThousandths => tenThousandths / 10_000m, price => (int)(price * 10_000));

    // Two rates, inclusive or exclusive, per line or per document, in a currency of each size of minor unit: 2 (USD),
    // 0 (JPY) or 3 (KWD).
    private static Arbitrary<(decimal Percent1, decimal Percent2, bool Inclusive, bool PerDocument, Currency Currency)> TaxSetups =>
        Arb.From(
            from p1 in Gen.Choose(0, 3000)
            from p2 in Gen.Choose(0, 1500)
            from inclusive in Gen.Elements(true, false)
            from perDocument in Gen.Elements(true, false)
            from currency in Gen.Elements(Usd, Currency.FromCode("JPY"), Currency.FromCode("KWD"))
            select (p1 / 100m, p2 / 100m, inclusive, perDocument, currency));

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
            var currency = setup.Currency;
            var engine = new ChargeEngine(setup.PerDocument ? ChargePolicy.En16931 : ChargePolicy.PerLine);
            var spec = ChargeSpec.For("x", quantity, new PerUnitPrice(new Money(price, currency))) with
            {
                Taxes = [new TaxRate("A", setup.Percent1), new TaxRate("B", setup.Percent2)],
                TaxMode = setup.Inclusive ? TaxMode.Inclusive : TaxMode.Exclusive,
                Discounts = [Discount.Percent(setup.Percent2)],
            };
            var line = engine.Calculate(spec);
            return line.Net + line.Taxes == line.Amount
                && Money.Sum(line.TaxAmounts.Select(t => t.Amount), currency) == line.Taxes
                && line.Net.IsInMinorUnits && line.Taxes.IsInMinorUnits
                && (!setup.Inclusive || line.Amount == line.Explanation.RoundedNet)
                && line.Discount + line.Explanation.RoundedNet == new Money(quantity * price, currency).Round(RoundingPolicy.Commercial);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Document_PerDocumentTaxIsTheRoundedTaxOfTheSummedNets_SharedBackExactly() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 1_000_000)).Where(a => a.Length is > 0 and <= 30)), TaxSetups, (units, setup) =>
        {
            var currency = setup.Currency;
            var rate = new TaxRate("VAT", setup.Percent1);
            var specs = units.Select((u, i) => ChargeSpec.For($"line {i}", 1m, new PerUnitPrice(new Money(u * currency.MinorUnit, currency))) with { Taxes = [rate] }).ToList();
            var document = new ChargeEngine(ChargePolicy.En16931).CalculateDocument(specs);
            var expectedTax = new Money(document.Net.Amount * rate.Percent / 100m, currency).Round(RoundingPolicy.Commercial);
            return document.Taxes == expectedTax
                && Money.Sum(document.Lines.Select(l => l.Taxes), currency) == expectedTax
                && document.Lines.All(l => Math.Abs(l.Taxes.Amount - (l.Net.Amount * rate.Percent / 100m)) < 2 * currency.MinorUnit)
                && document.Net + document.Taxes == document.Total
                && Money.Sum(document.Lines.Select(l => l.Amount), currency) == document.Total;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property FullPeriodProration_ChargesTheFullPrice() =>
        Prop.ForAll(Billing.Domain.Testing.BillingArbitraries.AnyBillingPeriod(), Prices, (period, price) =>
        {
            var spec = ChargeSpec.For("plan", 1m, new RecurringFee(new Money(price, Usd))).ProratedOver(period, period, Billing.Domain.Periods.ProrationMethod.Months);
            return new ChargeEngine(ChargePolicy.PerLine).Calculate(spec).Net == new Money(price, Usd).Round(RoundingPolicy.Commercial);
        });

    [Fact]
    public void Quantities_ReachEveryTierAndEveryBoundaryOfTheGraduatedAndVolumePrices()
    {
        var sample = Quantities.Generator.Sample(2_000, 100);
        var volume = new VolumePrice(Tiers);

        Assert.Contains(0m, sample);
        Assert.All(Boundaries, boundary => Assert.Contains(boundary / 1000m, sample));
        Assert.All(Enumerable.Range(1, Tiers.Length), tier => Assert.Contains(sample, q => volume.PriceWithTiers(q).Tiers.SingleOrDefault()?.Tier == tier));
        Assert.Contains(sample, q => new GraduatedPrice(Tiers).PriceWithTiers(q).Tiers.Count == Tiers.Length);
    }

    [Fact]
    public void Prices_ReachZeroFractionsOfACentAndLargePrices()
    {
        var sample = Prices.Generator.Sample(2_000, 100);

        Assert.Contains(0m, sample);
        Assert.Contains(sample, p => p is > 0m and < 0.01m);
        Assert.Contains(sample, p => p > 100m);
    }

    private static IEnumerable<int> ShrinkTowardZero(int value)
    {
        for (var step = value; step != 0; step /= 2)
        {
            yield return value - step;
        }
    }
}
