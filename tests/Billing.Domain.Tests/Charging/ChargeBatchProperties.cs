using Billing.Domain.Charging;
using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Charging;

/// <summary>The batch's scaled-integer fast path and its decimal fallback equal the engine, to the minor unit.</summary>
public class ChargeBatchProperties
{
    private static readonly Currency[] Currencies = [Currency.FromCode("USD"), Currency.FromCode("JPY"), Currency.FromCode("KWD")];
    private static readonly Int128 MaxSubtotal = (Int128)1_000_000_000_000_000_000 * 1_000;   // 10^12 at scale 9

    private static Arbitrary<(int Currency, RoundingMode Mode, int? Scale, decimal TaxPercent)> Setups =>
        Arb.From(
            from currency in Gen.Choose(0, Currencies.Length - 1)
            from mode in Gen.Elements(Enum.GetValues<RoundingMode>())
            from scale in Gen.Elements<int?>(null, null, 0, 4, 8, 12)
            from taxUnits in Gen.Choose(0, 3_000_000)
            from taxScale in Gen.Elements(2, 4, 5)   // 5 decimals forces the fallback
            select (currency, mode, scale, Math.Min(100m, taxUnits / (decimal)Math.Pow(10, taxScale))));

    // Quantities and prices of every size and scale the fast path takes, and some it does not.
    private static Arbitrary<ChargeLineInput> Lines =>
        Arb.From(
            from quantityUnits in Gen.OneOf(Gen.Choose(0, 5_000), Gen.Choose(0, int.MaxValue))
            from quantityScale in Gen.Choose(0, 3)
            from priceUnits in Gen.OneOf(Gen.Choose(0, 100_000), Gen.Choose(0, int.MaxValue))
            from priceScale in Gen.Choose(0, 9)
            from priceMultiplier in Gen.Elements(1L, 1L, 1_000_000L)
            from discountUnits in Gen.Choose(0, 1_000_000)
            from discountScale in Gen.Elements(0, 2, 4, 5)
            select new ChargeLineInput(
                quantityUnits / Power(quantityScale),
                priceUnits * (decimal)priceMultiplier / Power(priceScale),
                Math.Min(100m, discountUnits / Power(discountScale))));

