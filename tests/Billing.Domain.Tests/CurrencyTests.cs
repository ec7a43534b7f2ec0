using Billing.Domain;

namespace Billing.Domain.Tests;

public class CurrencyTests
{
    public static TheoryData<string, int, int> IsoCurrencies => new()
    {
        { "USD", 840, 2 },
        { "EUR", 978, 2 },
        { "JPY", 392, 0 },
        { "KRW", 410, 0 },
        { "KWD", 414, 3 },
        { "BHD", 48, 3 },
        { "TND", 788, 3 },
        { "CLF", 990, 4 },
        { "UYW", 927, 4 },
        { "XCG", 532, 2 },
        { "ZWG", 924, 2 },
        { "XOF", 952, 0 },
    };

    [Theory]
    [MemberData(nameof(IsoCurrencies))]
    public void FromCode_IsoCurrency_HasNumericCodeAndMinorUnits(string code, int numericCode, int minorUnits)
    {
        var currency = Currency.FromCode(code);

        Assert.Equal(code, currency.Code);
        Assert.Equal(numericCode, currency.NumericCode);
        Assert.Equal(minorUnits, currency.MinorUnits);
        Assert.True(currency.IsIso4217);
    }

    [Theory]
    [MemberData(nameof(IsoCurrencies))]
    public void FromNumericCode_IsoCurrency_FindsTheSameCurrency(string code, int numericCode, int minorUnits)
    {
        var currency = Currency.FromNumericCode(numericCode);

        Assert.Equal(Currency.FromCode(code), currency);
        Assert.Equal(minorUnits, currency.MinorUnits);
    }

    [Theory]
    [InlineData("usd")]
    [InlineData("Usd")]
    [InlineData("USD")]
    public void FromCode_AnyCase_FindsUsd(string code) => Assert.Equal("USD", Currency.FromCode(code).Code);

    [Fact]
    public void FromCode_UnknownCode_ThrowsUnknownCurrencyWithCode()
    {
        var exception = Assert.Throws<UnknownCurrencyException>(() => Currency.FromCode("ZZZ"));

        Assert.Equal("currency.unknown", exception.Code);
        Assert.Equal("ZZZ", exception.CurrencyCode);
    }

    [Fact]
    public void FromCode_Null_ThrowsArgumentNull() => Assert.Throws<ArgumentNullException>(() => Currency.FromCode(null!));

    [Fact]
    public void FromNumericCode_Unknown_ThrowsUnknownCurrency()
    {
        var exception = Assert.Throws<UnknownCurrencyException>(() => Currency.FromNumericCode(1));

        Assert.Equal("001", exception.CurrencyCode);
    }

    [Theory]
    [InlineData("eur", true)]
    [InlineData("ZZZ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryFromCode_ReportsWhetherFound(string? code, bool found)
    {
        Assert.Equal(found, Currency.TryFromCode(code, out var currency));
        Assert.Equal(found ? "EUR" : string.Empty, currency.Code);
    }

    [Theory]
    [InlineData("ANG")] // replaced by XCG in 2025
    [InlineData("BGN")] // Bulgaria adopted the euro on 2026-01-01
    [InlineData("HRK")] // Croatia adopted the euro on 2023-01-01
    [InlineData("XAU")] // minor units N.A.
    [InlineData("XXX")] // no currency
    public void TryFromCode_WithdrawnOrWithoutMinorUnits_IsNotBuiltIn(string code) =>
        Assert.False(Currency.TryFromCode(code, out _));

    [Fact]
    public void Iso4217_CodesAndNumericCodesAreUnique()
    {
        Assert.Equal(Currency.Iso4217.Count, Currency.Iso4217.Select(c => c.Code).Distinct().Count());
        Assert.Equal(Currency.Iso4217.Count, Currency.Iso4217.Select(c => c.NumericCode).Distinct().Count());
    }

    [Fact]
    public void Iso4217_EveryCurrencyIsWellFormed()
    {
        Assert.Equal(164, Currency.Iso4217.Count);
        Assert.All(Currency.Iso4217, c =>
        {
            Assert.Matches("^[A-Z]{3}$", c.Code);
            Assert.InRange(c.NumericCode, 1, 999);
            Assert.Contains(c.MinorUnits, new[] { 0, 2, 3, 4 });
            Assert.True(c.IsIso4217);
        });
        Assert.Equal(Currency.Iso4217.Select(c => c.Code).Order(StringComparer.Ordinal), Currency.Iso4217.Select(c => c.Code));
    }

    [Fact]
    public void MinorUnit_IsOneUnitOfTheSmallestDenomination()
    {
        Assert.Equal(0.01m, Currency.FromCode("USD").MinorUnit);
        Assert.Equal(1m, Currency.FromCode("JPY").MinorUnit);
        Assert.Equal(0.001m, Currency.FromCode("KWD").MinorUnit);
        Assert.Equal(0.0001m, Currency.FromCode("CLF").MinorUnit);
    }

    [Fact]
    public void Custom_ValidCode_IsUpperCasedAndNotIso()
    {
        var credits = Currency.Custom("credit", 4);

        Assert.Equal("CREDIT", credits.Code);
        Assert.Equal(4, credits.MinorUnits);
        Assert.Equal(0, credits.NumericCode);
        Assert.False(credits.IsIso4217);
        Assert.Equal(Currency.Custom("CREDIT", 4), credits);
    }

    [Theory]
    [InlineData("AB")]
    [InlineData("1AB")]
    [InlineData("AB-C")]
    [InlineData("TOOLONGCODE13")]
    [InlineData("USD")]
    [InlineData("eur")]
    public void Custom_MalformedOrIsoCode_ThrowsArgument(string code) =>
        Assert.Throws<ArgumentException>("code", () => Currency.Custom(code, 2));

    [Theory]
    [InlineData(-1)]
    [InlineData(29)]
    public void Custom_MinorUnitsOutOfRange_ThrowsArgumentOutOfRange(int minorUnits) =>
        Assert.Throws<ArgumentOutOfRangeException>("minorUnits", () => Currency.Custom("TOKEN", minorUnits));

    [Fact]
    public void Equals_SameCodeDifferentMinorUnits_AreDifferentCurrencies()
    {
        Assert.NotEqual(Currency.Custom("TOKEN", 0), Currency.Custom("TOKEN", 6));
        Assert.True(Currency.Custom("TOKEN", 0) != Currency.Custom("TOKEN", 6));
        Assert.True(Currency.FromCode("usd") == Currency.FromCode("USD"));
        Assert.Equal(Currency.FromCode("usd").GetHashCode(), Currency.FromCode("USD").GetHashCode());
    }

    [Fact]
    public void Default_HasEmptyCodeAndIsNotACurrency()
    {
        var none = default(Currency);

        Assert.Equal(string.Empty, none.Code);
        Assert.Equal(string.Empty, none.ToString());
        Assert.NotEqual(Currency.FromCode("USD"), none);
        Assert.Throws<ArgumentException>(() => new Money(1m, none));
    }
}
