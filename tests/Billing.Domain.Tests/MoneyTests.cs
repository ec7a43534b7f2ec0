namespace Billing.Domain.Tests;

public partial class MoneyTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Currency Eur = Currency.FromCode("EUR");
    private static readonly Currency Jpy = Currency.FromCode("JPY");

    private static Money UsdOf(decimal amount) => new(amount, Usd);

    [Fact]
    public void Constructor_DefaultCurrency_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("currency", () => new Money(1m, default));

    [Fact]
    public void Equals_SameValueDifferentScale_AreEqualWithEqualHashes()
    {
        Assert.Equal(UsdOf(1.5m), UsdOf(1.50m));
        Assert.True(UsdOf(1.5m) == UsdOf(1.500m));
        Assert.Equal(UsdOf(1.5m).GetHashCode(), UsdOf(1.50m).GetHashCode());
    }

    [Fact]
    public void Equals_DifferentCurrency_AreNotEqual()
    {
        Assert.NotEqual(UsdOf(1m), new Money(1m, Eur));
        Assert.True(UsdOf(1m) != new Money(1m, Eur));
        Assert.False(UsdOf(1m).Equals((object)1m));
    }

    [Fact]
    public void Compare_SameCurrency_OrdersByAmount()
    {
        Assert.True(UsdOf(1m) < UsdOf(2m));
        Assert.True(UsdOf(2m) > UsdOf(1m));
        Assert.False(UsdOf(2m) < UsdOf(2.00m));   // strict: an amount is not less, nor more, than itself
        Assert.False(UsdOf(2m) > UsdOf(2.00m));
        Assert.True(UsdOf(2m) <= UsdOf(2.00m) && UsdOf(2m) >= UsdOf(2.00m));
        Assert.True(UsdOf(2m) <= UsdOf(2.00m));
        Assert.True(UsdOf(2m) >= UsdOf(2.00m));
        Assert.Equal(0, UsdOf(2m).CompareTo(UsdOf(2.00m)));
        Assert.Equal([UsdOf(-1m), UsdOf(0m), UsdOf(3m)], new[] { UsdOf(3m), UsdOf(-1m), UsdOf(0m) }.Order());
    }

    [Fact]
    public void Compare_DifferentCurrencies_ThrowsCurrencyMismatch() =>
        Assert.Throws<CurrencyMismatchException>(() => UsdOf(1m) < new Money(2m, Eur));

    [Theory]
    [InlineData(-3.5, true, false, false, -1)]
    [InlineData(0, false, true, false, 0)]
    [InlineData(0.01, false, false, true, 1)]
    public void SignTests_ReflectTheAmount(decimal amount, bool negative, bool zero, bool positive, int sign)
    {
        var money = UsdOf(amount);

        Assert.Equal(negative, money.IsNegative);
        Assert.Equal(zero, money.IsZero);
        Assert.Equal(positive, money.IsPositive);
        Assert.Equal(sign, money.Sign);
    }

    [Theory]
    [InlineData(1.23, true)]
    [InlineData(1.231, false)]
    [InlineData(-0.01, true)]
    public void IsInMinorUnits_TellsWhetherTheAmountNeedsRounding(decimal amount, bool expected) =>
        Assert.Equal(expected, UsdOf(amount).IsInMinorUnits);

    [Fact]
    public void Zero_HasTheCurrencyMinorUnits()
    {
        Assert.True(Money.Zero(Usd).IsZero);
        Assert.Equal("0.00 USD", Money.Zero(Usd).ToString());
        Assert.Equal("0 JPY", Money.Zero(Jpy).ToString());
        Assert.Throws<ArgumentException>(() => Money.Zero(default));
    }

    [Fact]
    public void MinorUnit_IsTheSmallestAmount()
    {
        Assert.Equal(UsdOf(0.01m), Money.MinorUnit(Usd));
        Assert.Equal(new Money(1m, Jpy), Money.MinorUnit(Jpy));
    }

    [Fact]
    public void Default_HasNoCurrencyAndRefusesArithmetic()
    {
        var none = default(Money);

        Assert.Equal(0m, none.Amount);
        Assert.Equal(default, none.Currency);
        Assert.True(none == default(Money));
        Assert.Throws<InvalidOperationException>(() => none + UsdOf(1m));
        Assert.Throws<InvalidOperationException>(() => UsdOf(1m) - none);
        Assert.Throws<InvalidOperationException>(() => -none);
        Assert.Throws<InvalidOperationException>(() => none * 2m);
        Assert.Throws<InvalidOperationException>(() => none / 2m);
        Assert.Throws<InvalidOperationException>(() => none.Abs());
        Assert.Throws<InvalidOperationException>(() => none.Round(RoundingPolicy.Bankers));
        Assert.Throws<InvalidOperationException>(() => none.Split(2));
        Assert.Throws<InvalidOperationException>(() => none.CompareTo(UsdOf(1m)));
        Assert.Equal("0", none.ToString());
    }
}
