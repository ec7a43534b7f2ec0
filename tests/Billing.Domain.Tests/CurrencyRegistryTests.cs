namespace Billing.Domain.Tests;

public class CurrencyRegistryTests
{
    private static readonly Currency Credits = Currency.Custom("CREDIT", 4);

    [Fact]
    public void With_CustomCurrency_IsFoundCaseInsensitively()
    {
        var registry = CurrencyRegistry.Iso4217.With(Credits);

        Assert.Equal(Credits, registry.FromCode("credit"));
        Assert.Equal(Currency.FromCode("USD"), registry.FromCode("USD"));
        Assert.Contains(Credits, registry.Currencies);
        Assert.Equal(CurrencyRegistry.Iso4217.Currencies.Count + 1, registry.Currencies.Count);
    }

    [Fact]
    public void With_LeavesTheOriginalRegistryUnchanged()
    {
        _ = CurrencyRegistry.Iso4217.With(Credits);

        Assert.False(CurrencyRegistry.Iso4217.TryFromCode("CREDIT", out _));
        Assert.Throws<UnknownCurrencyException>(() => Currency.FromCode("CREDIT"));
    }

    [Fact]
    public void With_SameCurrencyAgain_ReturnsSameRegistry()
    {
        var registry = CurrencyRegistry.Iso4217.With(Credits);

        Assert.Same(registry, registry.With(Currency.Custom("credit", 4)));
        Assert.Same(CurrencyRegistry.Iso4217, CurrencyRegistry.Iso4217.With(Currency.FromCode("EUR")));
    }

    [Fact]
    public void With_DifferentCurrencyWithTakenCode_ThrowsArgument()
    {
        var registry = CurrencyRegistry.Iso4217.With(Credits);

        Assert.Throws<ArgumentException>("currency", () => registry.With(Currency.Custom("CREDIT", 2)));
    }

    [Fact]
    public void With_DefaultCurrency_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("currency", () => CurrencyRegistry.Iso4217.With(default));

    [Fact]
    public void FromCode_Unknown_ThrowsUnknownCurrency() =>
        Assert.Equal("TOKEN", Assert.Throws<UnknownCurrencyException>(() => CurrencyRegistry.Iso4217.FromCode("TOKEN")).CurrencyCode);

    [Fact]
    public void TryFromCode_NullOrUnknown_ReturnsFalseAndDefault()
    {
        Assert.False(CurrencyRegistry.Iso4217.TryFromCode(null, out var none));
        Assert.Equal(default, none);
        Assert.False(CurrencyRegistry.Iso4217.TryFromCode("TOKEN", out _));
    }
}
