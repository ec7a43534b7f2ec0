using Billing.Domain.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests;

public class MoneyProperties
{
    // Parts: one to three (where a remainder goes first), up to 50, and now and then up to 10,000.
    private static Arbitrary<int> Parts =>
        Arb.From(Gen.Frequency((3, Gen.Choose(1, 3)), (3, Gen.Choose(4, 50)), (1, Gen.Choose(51, 10_000))), n => Enumerable.Range(1, n - 1));

    // Ratios: zeros, small whole numbers, fractions with 28 significant digits (1/3 as a decimal, whose mantissa needs
    // all 96 bits) and ratios up to a billion, mixed in one list, at least one positive.
    private static Arbitrary<decimal[]> Ratios =>
        Arb.From(
            Gen.Frequency(
                (2, Gen.Constant(0m)),
                (3, Gen.Choose(1, 100).Select(n => (decimal)n)),
                (2, Gen.Choose(1, 9).Select(n => n / 3m)),
                (1, Gen.Choose(1, 1_000_000_000).Select(n => (decimal)n)))
            .ArrayOf()
            .Where(r => r.Length is > 0 and <= 20 && r.Any(x => x > 0)),
            r => Enumerable.Range(0, r.Length).Where(i => r.Length > 1 && r.Where((_, j) => j != i).Any(x => x > 0)).Select(i => r.Where((_, j) => j != i).ToArray()));

    private static Arbitrary<RoundingMode> Modes => Arb.From(Gen.Elements(Enum.GetValues<RoundingMode>()));

    // The same currency for every amount, each currency size often (BillingArbitraries.AnyCurrency); each amount
    // shrinks on its own.
    private static Arbitrary<Money[]> SameCurrency(int count) =>
        Arb.From(
            from currency in BillingArbitraries.AnyCurrency().Generator
            from amounts in BillingArbitraries.MoneyIn(currency).Generator.ArrayOf(count)
            select amounts,
            amounts => Enumerable.Range(0, count).SelectMany(i =>
                BillingArbitraries.MoneyIn(amounts[i].Currency).Shrinker(amounts[i]).Select(shrunk => amounts.Select((a, j) => j == i ? shrunk : a).ToArray())));

    [Property(MaxTest = Laws.Cases)]
    public Property Add_IsCommutative() =>
        Prop.ForAll(SameCurrency(2), m => m[0] + m[1] == m[1] + m[0]);

    [Property(MaxTest = Laws.Cases)]
    public Property Add_IsAssociative() =>
        Prop.ForAll(SameCurrency(3), m => (m[0] + m[1]) + m[2] == m[0] + (m[1] + m[2]));

    [Property(MaxTest = Laws.Cases)]
    public Property Subtract_UndoesAdd() =>
        Prop.ForAll(SameCurrency(2), m => m[0] + m[1] - m[1] == m[0] && (m[0] - m[0]).IsZero && m[0] + -m[0] == Money.Zero(m[0].Currency));

    [Property(MaxTest = Laws.Cases)]
    public Property Compare_AgreesWithTheSignOfTheDifference() =>
        Prop.ForAll(SameCurrency(2), m => m[0].CompareTo(m[1]) == (m[0] - m[1]).Sign);

    [Property(MaxTest = Laws.Cases)]
    public Property Sum_EqualsRepeatedAddition() =>
        Prop.ForAll(SameCurrency(3), m => Money.Sum(m, m[0].Currency) == m[0] + m[1] + m[2]);

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

    // A style with a rounding mode (which only RoundedRemainderLast reads).
    private static Arbitrary<(AllocationStyle Style, RoundingMode Mode)> Styles =>
        Arb.From(from style in Gen.Elements(Enum.GetValues<AllocationStyle>()) from mode in Modes.Generator select (style, mode));

