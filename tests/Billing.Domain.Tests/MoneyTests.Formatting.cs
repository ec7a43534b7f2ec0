using System.Globalization;

namespace Billing.Domain.Tests;

public partial class MoneyTests
{
    [Theory]
    [InlineData(1234.5, "USD", "1234.50 USD")]
    [InlineData(-5, "USD", "-5.00 USD")]
    [InlineData(1.23456, "USD", "1.23456 USD")]
    [InlineData(1.2300, "USD", "1.23 USD")]
    [InlineData(1234, "JPY", "1234 JPY")]
    [InlineData(1.5, "KWD", "1.500 KWD")]
    [InlineData(1, "CLF", "1.0000 CLF")]
    public void ToString_IsInvariantWithMinorUnitsAndCode(decimal amount, string code, string expected) =>
        Assert.Equal(expected, new Money(amount, Currency.FromCode(code)).ToString());

    [Theory]
    [InlineData("en-US", "1,234,567.50 USD")]
    [InlineData("de-DE", "1.234.567,50 USD")]
    [InlineData("", "1,234,567.50 USD")]
    public void ToString_N_UsesTheCultureSeparators(string culture, string expected) =>
        Assert.Equal(expected, UsdOf(1234567.5m).ToString("N", CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void ToString_G_WithCulture_UsesItsDecimalSeparatorWithoutGroups() =>
        Assert.Equal("1234,50 USD", UsdOf(1234.5m).ToString("G", CultureInfo.GetCultureInfo("de-DE")));

    [Fact]
    public void ToString_NullFormatAndProvider_IsInvariant() =>
        Assert.Equal("1234.50 USD", UsdOf(1234.5m).ToString(null, null));

    [Fact]
    public void ToString_UnknownFormat_ThrowsFormat() =>
        Assert.Throws<FormatException>(() => UsdOf(1m).ToString("C", CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1234.50 USD", 1234.50, "USD")]
    [InlineData("  -0.5 usd  ", -0.5, "USD")]
    [InlineData("1,234.50 EUR", 1234.50, "EUR")]
    [InlineData("100 JPY", 100, "JPY")]
    public void Parse_Invariant_ReadsAmountAndCode(string text, decimal amount, string code)
    {
        var expected = new Money(amount, Currency.FromCode(code));

        Assert.Equal(expected, Money.Parse(text, CultureInfo.InvariantCulture));
        Assert.True(Money.TryParse(text, CultureInfo.InvariantCulture, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("en-US")]
    public void Parse_CultureFormatted_RoundTrips(string culture)
    {
        var provider = CultureInfo.GetCultureInfo(culture);
        var money = UsdOf(-1234567.891m);

        Assert.Equal(money, Money.Parse(money.ToString("N", provider), provider));
        Assert.True(Money.TryParse(money.ToString("G", provider), provider, out var parsed));
        Assert.Equal(money, parsed);
    }

    [Fact]
    public void Parse_KeepsTheWrittenDecimals() =>
        Assert.Equal(3, (int)Money.Parse("1.230 USD", CultureInfo.InvariantCulture).Amount.Scale);

    [Theory]
    [InlineData("")]
    [InlineData("USD")]
    [InlineData("12.00")]
    [InlineData("abc USD")]
    [InlineData("12.00 US")]
    [InlineData("12.00 1SD")]
    [InlineData("USD 12.00")]
    public void Parse_Malformed_ThrowsFormatAndTryParseReturnsFalse(string text)
    {
        Assert.Throws<FormatException>(() => Money.Parse(text, CultureInfo.InvariantCulture));
        Assert.False(Money.TryParse(text, CultureInfo.InvariantCulture, out var result));
        Assert.Equal(default, result);
    }

    [Fact]
    public void Parse_UnknownCurrency_ThrowsUnknownCurrencyAndTryParseReturnsFalse()
    {
        Assert.Equal("ZZZ", Assert.Throws<UnknownCurrencyException>(() => Money.Parse("12.00 ZZZ", CultureInfo.InvariantCulture)).CurrencyCode);
        Assert.False(Money.TryParse("12.00 ZZZ", CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullAndTryParseReturnsFalse()
    {
        Assert.Throws<ArgumentNullException>(() => Money.Parse(null!, CultureInfo.InvariantCulture));
        Assert.False(Money.TryParse(null, CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Parse_WithRegistry_ReadsHostCurrencies()
    {
        var credits = Currency.Custom("CREDIT", 4);
        var registry = CurrencyRegistry.Iso4217.With(credits);

        Assert.Equal(new Money(5.5m, credits), Money.Parse("5.5 credit", CultureInfo.InvariantCulture, registry));
        Assert.True(Money.TryParse("5.5000 CREDIT", null, registry, out var parsed));
        Assert.Equal("5.5000 CREDIT", parsed.ToString());
        Assert.False(Money.TryParse("5.5 CREDIT", CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Parse_IsTheParsableImplementation()
    {
        static T ParseGeneric<T>(string s)
            where T : IParsable<T> => T.Parse(s, CultureInfo.InvariantCulture);

        Assert.Equal(UsdOf(1m), ParseGeneric<Money>("1.00 USD"));
    }

    [Fact]
    public void ToString_DropsTrailingZerosBeyondTheMinorUnits_KeepsTheOthers()
    {
        Assert.Equal("1.23 USD", UsdOf(1.2300m).ToString());
        Assert.Equal("1.2345 USD", UsdOf(1.234500m).ToString());
        Assert.Equal("1.00 USD", UsdOf(1.000000m).ToString());
    }

    [Fact]
    public void Parse_WithoutARegistry_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>("registry", () => Money.Parse("1 USD", CultureInfo.InvariantCulture, null!));
        Assert.Throws<ArgumentNullException>("registry", () => Money.TryParse("1 USD", CultureInfo.InvariantCulture, null!, out _));
    }
}
