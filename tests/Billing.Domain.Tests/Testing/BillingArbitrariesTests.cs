using Billing.Domain.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Testing;

public class BillingArbitrariesTests
{
    [Property(MaxTest = Laws.Cases)]
    public Property AnyMoney_IsInWholeMinorUnitsOfAnIsoCurrency() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), money =>
            money.IsInMinorUnits && money.Currency.IsIso4217 && Math.Abs(money.Amount / money.Currency.MinorUnit) <= 1_000_000_000_000m);

    [Fact]
    public void AnyMoney_ShrinksTowardZeroAndUsd()
    {
        var money = new Money(-1234.56m, Currency.FromCode("EUR"));

        var shrinks = BillingArbitraries.AnyMoney().Shrinker(money).ToList();

        Assert.NotEmpty(shrinks);
        Assert.Contains(new Money(0m, Currency.FromCode("EUR")), shrinks);
        Assert.Contains(shrinks, m => m.Currency.Code == "USD" && m.Amount == money.Amount);
        Assert.All(shrinks, m => Assert.True(Math.Abs(m.Amount) <= Math.Abs(money.Amount)));
    }

    [Property(MaxTest = Laws.Cases)]
    public Property MoneyIn_KeepsTheCurrency() =>
        Prop.ForAll(BillingArbitraries.MoneyIn(Currency.FromCode("KWD")), money =>
            money.Currency.Code == "KWD" && money.IsInMinorUnits);

    [Fact]
    public void AnyCurrency_ShrinksTowardUsd()
    {
        var shrinks = BillingArbitraries.AnyCurrency().Shrinker(Currency.FromCode("JPY")).ToList();

        Assert.Equal(Currency.FromCode("USD"), shrinks[0]);
        Assert.Empty(BillingArbitraries.AnyCurrency().Shrinker(Currency.FromCode("USD")));
    }

    [Property(MaxTest = Laws.Cases)]
    public Property AnyBillingPeriod_IsOneTo800Days() =>
        Prop.ForAll(BillingArbitraries.AnyBillingPeriod(), period =>
            period.Days is >= 1 and <= 800 && period.Start >= new LocalDate(2020, 1, 1));

    [Fact]
    public void AnyBillingPeriod_ShrinksTowardOneDayIn2020()
    {
        var period = new Billing.Domain.Periods.BillingPeriod(new LocalDate(2031, 5, 4), new LocalDate(2031, 8, 1));

        var shrinks = BillingArbitraries.AnyBillingPeriod().Shrinker(period).ToList();

        Assert.Contains(new Billing.Domain.Periods.BillingPeriod(new LocalDate(2020, 1, 1), new LocalDate(2020, 1, 1).PlusDays(period.Days)), shrinks);
        Assert.Contains(new Billing.Domain.Periods.BillingPeriod(period.Start, period.Start.PlusDays(1)), shrinks);
        Assert.All(shrinks, p => Assert.True(p.Days <= period.Days && p.Start <= period.Start));
    }

    [Fact]
    public void FailingProperty_ReportsAShrunkCounterexample()
    {
        // "Every amount is under 100 of its currency" is false; the shrunk counterexample is exactly 100 (100, 100.00,
        // 100.000 or 100.0000 depending on the currency it kept).
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(1000),
            Prop.ForAll(BillingArbitraries.AnyMoney(), money => money.Abs() < new Money(100m, money.Currency))));

        Assert.Contains("Shrunk", failure.Message, StringComparison.Ordinal);
        Assert.Matches(@"Shrunk:\r?\n100(\.0{2,4})? [A-Z]{3}\r?\n", failure.Message);
    }

    // What each shipped arbitrary reaches, measured on a large sample: each case a law is usually about comes up in
    // at least a few percent of the cases, so that a property of 100 cases meets it.
    private const int SampleSize = 4_000;

    private static double Share<T>(IReadOnlyList<T> sample, Func<T, bool> reaches) => (double)sample.Count(reaches) / sample.Count;

    private static List<T> SampleOf<T>(Arbitrary<T> arbitrary) => [.. arbitrary.Generator.Sample(SampleSize, 100)];

    [Fact]
    public void AnyMoney_ReachesZeroSmallAmountsOfEitherSignAndLargeAmounts()
    {
        var sample = SampleOf(BillingArbitraries.AnyMoney());
        static decimal Units(Money money) => money.Amount / money.Currency.MinorUnit;

        Assert.InRange(Share(sample, m => m.IsZero), 0.03, 0.2);
        Assert.InRange(Share(sample, m => Units(m) is < 0 and >= -1_000), 0.05, 1);
        Assert.InRange(Share(sample, m => Units(m) is > 0 and <= 1_000), 0.05, 1);
        Assert.InRange(Share(sample, m => Math.Abs(Units(m)) > 1_000_000_000m), 0.1, 1);
        Assert.InRange(Share(sample, m => Math.Abs(Units(m)) is > 1_000 and <= 1_000_000), 0.1, 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void AnyMoney_ReachesEachSizeOfMinorUnit(int minorUnits)
    {
        var sample = SampleOf(BillingArbitraries.AnyMoney());

        Assert.InRange(Share(sample, m => m.Currency.MinorUnits == minorUnits), 0.05, 1);
    }

    [Fact]
    public void AnyCurrency_ReachesUsdOftenAndManyOthers()
    {
        var sample = SampleOf(BillingArbitraries.AnyCurrency());

        Assert.InRange(Share(sample, c => c.Code == "USD"), 0.05, 0.5);
        Assert.True(sample.Distinct().Count() >= 50, $"{sample.Distinct().Count()} distinct currencies");
    }

    [Fact]
    public void AnyUnroundedMoney_ReachesTiesOfEitherSignAndAmountsBetweenMinorUnits()
    {
        var sample = SampleOf(BillingArbitraries.AnyUnroundedMoney());
        static decimal Fraction(Money money) => (money.Amount / money.Currency.MinorUnit) % 1m;

        Assert.InRange(Share(sample, m => Fraction(m) == 0.5m), 0.1, 1);
        Assert.InRange(Share(sample, m => Fraction(m) == -0.5m), 0.05, 1);
        Assert.InRange(Share(sample, m => Fraction(m) is not 0m and not 0.5m and not -0.5m), 0.3, 1);
        Assert.InRange(Share(sample, m => m.IsInMinorUnits), 0.05, 0.5);
        Assert.InRange(Share(sample, m => m.Currency.MinorUnits == 0 && Fraction(m) is 0.5m or -0.5m), 0.01, 1);
    }

    [Property(MaxTest = Laws.Cases)]
    public Property AnyUnroundedMoney_IsWithinOneMinorUnitOfAnAmountOfAnyMoney() =>
        Prop.ForAll(BillingArbitraries.AnyUnroundedMoney(), money =>
            money.Currency.IsIso4217 && Math.Abs(money.Amount / money.Currency.MinorUnit) < 1_000_000_000_001m);

    [Fact]
    public void AnyUnroundedMoney_ShrinksTheWholeUnitsTowardZeroAndTheFractionTowardATie()
    {
        var money = new Money(12.3456m, Currency.FromCode("USD"));

        var shrinks = BillingArbitraries.AnyUnroundedMoney().Shrinker(money).ToList();

        Assert.Contains(new Money(0.0056m, Currency.FromCode("USD")), shrinks);
        Assert.Contains(new Money(12.345m, Currency.FromCode("USD")), shrinks);
    }

    [Fact]
    public void AnyBillingPeriod_ReachesOneDayMonthsLeapDaysAndMoreThanAYear()
    {
        var sample = SampleOf(BillingArbitraries.AnyBillingPeriod());
        static bool HasLeapDay(Billing.Domain.Periods.BillingPeriod period) =>
            Enumerable.Range(period.Start.Year, period.End.Year - period.Start.Year + 1)
                .Where(DateTime.IsLeapYear)
                .Select(year => new LocalDate(year, 2, 29))
                .Any(day => day >= period.Start && day < period.End);

        Assert.InRange(Share(sample, p => p.Days == 1), 0.02, 0.3);
        Assert.InRange(Share(sample, p => p.Days is >= 28 and <= 31), 0.05, 1);
        Assert.InRange(Share(sample, p => p.Days > 365), 0.1, 1);
        Assert.InRange(Share(sample, HasLeapDay), 0.2, 1);
        Assert.InRange(Share(sample, p => p.Start.Day == 29 && p.Start.Month == 2), 0.02, 1);
        Assert.InRange(Share(sample, p => p.Start.PlusDays(1).Day == 1), 0.05, 1);
    }
}
