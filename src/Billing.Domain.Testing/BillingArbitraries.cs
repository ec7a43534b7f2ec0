using Billing.Domain.Periods;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Billing.Domain.Testing;

/// <summary>
/// FsCheck generators for the domain's value types, with shrinkers, for a host's own property tests.
/// </summary>
/// <remarks>
/// Each arbitrary shrinks toward a simple case: currencies toward USD, amounts toward zero, periods toward a
/// single day in January 2020, so that a failing property reports a small counterexample.
/// </remarks>
public static class BillingArbitraries
{
    private static readonly LocalDate Epoch = new(2020, 1, 1);

    // USD first so that currencies shrink toward it; then the built-in table, which includes 0, 3 and 4 minor units.
    private static readonly Currency[] Currencies =
        [Currency.FromCode("USD"), .. Currency.Iso4217.Where(c => c.Code != "USD")];

    /// <summary>Returns an arbitrary ISO 4217 currency that shrinks toward USD.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Currency> AnyCurrency() =>
        Arb.From(
            Gen.Choose(0, Currencies.Length - 1),
            index => ShrinkTowardZero(index).Where(i => i >= 0)).Convert(i => Currencies[i], IndexOf);

    /// <summary>Returns an arbitrary amount in whole minor units of <paramref name="currency"/>, up to ±10^12 minor units, shrinking toward zero.</summary>
    /// <param name="currency">The currency of every amount.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Money> MoneyIn(Currency currency) =>
        MinorUnits().Convert(units => new Money(units * currency.MinorUnit, currency), money => (long)(money.Amount / currency.MinorUnit));

    /// <summary>Returns an arbitrary amount in whole minor units of an arbitrary ISO 4217 currency.</summary>
    /// <returns>The arbitrary; currency and amount shrink independently.</returns>
    public static Arbitrary<Money> AnyMoney()
    {
        var currencies = AnyCurrency();
        var units = MinorUnits();
        var pairs = Arb.From(
            from currency in currencies.Generator
            from amount in units.Generator
            select (currency, amount),
            pair => currencies.Shrinker(pair.currency).Select(c => (c, pair.amount))
                .Concat(units.Shrinker(pair.amount).Select(u => (pair.currency, u))));
        return pairs.Convert(
            pair => new Money(pair.amount * pair.currency.MinorUnit, pair.currency),
            money => (money.Currency, (long)(money.Amount / money.Currency.MinorUnit)));
    }

    /// <summary>Returns an arbitrary billing period of 1 to 800 days starting between 2020 and 2040, shrinking toward one day on 2020-01-01.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<BillingPeriod> AnyBillingPeriod() =>
        Arb.From(
            from offset in Gen.Choose(0, 7300)
            from length in Gen.Choose(1, 800)
            select (offset, length),
            pair => ShrinkTowardZero(pair.offset).Where(o => o >= 0).Select(o => (o, pair.length))
                .Concat(ShrinkTowardZero(pair.length - 1).Where(l => l >= 0).Select(l => (pair.offset, l + 1))))
        .Convert(
            pair => new BillingPeriod(Epoch.PlusDays(pair.offset), Epoch.PlusDays(pair.offset + pair.length)),
            period => (Period.DaysBetween(Epoch, period.Start), period.Days));

    private static Arbitrary<long> MinorUnits() =>
        Arb.From(
            Gen.Choose(-1_000_000, 1_000_000).SelectMany(
                high => Gen.Choose(0, 999_999).Select(low => (high * 1_000_000L) + (high < 0 ? -low : low))),
            ShrinkTowardZero);

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