    [Property(MaxTest = Laws.Cases)]
    public Property EveryAllocationStyle_SumsToTheWhole_InMinorUnits() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Ratios, Styles, (money, ratios, styled) =>
        {
            var shares = money.Allocate(styled.Style, ratios, styled.Mode);
            return shares.Length == ratios.Length && Money.Sum(shares, money.Currency) == money && shares.All(s => s.IsInMinorUnits);
        });

    // Floor then the largest fractions: each share is its exact share floored, or one unit more, whatever the sign;
    // for an amount of zero or more it is the default style.
    [Property(MaxTest = Laws.Cases)]
    public Property FlooredLargestFraction_GivesEachShareItsFloorOrOneUnitMore_AndIsTheDefaultForAmountsNotBelowZero() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Ratios, (money, ratios) =>
        {
            var shares = money.Allocate(AllocationStyle.FlooredLargestFraction, ratios);
            var total = ratios.Sum();
            var unit = money.Currency.MinorUnit;
            return shares.Select((share, i) => share.Amount - (money.Amount * ratios[i] / total)).All(error => error > -unit && error < unit)
                && (money.Sign < 0 || shares.SequenceEqual(money.Allocate(ratios)));
        });

    // SafeDivide: every share but the last is its exact share rounded by the mode (within half a unit for the
    // half-way modes, within a unit for the others); the last takes the rest. The exact share is checked against the
    // decimal quotient, itself rounded in its 28th significant digit: hence the bound's last-digit slack.
    [Property(MaxTest = Laws.Cases)]
    public Property RoundedRemainderLast_RoundsEveryShareButTheLastByItsMode() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Parts, Modes, (money, parts, mode) =>
        {
            var shares = money.Split(parts, AllocationStyle.RoundedRemainderLast, mode);
            var exact = money.Amount / parts;
            var bound = mode.ToString().StartsWith("Half", StringComparison.Ordinal) ? money.Currency.MinorUnit / 2 : money.Currency.MinorUnit;
            return shares.Take(parts - 1).All(s => Math.Abs(s.Amount - exact) <= bound + 0.0000000000000001m)
                && Money.Sum(shares, money.Currency) == money;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Round_IsIdempotentAndLandsOnMinorUnits() =>
        Prop.ForAll(BillingArbitraries.AnyUnroundedMoney(), Modes, (unrounded, mode) =>
        {
            var policy = new RoundingPolicy(mode);
            var rounded = unrounded.Round(policy);
            return rounded.IsInMinorUnits && rounded.Round(policy) == rounded;
        });

    [Property(MaxTest = Laws.Cases)]
    public Property Round_MovesTheAmountAsTheModeSays_AndSendsATieWhereItsModeSays() =>
        Prop.ForAll(BillingArbitraries.AnyUnroundedMoney(), Modes, (money, mode) =>
        {
            var unit = money.Currency.MinorUnit;
            var value = money.Amount;
            var rounded = new RoundingPolicy(mode).Round(value, money.Currency.MinorUnits);
            var error = rounded - value;
            var tie = Math.Abs(error) * 2 == unit;
            return (mode switch
            {
                RoundingMode.Ceiling => error >= 0m && error < unit,
                RoundingMode.Floor => error <= 0m && error > -unit,
                RoundingMode.TowardZero => Math.Abs(rounded) <= Math.Abs(value) && Math.Abs(error) < unit,
                RoundingMode.AwayFromZero => Math.Abs(rounded) >= Math.Abs(value) && Math.Abs(error) < unit,
                _ => Math.Abs(error) * 2 <= unit && (!tie || mode switch
                {
                    RoundingMode.HalfToEven => rounded / unit % 2 == 0,
                    RoundingMode.HalfAwayFromZero => Math.Abs(rounded) > Math.Abs(value),
                    RoundingMode.HalfTowardZero => Math.Abs(rounded) < Math.Abs(value),
                    RoundingMode.HalfUp => rounded > value,
                    RoundingMode.HalfDown => rounded < value,
                    _ => false,
                }),
            }).Classify(tie, "tie");
        });
}
