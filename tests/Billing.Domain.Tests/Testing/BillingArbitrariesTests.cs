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
    public void AnyMoney_CoversSeveralMinorUnitSizes()
    {
        var sample = BillingArbitraries.AnyMoney().Generator.Sample(500, 500);   // 500 samples whichever argument is the count: 20 could all be two-decimal currencies

        Assert.True(sample.Select(m => m.Currency.MinorUnits).Distinct().Count() >= 2);
        Assert.Contains(sample, m => m.IsNegative);
        Assert.Contains(sample, m => m.IsPositive);
    }

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
        // "Every amount is under 100.00" is false; the shrunk counterexample is exactly 100.00 USD.
        var failure = Assert.ThrowsAny<Exception>(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(1000),
            Prop.ForAll(BillingArbitraries.AnyMoney(), money => money.Abs() < new Money(100m, money.Currency))));

        Assert.Contains("Shrunk", failure.Message, StringComparison.Ordinal);
        Assert.Matches(@"Shrunk[^\n]*\n[^\n]*\n?100\.00 USD", failure.Message);
    }
}
