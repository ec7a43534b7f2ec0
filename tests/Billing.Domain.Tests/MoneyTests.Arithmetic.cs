namespace Billing.Domain.Tests;

public partial class MoneyTests
{
    [Fact]
    public void Add_SameCurrency_IsExact()
    {
        Assert.Equal(UsdOf(0.3m), UsdOf(0.1m) + UsdOf(0.2m));
        Assert.Equal(UsdOf(0.3m), Money.Add(UsdOf(0.1m), UsdOf(0.2m)));
    }

    [Fact]
    public void Add_DifferentCurrencies_ThrowsCurrencyMismatchNamingBoth()
    {
        var exception = Assert.Throws<CurrencyMismatchException>(() => UsdOf(1m) + new Money(1m, Eur));

        Assert.Equal("money.currency_mismatch", exception.Code);
        Assert.Equal(Usd, exception.Expected);
        Assert.Equal(Eur, exception.Actual);
        Assert.Contains("USD", exception.Message, StringComparison.Ordinal);
        Assert.Contains("EUR", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<BillingException>(exception);
        Assert.IsAssignableFrom<InvalidOperationException>(exception);
    }

    [Fact]
    public void Subtract_SameCurrency_IsExact()
    {
        Assert.Equal(UsdOf(-0.05m), UsdOf(0.10m) - UsdOf(0.15m));
        Assert.Equal(UsdOf(-0.05m), Money.Subtract(UsdOf(0.10m), UsdOf(0.15m)));
    }

    [Fact]
    public void Subtract_DifferentCurrencies_ThrowsCurrencyMismatch() =>
        Assert.Throws<CurrencyMismatchException>(() => Money.Subtract(UsdOf(1m), new Money(1m, Jpy)));

    [Fact]
    public void Negate_FlipsTheSign()
    {
        Assert.Equal(UsdOf(-12.34m), -UsdOf(12.34m));
        Assert.Equal(UsdOf(12.34m), Money.Negate(UsdOf(-12.34m)));
    }

    [Fact]
    public void Abs_DropsTheSign()
    {
        Assert.Equal(UsdOf(12.34m), UsdOf(-12.34m).Abs());
        Assert.Equal(UsdOf(12.34m), UsdOf(12.34m).Abs());
    }

    [Fact]
    public void Multiply_IsExactAndUnrounded()
    {
        Assert.Equal(UsdOf(0.41975m), UsdOf(1.25m) * 0.3358m);
        Assert.Equal(UsdOf(0.41975m), 0.3358m * UsdOf(1.25m));
        Assert.Equal(UsdOf(0.41975m), Money.Multiply(UsdOf(1.25m), 0.3358m));
    }

    [Fact]
    public void Divide_IsUnrounded()
    {
        Assert.Equal(UsdOf(2.5m), UsdOf(10m) / 4m);
        Assert.Equal(UsdOf(3.3333333333333333333333333333m), Money.Divide(UsdOf(10m), 3m));
        Assert.Throws<DivideByZeroException>(() => UsdOf(1m) / 0m);
    }

    [Fact]
    public void Arithmetic_BeyondDecimal_ThrowsArgumentOutOfRange_NeverOverflow()
    {
        Assert.IsType<OverflowException>(Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MaxValue) * 2m).InnerException);
        Assert.Contains("The product is outside the range of decimal", Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MaxValue) * 2m).Message, StringComparison.Ordinal);
        Assert.Contains("The sum is outside", Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MaxValue) + UsdOf(1m)).Message, StringComparison.Ordinal);
        Assert.Contains("The quotient is outside", Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MaxValue) / 0.5m).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MaxValue) + UsdOf(1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MinValue) - UsdOf(1m));
        Assert.Throws<ArgumentOutOfRangeException>(() => UsdOf(decimal.MaxValue) / 0.5m);
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.Sum([UsdOf(decimal.MaxValue), UsdOf(decimal.MaxValue)], Usd));
    }

    [Fact]
    public void Sum_AddsEveryAmountExactly()
    {
        var total = Money.Sum([UsdOf(0.1m), UsdOf(0.2m), UsdOf(-0.05m)], Usd);

        Assert.Equal(UsdOf(0.25m), total);
    }

    [Fact]
    public void Sum_Empty_IsZeroInTheGivenCurrency() =>
        Assert.Equal(Money.Zero(Jpy), Money.Sum([], Jpy));

    [Fact]
    public void Sum_MixedCurrencies_ThrowsCurrencyMismatch()
    {
        var exception = Assert.Throws<CurrencyMismatchException>(() => Money.Sum([UsdOf(1m), new Money(1m, Eur)], Usd));

        Assert.Equal(Eur, exception.Actual);
    }

    [Fact]
    public void Sum_Null_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("values", () => Money.Sum(null!, Usd));
}
