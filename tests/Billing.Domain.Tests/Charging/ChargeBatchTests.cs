using Billing.Domain.Charging;
using Billing.Domain.Pricing;

namespace Billing.Domain.Tests.Charging;

public class ChargeBatchTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly ChargeBatch Batch = new(Usd, RoundingPolicy.Commercial, new TaxRate("VAT", 21m));

    [Fact]
    public void PerUnit_WritesEachLinesAmounts()
    {
        var results = new ChargeAmounts[2];

        Batch.PerUnit([new(3m, 19.99m, 10m), new(0.5m, 0.000125m)], results);

        Assert.Equal(new ChargeAmounts(53.97m, 6.00m, 11.33m), results[0]);
        Assert.Equal(65.30m, results[0].Amount);
        Assert.Equal(new ChargeAmounts(0.00m, 0.00m, 0.00m), results[1]);
    }

    [Fact]
    public void PerUnit_OutsideTheFastPath_FallsBackToDecimals()
    {
        var results = new ChargeAmounts[1];

        Batch.PerUnit([new(2m, 0.0000001m * 10_000_000m + 0.00000005m)], results);   // a unit price with 8 decimals

        Assert.Equal(new ChargeAmounts(2.00m, 0.00m, 0.42m), results[0]);
    }

    [Fact]
    public void PerUnit_BadInput_ThrowsNamingTheLine()
    {
        var results = new ChargeAmounts[2];

        var negative = Assert.Throws<ArgumentOutOfRangeException>("lines", () => Batch.PerUnit([new(1m, 1m), new(-1m, 1m)], results));
        Assert.Contains("Line 1", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>("lines", () => Batch.PerUnit([new(1.0001m, 1m)], results));
        Assert.Throws<ArgumentOutOfRangeException>("lines", () => Batch.PerUnit([new(1m, -1m)], results));
        Assert.Throws<ArgumentOutOfRangeException>("lines", () => Batch.PerUnit([new(1m, 1m, 101m)], results));
        Assert.Throws<ArgumentException>("results", () => Batch.PerUnit([new(1m, 1m), new(1m, 1m), new(1m, 1m)], results));
    }

    [Fact]
    public void Graduated_PricesEveryQuantity()
    {
        var price = new GraduatedPrice([new(1_000m, new Money(0.10m, Usd)), new(10_000m, new Money(0.05m, Usd)), new(null, new Money(0.01m, Usd))]);
        var results = new ChargeAmounts[3];

        Batch.Graduated(price, [15_000m, 0m, 1_000.5m], 0m, results);

        Assert.Equal(new ChargeAmounts(600.00m, 0.00m, 126.00m), results[0]);
        Assert.Equal(new ChargeAmounts(0.00m, 0.00m, 0.00m), results[1]);
        Assert.Equal(100.03m, results[2].Net);   // 100 + 0.5 x 0.05 = 100.025, half away from zero
    }

    [Fact]
    public void Graduated_BadInput_Throws()
    {
        var eur = new GraduatedPrice([new(null, new Money(1m, Currency.FromCode("EUR")))]);
        var usd = new GraduatedPrice([new(null, new Money(1m, Usd))]);
        var results = new ChargeAmounts[1];

        Assert.Throws<ArgumentException>("price", () => Batch.Graduated(eur, [1m], 0m, results));
        Assert.Throws<ArgumentOutOfRangeException>("discountPercent", () => Batch.Graduated(usd, [1m], 120m, results));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.Graduated(usd, [-1m], 0m, results));
        Assert.Throws<ArgumentNullException>("price", () => Batch.Graduated(null!, [1m], 0m, results));
    }

    [Fact]
    public void GraduatedScaled_WritesMinorUnits()
    {
        var price = new GraduatedPrice([new(1_000m, new Money(0.10m, Usd), new Money(2.50m, Usd)), new(10_000m, new Money(0.05m, Usd)), new(null, new Money(0.01m, Usd))]);
        long[] nets = new long[3], discounts = new long[3], taxes = new long[3];

        Batch.GraduatedScaled(price, [15_000_000, 0, 1_000_500], 50_000, nets, discounts, taxes);   // 5 % off

        Assert.Equal([572_38L, 0L, 97_40L], nets);          // (600 + 2.50) x 0.95 = 572.375; 102.525 x 0.95 = 97.39875
        Assert.Equal([30_12L, 0L, 5_13L], discounts);        // 602.50 - 572.38; 102.53 - 97.40
        Assert.Equal([120_20L, 0L, 20_45L], taxes);          // 120.1998; 20.454
    }

    [Fact]
    public void GraduatedScaled_BadInput_Throws()
    {
        var usd = new GraduatedPrice([new(null, new Money(1m, Usd))]);
        var fine = new GraduatedPrice([new(null, new Money(0.0000001m, Usd))]);
        long[] one = [0];

        Assert.Throws<ArgumentException>("price", () => Batch.GraduatedScaled(fine, [1], 0, one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("discount", () => Batch.GraduatedScaled(usd, [1], 1_000_001, one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.GraduatedScaled(usd, [-1], 0, one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.GraduatedScaled(usd, [1_000_000_000_000_001], 0, one, one, one));
        Assert.Throws<ArgumentException>("nets", () => Batch.GraduatedScaled(usd, [1, 2], 0, one, one, one));
        Assert.Throws<ArgumentNullException>("price", () => Batch.GraduatedScaled(null!, [1], 0, one, one, one));
        Assert.Throws<InvalidOperationException>(() =>
            new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(8)).GraduatedScaled(usd, [1], 0, one, one, one));
    }

    [Fact]
    public void PerUnitScaled_WritesMinorUnits()
    {
        long[] nets = new long[2], discounts = new long[2], taxes = new long[2];

        Batch.PerUnitScaled([3_000, 500], [19_990_000, 125], [100_000, 0], nets, discounts, taxes);

        Assert.Equal(2, Batch.RoundingScale);
        Assert.True(Batch.SupportsScaled);
        Assert.Equal([5_397L, 0L], nets);        // 53.97 USD; 0.5 x 0.000125 rounds to 0.00
        Assert.Equal([600L, 0L], discounts);
        Assert.Equal([1_133L, 0L], taxes);
    }

    [Fact]
    public void PerUnitScaled_BadInput_Throws()
    {
        long[] one = [0];

        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.PerUnitScaled([-1], [1], [0], one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.PerUnitScaled([1], [1], [1_000_001], one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("unitPrices", () => Batch.PerUnitScaled([1_000_000_000_000_000], [1_000_000_000_000_000], [0], one, one, one));
        Assert.Throws<ArgumentException>("unitPrices", () => Batch.PerUnitScaled([1, 2], [1], [0, 0], one, one, one));
        Assert.Throws<ArgumentException>("nets", () => Batch.PerUnitScaled([1, 2], [1, 1], [0, 0], one, one, one));
        Assert.Throws<InvalidOperationException>(() =>
            new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(8)).PerUnitScaled([1], [1], [0], one, one, one));
    }

    [Fact]
    public void PerUnit_AllocatesNothingPerLine()
    {
        var lines = Enumerable.Range(0, 1_000).Select(i => new ChargeLineInput(i % 7, 1.99m + (i % 13), i % 3 * 5m)).ToArray();
        var results = new ChargeAmounts[lines.Length];
        Batch.PerUnit(lines, results);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Batch.PerUnit(lines, results);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Kernel_TakesEveryLineAtTheEdgesOfItsBounds()
    {
        long[] nets = new long[3], discounts = new long[3], taxes = new long[3];
        var free = new GraduatedPrice([new(null, new Money(0m, Usd))]);
        var before = ChargeBatch.LinesOffTheKernel;

        // The largest quantity (10^15 thousandths) at a zero price, the largest price (10^15 millionths) for a
        // thousandth, and a 100 % discount: each is in range, so the 64-bit kernel takes it.
        Batch.PerUnitScaled([1_000_000_000_000_000, 1, 1_000], [0, 1_000_000_000_000_000, 1_000_000], [0, 0, 1_000_000], nets, discounts, taxes);
        Batch.GraduatedScaled(free, [1_000_000_000_000_000], 1_000_000, nets, discounts, taxes);
        Batch.PerUnit([new(1_000_000_000_000m, 0m), new(0.001m, 1_000_000_000m), new(1m, 1m, 100m)], new ChargeAmounts[3]);
        Batch.Graduated(free, [1_000_000_000_000m], 100m, new ChargeAmounts[1]);
        Batch.GraduatedScaled(new GraduatedPrice([new(1m, new Money(0.5m, Usd), new Money(2m, Usd)), new(null, new Money(0.25m, Usd))]), [3_000], 0, nets, discounts, taxes);
        Assert.Equal(300L, nets[0]);   // 0.50 + 2.00 + 2 x 0.25

        // Rounding to 6 decimals: the widest kernel, which checks units x (100 % - discount) for 64 bits.
        new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(6)).PerUnitScaled([1_000], [1_000_000], [500_000], nets, discounts, taxes);
        Assert.Equal(500_000L, nets[0]);

        Assert.Equal(before, ChargeBatch.LinesOffTheKernel);
    }

    [Fact]
    public void GraduatedScaled_ATotalOfExactlyLongMaxValue_StaysOnTheKernel()
    {
        // Six tiers of 10^9 USD flat fees (6 x 10^18 at scale 9), then 6,863,627,053.697 units at 0.469631: the
        // price is 2^63 - 1 at scale 9, the largest the 64-bit kernel takes.
        var fees = Enumerable.Range(1, 6).Select(i => new PriceTier(i * 0.001m, new Money(0m, Usd), new Money(1_000_000_000m, Usd)));
        var price = new GraduatedPrice([.. fees, new(0.006m + 6_863_627_053.697m, new Money(0.469631m, Usd)), new(null, new Money(0m, Usd))]);
        long[] nets = new long[1], discounts = new long[1], taxes = new long[1];
        var before = ChargeBatch.LinesOffTheKernel;

        Batch.GraduatedScaled(price, [6_863_627_053_703], 0, nets, discounts, taxes);

        Assert.Equal(before, ChargeBatch.LinesOffTheKernel);
        Assert.Equal(new Money(9_223_372_036.854775807m, Usd), price.Price(6_863_627_053.703m));
        Assert.Equal((922_337_203_685L, 193_690_812_774L), (nets[0], taxes[0]));   // 9,223,372,036.85 USD and its 21 %
    }

    [Fact]
    public void LinesOffTheKernel_CountsTheLinesThatTakeAnExactPath()
    {
        var before = ChargeBatch.LinesOffTheKernel;
        long[] one = [0];

        Batch.PerUnit([new(2m, 1.00000005m)], new ChargeAmounts[1]);                                                 // 8 decimals: decimals
        Batch.PerUnitScaled([1_000_000_000_000_000], [10_000], [0], one, one, one);                                  // 10^19 at scale 9: 128 bits
        Batch.Graduated(new GraduatedPrice([new(null, new Money(0.0000001m, Usd))]), [1m], 0m, new ChargeAmounts[1]); // 7 decimals: decimals
        Batch.GraduatedScaled(new GraduatedPrice([new(null, new Money(0.01m, Usd))]), [1_000_000_000_000_000], 0, one, one, one);

        Assert.Equal(before + 4, ChargeBatch.LinesOffTheKernel);
    }

    [Fact]
    public void ScaledMethods_OverA64BitProduct_TakeTheLargestValuesExactly()
    {
        long[] nets = new long[2], discounts = new long[2], taxes = new long[2];

        // 10^15 thousandths x 1.00 = 10^12 USD, the largest line; and the same count at 0.01 with 100 % off.
        Batch.PerUnitScaled([1_000_000_000_000_000, 1_000_000_000_000_000], [1_000_000, 10_000], [0, 1_000_000], nets, discounts, taxes);

        Assert.Equal([100_000_000_000_000L, 0L], nets);                  // 10^12 USD in cents; nothing left after 100 %
        Assert.Equal([0L, 1_000_000_000_000L], discounts);               // 10^10 USD off
        Assert.Equal([21_000_000_000_000L, 0L], taxes);
    }

    [Fact]
    public void GraduatedScaled_OverA64BitProduct_EndsAtTheBoundTheQuantityReaches()
    {
        // 10^12 units at 0.01 is 10^10 USD (10^19 at scale 9: 128 bits); exactly on the bound, the next tier's flat
        // fee is not charged.
        var price = new GraduatedPrice([new(1_000_000_000_000m, new Money(0.01m, Usd)), new(null, new Money(1m, Usd), new Money(5m, Usd))]);
        long[] nets = new long[1], discounts = new long[1], taxes = new long[1];

        Batch.GraduatedScaled(price, [1_000_000_000_000_000], 1_000_000, nets, discounts, taxes);
        Assert.Equal((0L, 1_000_000_000_000L, 0L), (nets[0], discounts[0], taxes[0]));

        Batch.GraduatedScaled(price, [1_000_000_000_000_000], 0, nets, discounts, taxes);
        Assert.Equal((1_000_000_000_000L, 210_000_000_000L), (nets[0], taxes[0]));
    }

    [Fact]
    public void ScaledMethods_AboveTheirRanges_ThrowEvenWhenTheProductWouldFit()
    {
        long[] one = [0];
        var free = new GraduatedPrice([new(null, new Money(0m, Usd))]);

        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.PerUnitScaled([1], [1_000_000_000_000_001], [0], one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.PerUnitScaled([1_000_000_000_000_001], [0], [0], one, one, one));
        Assert.Throws<ArgumentOutOfRangeException>("quantities", () => Batch.GraduatedScaled(free, [1_000_000_000_000_001], 0, one, one, one));
    }

    [Fact]
    public void PerUnit_OffTheKernel_TakesTheLargestValuesAndRefusesBeyond()
    {
        var exact = new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(8), new TaxRate("VAT", 21m));   // no kernel: every line in decimals
        var results = new ChargeAmounts[3];

        exact.PerUnit([new(1_000_000_000m, Money.MaxAmount), new(1m, 0m), new(1_000_000_000_000m, 0m, 100m)], results);

        Assert.False(exact.SupportsScaled);
        Assert.Equal(ChargeEngine.MaxLineAmount, results[0].Net);   // 10^9 x 10^15: the largest line
        Assert.Equal(210_000_000_000_000_000_000_000m, results[0].Tax);
        Assert.Equal(new ChargeAmounts(0m, 0m, 0m), results[1]);
        Assert.Equal(0m, results[2].Net);
        Assert.Throws<ArgumentOutOfRangeException>("lines", () => exact.PerUnit([new(1m, Money.MaxAmount + 1m)], results));
        Assert.Throws<ArgumentOutOfRangeException>("lines", () => exact.PerUnit([new(1_000_000_000_000.001m, 1m)], results));
        Assert.Throws<ArgumentOutOfRangeException>("lines", () => exact.PerUnit([new(1_000_000_000.001m, Money.MaxAmount)], results));
    }

    [Fact]
    public void SupportsScaled_UpToSixDecimalsOfRounding()
    {
        Assert.True(new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(6)).SupportsScaled);
        Assert.False(new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(7)).SupportsScaled);
        Assert.False(new ChargeBatch(Usd, RoundingPolicy.Commercial, new TaxRate("VAT", 21.12345m)).SupportsScaled);
        Assert.Equal(6, new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(6)).RoundingScale);
    }

    [Fact]
    public void BadInput_MessagesSayWhatIsWrong()
    {
        var eur = new GraduatedPrice([new(null, new Money(1m, Currency.FromCode("EUR")))]);
        var usd = new GraduatedPrice([new(null, new Money(1m, Usd))]);
        long[] one = [0];

        Assert.Contains("EUR", Assert.Throws<ArgumentException>("price", () => Batch.Graduated(eur, [1m], 0m, new ChargeAmounts[1])).Message, StringComparison.Ordinal);
        Assert.StartsWith("A discount", Assert.Throws<ArgumentOutOfRangeException>("discountPercent", () => Batch.Graduated(usd, [1m], -1m, new ChargeAmounts[1])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Line 1: a discount", Assert.Throws<ArgumentOutOfRangeException>("lines", () => Batch.PerUnit([new(1m, 1m), new(1m, 1m, 101m)], new ChargeAmounts[2])).Message, StringComparison.Ordinal);
        Assert.Contains("shorter", Assert.Throws<ArgumentException>("results", () => Batch.PerUnit([new(1m, 1m)], [])).Message, StringComparison.Ordinal);
        Assert.Contains("shorter", Assert.Throws<ArgumentException>("results", () => Batch.Graduated(usd, [1m], 0m, [])).Message, StringComparison.Ordinal);
        Assert.Contains("lengths", Assert.Throws<ArgumentException>("unitPrices", () => Batch.PerUnitScaled([1], [1], [], one, one, one)).Message, StringComparison.Ordinal);
        Assert.Contains("shorter", Assert.Throws<ArgumentException>("nets", () => Batch.PerUnitScaled([1, 1], [1, 1], [0, 0], new long[2], new long[2], one)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("nets", () => Batch.PerUnitScaled([1, 1], [1, 1], [0, 0], new long[2], one, new long[2]));
        Assert.Contains("EUR", Assert.Throws<ArgumentException>("price", () => Batch.GraduatedScaled(eur, [1], 0, one, one, one)).Message, StringComparison.Ordinal);
    }
}
