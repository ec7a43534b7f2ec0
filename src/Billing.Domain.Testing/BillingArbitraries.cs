using Billing.Domain.Periods;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Domain.Testing;

/// <summary>
/// FsCheck generators for the domain's value types, with shrinkers, for a host's own property tests.
/// </summary>
/// <remarks>
/// <para>Each generator reaches the cases a billing law is usually about, on purpose rather than by luck: zero,
/// small amounts of either sign, amounts near the largest the library accepts, currencies with 0, 2, 3 and 4 minor
/// units, ties (exactly half a minor unit) for rounding, one-day and multi-year periods, leap days and month ends.
/// A test of this package measures what each one reaches.</para>
/// <para>Each arbitrary shrinks toward a simple case: currencies toward USD, amounts toward zero, periods toward a
/// single day in January 2020, so that a failing property reports a small counterexample.</para>
/// </remarks>
public static class BillingArbitraries
{
    private static readonly LocalDate Epoch = new(2020, 1, 1);

    // USD first so that currencies shrink toward it; then the built-in table, which has 0, 2, 3 and 4 minor units.
    private static readonly Currency[] Currencies =
        [Currency.FromCode("USD"), .. Currency.Iso4217.Where(c => c.Code != "USD")];

    // One currency of each size of minor unit, chosen often so that no size depends on luck: USD 2, JPY 0, KWD 3, CLF 4.
    private const int Tie = 5_000;

    private static readonly int[] EverySize = [.. new[] { "USD", "JPY", "KWD", "CLF" }.Select(code => Array.IndexOf(Currencies, Currency.FromCode(code)))];

    /// <summary>Returns an arbitrary ISO 4217 currency that shrinks toward USD; currencies with 0, 2, 3 and 4 minor units each come up often.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Currency> AnyCurrency() =>
        Arb.From(
            Gen.Frequency((1, Gen.Choose(0, Currencies.Length - 1)), (1, Gen.Elements(EverySize))),
            index => ShrinkTowardZero(index).Where(i => i >= 0)).Convert(i => Currencies[i], IndexOf);

    /// <summary>
    /// Returns an arbitrary amount in whole minor units of <paramref name="currency"/>, up to ±10^12 minor units:
    /// zero, small amounts of either sign, and large ones, each often; it shrinks toward zero.
    /// </summary>
    /// <param name="currency">The currency of every amount.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Money> MoneyIn(Currency currency) =>
        MinorUnits().Convert(units => FromUnits(units, currency), money => (long)(money.Amount / currency.MinorUnit));

    /// <summary>Returns an arbitrary amount in whole minor units of an arbitrary ISO 4217 currency (<see cref="AnyCurrency"/>, <see cref="MoneyIn"/>).</summary>
    /// <returns>The arbitrary; currency and amount shrink independently.</returns>
    public static Arbitrary<Money> AnyMoney() =>
        Pairs(AnyCurrency(), MinorUnits()).Convert(
            pair => FromUnits(pair.Second, pair.First),
            money => (money.Currency, (long)(money.Amount / money.Currency.MinorUnit)));

    /// <summary>
    /// Returns an arbitrary amount with more decimals than its currency's minor units, to round: a whole number of
    /// minor units (<see cref="AnyMoney"/>) plus a fraction of one, which is exactly one half (a tie, which tells the
    /// midpoint modes apart) a third of the time, zero sometimes, and any of 10,000 fractions otherwise.
    /// </summary>
    /// <returns>The arbitrary; it shrinks the whole units toward zero and the fraction toward a tie.</returns>
    public static Arbitrary<Money> AnyUnroundedMoney()
    {
        // Ten-thousandths of a minor unit, away from zero for a negative amount: 5,000 is a tie.
        var fractions = Arb.From(
            Gen.Frequency((2, Gen.Constant(Tie)), (1, Gen.Constant(0)), (3, Gen.Choose(-9_999, 9_999))),
            fraction => fraction == Tie ? [] : [Tie]);
        return Pairs(AnyMoney(), fractions).Convert(
            pair => pair.First + new Money(pair.First.Currency.MinorUnit * (pair.First.IsNegative ? -1 : 1) * pair.Second / 10_000m, pair.First.Currency),
            money =>
            {
                var units = money.Amount / money.Currency.MinorUnit;
                var whole = decimal.Truncate(units);
                return (FromUnits((long)whole, money.Currency), (int)((units - whole) * 10_000m * (whole < 0 ? -1 : 1)));
            });
    }

