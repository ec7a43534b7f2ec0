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
}
