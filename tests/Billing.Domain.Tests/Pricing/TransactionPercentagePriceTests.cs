using Billing.Domain.Pricing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Pricing;

/// <summary>
/// Lago's percentage charge model: the cases of lago-api's spec/services/charge_models/percentage_service_spec.rb, each
/// with transactions whose running totals are the ones the spec feeds the service (rate 1.3 %, fixed fee 2.00, four
/// transactions of 800 in all: 50, 100, 250, 400; per transaction: 10, 80, 10,000 at 2.99 %).
/// </summary>
public class TransactionPercentagePriceTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Money[] Four = [M(50m), M(100m), M(250m), M(400m)];
    private static readonly Money[] Three = [M(10m), M(80m), M(10_000m)];

    public static TheoryData<string, int, decimal?, decimal> Overall => new()
    {
        // spec context, free transactions, free amount, amount
        { "when fixed amount value is 0 (3 free transactions or 250 free)", 3, 250m, 11.15m },   // (800 - 250) × 1.3 % + (4 - 2) × 2.0
        { "when free_units_per_events is nil", 0, 250m, 11.15m },
        { "when free_units_per_total_aggregation is nil", 3, null, 7.2m },                     // (800 - 400) × 1.3 % + (4 - 3) × 2.0
        { "when free units are not set", 0, null, 18.4m },                                     // 800 × 1.3 % + 4 × 2.0
        { "when free_units_per_total_aggregation > last running total", 3, 500m, 7.2m },
    };

    [Theory]
    [MemberData(nameof(Overall))]
    public void Charge_IsLagos(string context, int freeTransactions, decimal? freeAmount, decimal expected)
    {
        var price = new TransactionPercentagePrice(1.3m, Usd) { FixedFee = M(2.0m), FreeTransactions = freeTransactions, FreeAmount = freeAmount is { } f ? M(f) : null };

        Assert.True(M(expected) == price.Charge(Four), context);
    }

    [Fact]
    public void Charge_WithRateZero_IsTheFixedFees() =>
        Assert.Equal(M(8m), new TransactionPercentagePrice(0m, Usd) { FixedFee = M(2.0m) }.Charge(Four));

    [Fact]
    public void Charge_OfSmallUnits_IsTheRateOnly() =>
        Assert.Equal(M(0.116m), new TransactionPercentagePrice(2.9m, Usd).Charge([M(1m), M(1m), M(1m), M(1m)]));

    [Fact]
    public void Charge_OfNothing_IsZero_FixedFeeIncluded()
    {
        var price = new TransactionPercentagePrice(1.3m, Usd) { FixedFee = M(2.0m), FreeTransactions = 3, FreeAmount = M(250m) };

        Assert.Equal(M(0m), price.Charge([M(0m), M(0m), M(0m), M(0m)]));
        Assert.Equal(M(0m), price.Charge([]));
    }

    [Fact]
    public void Charge_WithMoreFreeTransactionsThanTransactions_IsZero() =>   // "when free_units_count > number of events"
        Assert.Equal(M(0m), new TransactionPercentagePrice(1.3m, Usd) { FixedFee = M(2.0m), FreeTransactions = 5 }.Charge([M(50m), M(100m), M(250m), M(0m)]));

    public static TheoryData<string, decimal, int, decimal, decimal> PerTransaction => new()
    {
        // spec context (min 1.75, max 12), fixed fee, free transactions, free amount, amount
        { "applies the min and max per transaction", 0m, 0, 0m, 16.142m },       // 1.75 (min) + 2.392 + 12 (max)
        { "with fixed_amount", 2.0m, 0, 0m, 18.691m },                            // 2.299 + 4.392 + 12
        { "with free units per events", 0m, 2, 0m, 12m },                         // the first two free, 12 (max)
        { "with free units per total aggregation", 0m, 0, 30m, 13.794m },        // (10 + 80 - 30) × 2.99 % + 12 (max)
        { "when both free units per events and per total aggregation", 0m, 3, 10_000m, 2.691m },   // (10 + 80 + 10000 - 10000) × 2.99 %
    };

    [Theory]
    [MemberData(nameof(PerTransaction))]
    public void Charge_WithAMinimumAndMaximum_IsLagosTransactionByTransaction(string context, decimal fixedFee, int freeTransactions, decimal freeAmount, decimal expected)
    {
        var price = new TransactionPercentagePrice(2.99m, Usd)
        {
            FixedFee = M(fixedFee), FreeTransactions = freeTransactions, FreeAmount = M(freeAmount), MinimumPerTransaction = M(1.75m), MaximumPerTransaction = M(12m),
        };

        Assert.True(M(expected) == price.Charge(Three), context);
    }

    [Fact]
    public void Charge_WithoutAMinimumOrMaximum_RatesTheWhole() =>   // "does not apply max and min if not premium": (10 + 80 + 10000) × 2.99 %
        Assert.Equal(M(301.691m), new TransactionPercentagePrice(2.99m, Usd).Charge(Three));

    [Fact]
    public void BadInput_IsRefusedWithArgumentErrors()
    {
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => new TransactionPercentagePrice(100.01m, Usd));
        Assert.Throws<ArgumentOutOfRangeException>("FreeTransactions", () => new TransactionPercentagePrice(1m, Usd) { FreeTransactions = -1 });
        Assert.Throws<ArgumentException>("FixedFee", () => new TransactionPercentagePrice(1m, Usd) { FixedFee = new Money(1m, Currency.FromCode("EUR")) });
        Assert.Throws<ArgumentOutOfRangeException>("MinimumPerTransaction", () => new TransactionPercentagePrice(1m, Usd) { MinimumPerTransaction = M(-1m) });
        Assert.Throws<ArgumentException>("transactions", () => new TransactionPercentagePrice(1m, Usd).Charge([M(-1m)]));
        Assert.Throws<ArgumentException>("transactions", () => new TransactionPercentagePrice(1m, Usd).Charge([new Money(1m, Currency.FromCode("EUR"))]));
        Assert.Throws<ArgumentException>("transactions", () => new TransactionPercentagePrice(1m, Usd) { MinimumPerTransaction = M(5m), MaximumPerTransaction = M(1m) }.Charge([M(1m)]));
        Assert.Throws<ArgumentNullException>("transactions", () => new TransactionPercentagePrice(1m, Usd).Charge(null!));
    }

    // Without free units, a minimum or a maximum the charge is the rate on the whole and the fee on each transaction,
    // however the amount is split into transactions; a maximum never raises and a minimum never lowers it.
    [Property(MaxTest = Laws.Cases)]
    public Property Charge_WithoutFreeUnits_IsTheRateOnTheWholeAndTheFeePerTransaction_AndTheBoundsOnlyMoveItTheirWay() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, 1_000_000).Select(c => M(c / 100m)).ArrayOf().Where(a => a.Length <= 30)),
            transactions =>
            {
                var plain = new TransactionPercentagePrice(1.3m, Usd) { FixedFee = M(0.30m) };
                var expected = transactions.Length == 0 || transactions.All(t => t.IsZero) ? 0m : (transactions.Sum(t => t.Amount) * 1.3m / 100m) + (transactions.Length * 0.30m);
                return plain.Charge(transactions).Amount == expected
                    && (plain with { MaximumPerTransaction = M(5m) }).Charge(transactions) <= (plain with { MinimumPerTransaction = M(0m) }).Charge(transactions)
                    && (plain with { MinimumPerTransaction = M(1m) }).Charge(transactions) >= (plain with { MinimumPerTransaction = M(0m) }).Charge(transactions);
            });

    private static Money M(decimal amount) => new(amount, Usd);
}
