using Billing.Domain.Charging;
using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Pricing;

/// <summary>A negative quantity from a meter or gateway: each price refuses it with a typed error, or prices it as zero, as it says.</summary>
public class NegativeQuantityTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    public static TheoryData<PriceComponent> Prices => new()
    {
        new PerUnitPrice(M(0.05m)),
        new GraduatedPrice([new(1_000m, M(0.10m), M(5m)), new(null, M(0.05m))]),
        new VolumePrice([new(1_000m, M(0.10m), M(5m)), new(null, M(0.05m))]),
        new PackagePrice(M(5m), 100m, 10m),
        new PercentagePrice(1.2m, Usd),
        new RecurringFee(M(30m)),
        new RatedAmount(M(3m)),
    };

    [Theory]
    [MemberData(nameof(Prices))]
    public void ByDefault_ANegativeQuantity_IsRefusedWithItsCode_AndNothingIsPriced(PriceComponent price)
    {
        var refused = Assert.Throws<NegativeQuantityException>(() => price.Price(-2.5m));

        Assert.Equal(("pricing.negative_quantity", -2.5m), (refused.Code, refused.Quantity));
        Assert.Contains(price.Describe(), refused.Message, StringComparison.Ordinal);
        Assert.Throws<NegativeQuantityException>(() => price.PriceWithTiers(-1m));
        Assert.Throws<NegativeQuantityException>(() => ChargeSpec.For("Calls", -1m, price));
    }

    [Theory]
    [MemberData(nameof(Prices))]
    public void ClampedToZero_ANegativeQuantity_PricesAsZero(PriceComponent price)
    {
        var clamping = price with { NegativeQuantities = NegativeQuantityPolicy.ClampToZero };

        Assert.Equal(clamping.Price(0m), clamping.Price(-2.5m));
        Assert.Equal(0m, ChargeSpec.For("Calls", -1m, clamping).Quantity);
        Assert.Equal(price.Price(3m), clamping.Price(3m));   // a quantity of zero or more is priced as before
    }

    [Fact]
    public void ACostFromAGateway_TakesThePolicyItIsReadWith()
    {
        var refused = Assert.Throws<NegativeCostException>(() => RatedAmount.ForCost(M(-0.25m), NegativeQuantityPolicy.Refuse));

        Assert.Equal(("pricing.negative_cost", M(-0.25m)), (refused.Code, refused.Cost));
        Assert.Equal(M(0m), RatedAmount.ForCost(M(-0.25m), NegativeQuantityPolicy.ClampToZero).Rated);
        Assert.Equal(M(0.25m), RatedAmount.ForCost(M(0.25m), NegativeQuantityPolicy.Refuse).Rated);
        Assert.Throws<ArgumentException>("cost", () => RatedAmount.ForCost(default, NegativeQuantityPolicy.ClampToZero));
        Assert.Throws<ArgumentOutOfRangeException>("negativeCosts", () => RatedAmount.ForCost(M(1m), (NegativeQuantityPolicy)5));
    }

    [Fact]
    public void APolicyOutsideItsEnum_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>("NegativeQuantities", () => new PerUnitPrice(M(1m)) { NegativeQuantities = (NegativeQuantityPolicy)7 });

    // Whatever the meter reports, a clamping price charges what it charges for the quantity clamped at zero; a refusing
    // one charges exactly what it did for the quantities it accepts.
    [Property(MaxTest = Laws.Cases)]
    public Property APolicy_ChangesOnlyWhatNegativeQuantitiesCost() =>
        Prop.ForAll(Arb.From(Gen.Choose(-1_000_000, 1_000_000).Select(q => q / 1_000m)), quantity =>
        {
            var refusing = new GraduatedPrice([new(100m, M(0.10m), M(1m)), new(null, M(0.05m))]);
            var clamping = refusing with { NegativeQuantities = NegativeQuantityPolicy.ClampToZero };
            return clamping.Price(quantity) == refusing.Price(Math.Max(quantity, 0m))
                && (quantity >= 0m || Record.Exception(() => refusing.Price(quantity)) is NegativeQuantityException);
        });

    private static Money M(decimal amount) => new(amount, Usd);
}