    // Scaled columns (quantity at 3 decimals, price at 6, discount at 4 of a percent) of every size the 64-bit loop
    // takes and some that need 128 bits, with quantity × price kept within the scaled API's 10^12.
    private static Arbitrary<(long Quantity, long Price, long Discount)> ScaledLines =>
        Arb.From(
            from quantity in Gen.OneOf(Gen.Choose(0, 100_000).Select(q => (long)q), Wide)
            from price in Gen.OneOf(Gen.Choose(0, 100_000_000).Select(p => (long)p), Wide)
            from discount in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 1_000_000))
            select (price == 0 ? quantity : quantity % ((long)(MaxSubtotal / price) + 1), price, (long)discount));

    // Up to 10^15 - 1: the largest quantity or price the scaled API reads.
    private static Gen<long> Wide =>
        from high in Gen.Choose(0, 999_999)
        from low in Gen.Choose(0, 999_999_999)
        select ((long)high * 1_000_000_000) + low;

    // One to four tiers (bounds with up to 3 decimals, some tiers wide enough for 128-bit prices; prices and flat
    // fees with up to 6 decimals, sometimes 7, which the scaled path refuses) and a discount for every line.
    private static Arbitrary<((decimal? UpTo, decimal Price, decimal Fee)[] Tiers, decimal DiscountPercent, ZeroQuantityPolicy Zero)> TierSets =>
        Arb.From(
            from count in Gen.Choose(1, 4)
            from steps in Gen.ArrayOf(Gen.OneOf(Gen.Choose(1, 2_000_000), Gen.Choose(1, int.MaxValue)), count)
            from prices in Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, 2_000_000), Gen.Choose(0, int.MaxValue)), count)
            from fees in Gen.ArrayOf(Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 100_000_000)), count)
            from priceScale in Gen.Elements(0, 2, 4, 6, 6, 7)
            from padding in Gen.Elements(1m, 1m, 1.00000000m)   // trailing zeros, as a NUMERIC(18, 8) column reads: the same values
            from discountUnits in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 1_000_000))
            from zero in Gen.Elements(ZeroQuantityPolicy.ChargesNothing, ZeroQuantityPolicy.ChargesFirstTierFlatFee)
            select (
                steps.Select((step, i) => (
                    UpTo: i == count - 1 ? (decimal?)null : steps.Take(i + 1).Sum(s => (decimal)s) / 1_000m,
                    Price: prices[i] / Power(priceScale) * padding,
                    Fee: fees[i] / Power(Math.Min(priceScale, 4)) * padding)).ToArray(),
                discountUnits / 10_000m,
                zero));

    // Zero often: what it costs is the tiers' zero-quantity policy.
    private static Arbitrary<decimal> Quantities =>
        Arb.From(from units in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 200_000), Gen.Choose(0, int.MaxValue)) from scale in Gen.Choose(0, 3) select units / Power(scale));

    [Property(MaxTest = 100_000)]
    public Property PerUnit_EqualsTheEngine_OverAHundredThousandLines() =>
        Prop.ForAll(Setups, Lines, (setup, line) =>
        {
            var (batch, engine, tax) = Build(setup);
            var results = new ChargeAmounts[1];
            return AgreeWithTheEngine(
                () => batch.PerUnit([line], results),
                () => engine.Calculate(ChargeSpec.For("x", line.Quantity, new PerUnitPrice(new Money(line.UnitPrice, batch.Currency))) with
                {
                    Discounts = [Discount.Percent(line.DiscountPercent)],
                    Taxes = tax is null ? [] : [tax],
                }),
                results);
        });

    [Property(MaxTest = 100_000)]
    public Property Graduated_EqualsTheEngine_OverAHundredThousandLines() =>
        Prop.ForAll(Setups, TierSets, Quantities, (setup, tierSet, quantity) =>
        {
            var (batch, engine, tax) = Build(setup);
            var price = Tiers(tierSet.Tiers, tierSet.Zero, batch.Currency);
            var results = new ChargeAmounts[1];
            return AgreeWithTheEngine(
                () => batch.Graduated(price, [quantity], tierSet.DiscountPercent, results),
                () => engine.Calculate(ChargeSpec.For("x", quantity, price) with
                {
                    Discounts = [Discount.Percent(tierSet.DiscountPercent)],
                    Taxes = tax is null ? [] : [tax],
                }),
                results);
        });

    [Property(MaxTest = 100_000)]
    public Property GraduatedScaled_EqualsGraduated_OverAHundredThousandLines() =>
        Prop.ForAll(Setups, TierSets, Quantities, (setup, tierSet, quantity) =>
        {
            var (batch, _, _) = Build(setup);
            var price = Tiers(tierSet.Tiers, tierSet.Zero, batch.Currency);
            long[] nets = [0], discounts = [0], taxes = [0];
            var scaledQuantity = (long)(quantity * 1_000m);
            var scaledDiscount = (long)(tierSet.DiscountPercent * 10_000m);
            var outOfScale = tierSet.Tiers.Any(t => decimal.Round(t.Price, 6) != t.Price || decimal.Round(t.Fee, 6) != t.Fee || t.Price > 1_000_000_000m || t.Fee > 1_000_000_000m);   // by value
            if (!batch.SupportsScaled)
            {
                return Throws<InvalidOperationException>(() => batch.GraduatedScaled(price, [scaledQuantity], scaledDiscount, nets, discounts, taxes));
            }

            if (outOfScale)
            {
                return Throws<ArgumentException>(() => batch.GraduatedScaled(price, [scaledQuantity], scaledDiscount, nets, discounts, taxes));
            }

            if (price.Price(quantity).Amount > 1_000_000_000_000m)
            {
                return Throws<ArgumentOutOfRangeException>(() => batch.GraduatedScaled(price, [scaledQuantity], scaledDiscount, nets, discounts, taxes));
            }

            var expected = new ChargeAmounts[1];
            batch.Graduated(price, [quantity], tierSet.DiscountPercent, expected);

            batch.GraduatedScaled(price, [scaledQuantity], scaledDiscount, nets, discounts, taxes);
            var unit = 1m / Power(batch.RoundingScale);
            return nets[0] * unit == expected[0].Net && discounts[0] * unit == expected[0].Discount && taxes[0] * unit == expected[0].Tax;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Graduated_ManyLinesAtOnce_EqualsOneAtATime() =>
        Prop.ForAll(Setups, TierSets, Arb.From(Gen.ArrayOf(Quantities.Generator)), (setup, tierSet, generated) =>
        {
            var (batch, _, _) = Build(setup);
            var price = Tiers(tierSet.Tiers, tierSet.Zero, batch.Currency);
            var quantities = generated.Where(q => price.Price(q).Amount <= Money.MaxAmount).ToArray();   // lines a batch takes
            var all = new ChargeAmounts[quantities.Length];
            batch.Graduated(price, quantities, tierSet.DiscountPercent, all);
            var one = new ChargeAmounts[1];
            return quantities.Select((quantity, i) =>
            {
                batch.Graduated(price, [quantity], tierSet.DiscountPercent, one);
                return one[0] == all[i];
            }).All(same => same);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property GraduatedScaled_ManyLinesAtOnce_EqualsOneAtATime() =>
        Prop.ForAll(Setups, TierSets, Arb.From(Gen.ArrayOf(Quantities.Generator)), (setup, tierSet, quantities) =>
        {
            var (batch, _, _) = Build(setup);
            var price = Tiers(tierSet.Tiers, tierSet.Zero, batch.Currency);
            if (!batch.SupportsScaled || tierSet.Tiers.Any(t => t.Price.Scale > 6 || t.Price > 1_000_000_000m) || quantities.Any(q => price.Price(q).Amount > 1_000_000_000_000m))
            {
                return true;   // refused as a whole or at a line: the example tests cover both
            }

            // Lines the 64-bit loop takes and lines it hands to the 128-bit path, mixed: the loop resumes after each.
            var scaled = quantities.Select(q => (long)(q * 1_000m)).ToArray();
            var discount = (long)(tierSet.DiscountPercent * 10_000m);
            long[] nets = new long[scaled.Length], discounts = new long[scaled.Length], taxes = new long[scaled.Length];
            batch.GraduatedScaled(price, scaled, discount, nets, discounts, taxes);
            long[] net = [0], one = [0], tax = [0];
            return scaled.Select((quantity, i) =>
            {
                batch.GraduatedScaled(price, [quantity], discount, net, one, tax);
                return (net[0], one[0], tax[0]) == (nets[i], discounts[i], taxes[i]);
            }).All(same => same);
        });

    [Property(MaxTest = 100_000)]
    public Property PerUnitScaled_EqualsTheEngine_OverAHundredThousandLines() =>
        Prop.ForAll(Setups, ScaledLines, (setup, line) =>
        {
            var (batch, engine, tax) = Build(setup);
            if (!batch.SupportsScaled)
            {
                return Throws<InvalidOperationException>(() => batch.PerUnitScaled([line.Quantity], [line.Price], [line.Discount], new long[1], new long[1], new long[1]));
            }

            long[] nets = [0], discounts = [0], taxes = [0];
            batch.PerUnitScaled([line.Quantity], [line.Price], [line.Discount], nets, discounts, taxes);

            var (quantity, price, discount) = (line.Quantity / 1_000m, line.Price / 1_000_000m, line.Discount / 10_000m);
            var expected = engine.Calculate(ChargeSpec.For("x", quantity, new PerUnitPrice(new Money(price, batch.Currency))) with
            {
                Discounts = [Discount.Percent(discount)],
                Taxes = tax is null ? [] : [tax],
            });
            var unit = 1m / Power(batch.RoundingScale);
            return nets[0] * unit == expected.Net.Amount && discounts[0] * unit == expected.Discount.Amount && taxes[0] * unit == expected.Taxes.Amount;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property PerUnitScaled_ManyLinesAtOnce_EqualsOneAtATime() =>
        Prop.ForAll(Setups, Arb.From(Gen.ArrayOf(ScaledLines.Generator)), (setup, lines) =>
        {
            var (batch, _, _) = Build(setup);
            if (!batch.SupportsScaled)
            {
                return true;
            }

            // Lines the 64-bit loop takes and lines it hands to the 128-bit path, mixed: the loop resumes after each.
            long[] nets = new long[lines.Length], discounts = new long[lines.Length], taxes = new long[lines.Length];
            batch.PerUnitScaled(lines.Select(l => l.Quantity).ToArray(), lines.Select(l => l.Price).ToArray(), lines.Select(l => l.Discount).ToArray(), nets, discounts, taxes);
            long[] net = [0], discount = [0], tax = [0];
            return lines.Select((line, i) =>
            {
                batch.PerUnitScaled([line.Quantity], [line.Price], [line.Discount], net, discount, tax);
                return (net[0], discount[0], tax[0]) == (nets[i], discounts[i], taxes[i]);
            }).All(same => same);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property PerUnit_ManyLinesAtOnce_EqualsOneAtATime() =>
        Prop.ForAll(Setups, Arb.From(Gen.ArrayOf(Lines.Generator)), (setup, generated) =>
        {
            var (batch, _, _) = Build(setup);
            var lines = generated.Where(l => l.UnitPrice <= Money.MaxAmount && l.Quantity * l.UnitPrice <= Money.MaxAmount).ToArray();   // lines a batch takes
            var all = new ChargeAmounts[lines.Length];
            batch.PerUnit(lines, all);
            var one = new ChargeAmounts[1];
            return lines.Select((line, i) =>
            {
                batch.PerUnit([line], one);
                return one[0] == all[i];
            }).All(same => same);
        });

    private static (ChargeBatch Batch, ChargeEngine Engine, TaxRate? Tax) Build((int Currency, RoundingMode Mode, int? Scale, decimal TaxPercent) setup)
    {
        var rounding = setup.Scale is { } scale ? new RoundingPolicy(setup.Mode, scale) : new RoundingPolicy(setup.Mode);
        var tax = setup.TaxPercent == 0m ? null : new TaxRate("tax", setup.TaxPercent);
        return (new ChargeBatch(Currencies[setup.Currency], rounding, tax), new ChargeEngine(new ChargePolicy(rounding, TaxRounding.PerLine)), tax);
    }

    private static GraduatedPrice Tiers((decimal? UpTo, decimal Price, decimal Fee)[] tiers, ZeroQuantityPolicy zero, Currency currency) =>
        new(tiers.Select(t => new PriceTier(t.UpTo, new Money(t.Price, currency), new Money(t.Fee, currency))).ToArray()) { ZeroQuantity = zero };

    private static bool Throws<TException>(Action action)
        where TException : Exception
    {
        try
        {
            action();
            return false;
        }
        catch (TException)
        {
            return true;
        }
    }

    // The batch gives the engine's amounts, and refuses (out of range) exactly the lines the engine refuses.
    private static bool AgreeWithTheEngine(Action batch, Func<ChargeLine> engine, ChargeAmounts[] results)
    {
        ChargeLine expected;
        try
        {
            expected = engine();
        }
        catch (ArgumentOutOfRangeException)
        {
            return Throws<ArgumentOutOfRangeException>(batch);
        }

        batch();
        return Same(results[0], expected);
    }

    private static bool Same(ChargeAmounts actual, ChargeLine expected) =>
        actual.Net == expected.Net.Amount
        && actual.Tax == expected.Taxes.Amount
        && actual.Discount == expected.Discount.Amount
        && actual.Amount == expected.Amount.Amount;

    private static decimal Power(int scale) => scale switch
    {
        0 => 1m,
        1 => 10m,
        2 => 100m,
        3 => 1_000m,
        4 => 10_000m,
        5 => 100_000m,
        6 => 1_000_000m,
        7 => 10_000_000m,
        8 => 100_000_000m,
        _ => 1_000_000_000m,
    };
}