    /// <summary>
    /// Returns an arbitrary billing period of 1 to 800 days starting between 2020 and 2040: one-day periods, whole
    /// months, periods over a leap day and periods of more than a year each come up often; it shrinks toward one day
    /// on 2020-01-01.
    /// </summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<BillingPeriod> AnyBillingPeriod()
    {
        var offsets = Gen.Frequency(
            (3, Gen.Choose(0, 7300)),
            (1, Gen.Elements(Period.DaysBetween(Epoch, new LocalDate(2020, 2, 29)), Period.DaysBetween(Epoch, new LocalDate(2024, 2, 28)), Period.DaysBetween(Epoch, new LocalDate(2021, 1, 31)))));
        var lengths = Gen.Frequency((3, Gen.Choose(1, 800)), (1, Gen.Elements(1, 28, 29, 30, 31, 365, 366, 731)));
        return Arb.From(
            from offset in offsets
            from length in lengths
            select (offset, length),
            pair => ShrinkTowardZero(pair.offset).Where(o => o >= 0).Select(o => (o, pair.length))
                .Concat(ShrinkTowardZero(pair.length - 1).Where(l => l >= 0).Select(l => (pair.offset, l + 1))))
        .Convert(
            pair => new BillingPeriod(Epoch.PlusDays(pair.offset), Epoch.PlusDays(pair.offset + pair.length)),
            period => (Period.DaysBetween(Epoch, period.Start), period.Days));
    }

    private static Money FromUnits(long units, Currency currency) => new(units * currency.MinorUnit, currency);

    // Minor units: zero, small of either sign, up to a million, and up to 10^12, each often; shrinking toward zero.
    private static Arbitrary<long> MinorUnits() =>
        Arb.From(
            Gen.Frequency(
                (1, Gen.Constant(0L)),
                (3, Gen.Choose(-1_000, 1_000).Select(u => (long)u)),
                (3, Gen.Choose(-1_000_000, 1_000_000).Select(u => (long)u)),
                (3, Gen.Choose(-1_000_000, 1_000_000).SelectMany(high => Gen.Choose(0, 999_999).Select(low => (high * 1_000_000L) + (high < 0 ? -low : low))))),
            ShrinkTowardZero);

    // Two arbitraries as one whose pairs shrink each side on its own.
    private static Arbitrary<(TFirst First, TSecond Second)> Pairs<TFirst, TSecond>(Arbitrary<TFirst> first, Arbitrary<TSecond> second) =>
        Arb.From(
            from a in first.Generator
            from b in second.Generator
            select (a, b),
            pair => first.Shrinker(pair.Item1).Select(a => (a, pair.Item2)).Concat(second.Shrinker(pair.Item2).Select(b => (pair.Item1, b))));

    private static IEnumerable<long> ShrinkTowardZero(long value)
    {
        if (value == 0)
        {
            yield break;
        }

        yield return 0;
        for (var step = value / 2; step != 0; step /= 2)
        {
            yield return value - step;
        }

        if (value < 0)
        {
            yield return -value;
        }
    }

    private static IEnumerable<int> ShrinkTowardZero(int value) => ShrinkTowardZero((long)value).Select(v => (int)v);

    private static int IndexOf(Currency currency) => Array.IndexOf(Currencies, currency);
}
