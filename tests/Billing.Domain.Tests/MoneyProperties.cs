using Billing.Domain.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests;

public class MoneyProperties
{
    private static readonly Arbitrary<Money> AnyUsd = BillingArbitraries.MoneyIn(Currency.FromCode("USD"));

    private static Arbitrary<int> Parts => ArbMap.Default.ArbFor<int>().Filter(n => n is >= 1 and <= 50);

    private static Arbitrary<decimal[]> Ratios =>
        ArbMap.Default.ArbFor<int[]>()
            .Filter(r => r.Length is > 0 and <= 20 && r.All(x => x >= 0) && r.Any(x => x > 0))
            .Convert(r => r.Select(x => x / 100m).ToArray(), r => r.Select(x => (int)(x * 100)).ToArray());

    private static Arbitrary<RoundingMode> Modes => Arb.From(Gen.Elements(Enum.GetValues<RoundingMode>()));

    [Property(MaxTest = Laws.Cases)]
    public Property Add_IsCommutative() =>
        Prop.ForAll(AnyUsd, AnyUsd, (a, b) => a + b == b + a);

    [Property(MaxTest = Laws.Cases)]
    public Property Add_IsAssociative() =>
        Prop.ForAll(AnyUsd, AnyUsd, AnyUsd, (a, b, c) => (a + b) + c == a + (b + c));

    [Property(MaxTest = Laws.Cases)]
    public Property Subtract_UndoesAdd() =>
        Prop.ForAll(AnyUsd, AnyUsd, (a, b) => a + b - b == a && (a - a).IsZero && a + -a == Money.Zero(a.Currency));

    [Property(MaxTest = Laws.Cases)]
    public Property Compare_AgreesWithTheSignOfTheDifference() =>
        Prop.ForAll(AnyUsd, AnyUsd, (a, b) => a.CompareTo(b) == (a - b).Sign);

    [Property(MaxTest = Laws.Cases)]
    public Property Sum_EqualsRepeatedAddition() =>
        Prop.ForAll(AnyUsd, AnyUsd, AnyUsd, (a, b, c) => Money.Sum([a, b, c], a.Currency) == a + b + c);

    [Property(MaxTest = Laws.Cases)]
    public Property Parse_ReadsBackWhatToStringWrites() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), money => Money.Parse(money.ToString(), System.Globalization.CultureInfo.InvariantCulture) == money);

    [Property(MaxTest = Laws.Cases)]
    public Property Split_PartsSumToWholeAndDifferByAtMostOneMinorUnit() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Parts, (money, parts) =>
        {
            var shares = money.Split(parts);
            var amounts = shares.Select(s => s.Amount).ToArray();
            return shares.Length == parts
                && Money.Sum(shares, money.Currency) == money
                && amounts.Max() - amounts.Min() <= money.Currency.MinorUnit
                && shares.All(s => s.IsInMinorUnits && (s.IsZero || s.Sign == money.Sign));
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Split_EqualsAllocateWithEqualRatios() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Parts, (money, parts) =>
            money.Split(parts).SequenceEqual(money.Allocate(Enumerable.Repeat(1m, parts).ToArray())));

    [Property(MaxTest = Laws.Cases)]
    public Property Allocate_PartsSumToWholeAndEachIsWithinOneMinorUnitOfItsExactShare() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Ratios, (money, ratios) =>
        {
            var shares = money.Allocate(ratios);
            var total = ratios.Sum();
            return Money.Sum(shares, money.Currency) == money
                && shares.Select((share, i) => Math.Abs(share.Amount - (money.Amount * ratios[i] / total)))
                    .All(error => error < money.Currency.MinorUnit);
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Round_IsIdempotentAndLandsOnMinorUnits() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), ArbMap.Default.ArbFor<int>(), Modes, (money, digits, mode) =>
        {
            var unrounded = money + new Money(digits / 100_000m * money.Currency.MinorUnit, money.Currency);
            var policy = new RoundingPolicy(mode);
            var rounded = unrounded.Round(policy);
            return rounded.IsInMinorUnits && rounded.Round(policy) == rounded;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Round_MovesTheAmountAsTheModeSays() =>
        Prop.ForAll(AnyUsd, ArbMap.Default.ArbFor<int>(), Modes, (money, digits, mode) =>
        {
            var value = money.Amount + (digits % 100_000 / 10_000_000m);
            var rounded = new RoundingPolicy(mode).Round(value, 2);
            var error = rounded - value;
            return mode switch
            {
                RoundingMode.Ceiling => error is >= 0m and < 0.01m,
                RoundingMode.Floor => error is <= 0m and > -0.01m,
                RoundingMode.TowardZero => Math.Abs(rounded) <= Math.Abs(value) && Math.Abs(error) < 0.01m,
                RoundingMode.AwayFromZero => Math.Abs(rounded) >= Math.Abs(value) && Math.Abs(error) < 0.01m,
                _ => Math.Abs(error) <= 0.005m,
            };
        });
}
