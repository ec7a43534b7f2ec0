using Billing.Domain.Charging;
using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Pricing;

/// <summary>What tiers charge for a quantity of zero: nothing, or the first tier's flat fee, each as the system it comes from says.</summary>
public class ZeroQuantityTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    // lago-api spec/services/charges/charge_models/graduated_service_spec.rb: 0 to 10 at 10 cents with a 2-cent flat fee, then 5 cents with 3.
    private static readonly GraduatedPrice LagoGraduated = new([new(10m, M(0.10m), M(0.02m)), new(null, M(0.05m), M(0.03m))]);

    [Theory]
    [InlineData(0, "0")]        // "does not apply the flat amount for 0"
    [InlineData(1, "0.12")]     // "applies a unit amount for 1 and the flat rate for 1"
    [InlineData(10, "1.02")]    // "applies all unit amount for top bound"
    [InlineData(11, "1.10")]    // "applies next range flat amount for the next step"
    [InlineData(12, "1.15")]    // "applies next unit amount for more unit in next step"
    public void ByDefault_ZeroChargesNothing_AsLagosGraduatedSpecSays(int quantity, string expected)
    {
        Assert.Equal(ZeroQuantityPolicy.ChargesNothing, LagoGraduated.ZeroQuantity);
        Assert.Equal(M(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), LagoGraduated.Price(quantity));
    }

    [Theory]
    [InlineData(0, "0.02")]     // lago-api pull request 5760: "First tier has flat fee, 0 usage: flat fee"
    [InlineData(1, "0.12")]     // "First tier has flat fee, non-zero usage: flat fee + units", unchanged
    [InlineData(11, "1.10")]
    public void ChargingTheFirstTierFlatFee_ZeroCostsIt_AndNothingElseChanges(int quantity, string expected)
    {
        var price = LagoGraduated with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee };

        Assert.Equal(M(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)), price.Price(quantity));
    }

    [Fact]
    public void ATierWithoutAFlatFee_CostsNothingAtZero_UnderEitherPolicy()
    {
        // lago-api pull request 5760: "First tier flat fee is $0, 0 usage: $0" before and after.
        var price = new GraduatedPrice([new(10m, M(0.10m)), new(null, M(0.05m), M(0.03m))]);

        Assert.Equal(M(0m), price.Price(0m));
        Assert.Equal(M(0m), (price with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee }).Price(0m));
    }

    [Fact]
    public void Volume_TheFirstRowsFlatFee_IsChargedWithoutUsage_AsLagoIssue648Expects()
    {
        // getlago/lago#648: a volume charge with a 50 flat fee on its first row (0 to 1 unit) and a higher one on the next.
        var price = new VolumePrice([new(1m, M(0m), M(50m)), new(null, M(0.50m), M(60m))]);

        Assert.Equal(M(0m), price.Price(0m));
        Assert.Equal(M(50m), (price with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee }).Price(0m));
        Assert.Equal(M(61m), (price with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee }).Price(2m));
    }

    [Fact]
    public void Graduated_OpenMetersExample_TiersFromZero_BillTheFirstFlatFeeWhateverTheUsage()
    {
        // OpenMeter's graduated example (Kong's metering docs): up to 1,000 at 0 with a 500 flat fee, then 0.1 per unit:
        // "(1000 * $0 + $500) + (1000 * $0.1 + $0) = $600", and "the total amount will be $500 when the quantity is 0".
        var price = new GraduatedPrice([new(1_000m, M(0m), M(500m)), new(null, M(0.1m))]) { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee };

        Assert.Equal(M(600m), price.Price(2_000m));
        Assert.Equal(M(500m), price.Price(0m));
    }

    [Fact]
    public void AtZero_TheExplanationShowsTheFirstTierWithNoUnits_OrNothing()
    {
        var charging = LagoGraduated with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee };

        var (price, tiers) = charging.PriceWithTiers(0m);

        Assert.Equal(M(0.02m), price);
        Assert.Equal([new TierCharge(1, 0m, M(0.10m), M(0.02m), M(0.02m))], tiers);
        Assert.Empty(LagoGraduated.PriceWithTiers(0m).Tiers);
    }

    [Fact]
    public void TheBatchPaths_ChargeWhatThePriceSays_AtZero()
    {
        var price = LagoGraduated with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee };
        var batch = new ChargeBatch(Usd, RoundingPolicy.Commercial.WithScale(4), tax: null);
        var results = new ChargeAmounts[2];
        long[] nets = [0, 0], discounts = [0, 0], taxes = [0, 0];

        batch.Graduated(price, [0m, 0m], 0m, results);
        batch.GraduatedScaled(price, [0, 1_000], 0, nets, discounts, taxes);

        Assert.Equal(0.02m, results[0].Net);
        Assert.Equal([200L, 1_200L], nets);   // 0.0200 and 0.1200 at 4 decimals
    }

    [Fact]
    public void AnUndefinedPolicy_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("ZeroQuantity", () => LagoGraduated with { ZeroQuantity = (ZeroQuantityPolicy)2 });
    }

    /// <summary>The policy changes what zero costs and nothing else: every other quantity costs the same under both.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property ThePolicy_ChangesOnlyWhatZeroCosts() =>
        Prop.ForAll(
            Arb.From(from units in Gen.Choose(0, 2_000) from volume in Gen.Elements(true, false) select (Quantity: units / 10m, Volume: volume)),
            c =>
            {
                TieredPrice nothing = c.Volume ? new VolumePrice(LagoGraduated.Tiers) : LagoGraduated;
                var firstFee = nothing with { ZeroQuantity = ZeroQuantityPolicy.ChargesFirstTierFlatFee };
                return c.Quantity == 0m
                    ? nothing.Price(0m) == M(0m) && firstFee.Price(0m) == nothing.Tiers[0].FlatFee
                    : nothing.Price(c.Quantity) == firstFee.Price(c.Quantity)
                        && nothing.PriceWithTiers(c.Quantity).Tiers.SequenceEqual(firstFee.PriceWithTiers(c.Quantity).Tiers);
            });

    private static Money M(decimal amount) => new(amount, Usd);
}
