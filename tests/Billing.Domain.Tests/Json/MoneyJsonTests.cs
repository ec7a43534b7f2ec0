using System.Text.Json;
using Billing.Domain.Json;
using Billing.Domain.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.Json;

public class MoneyJsonTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    /// <summary>Any amount in any currency round-trips through JSON with its scale (1.50 stays 1.50), with no options at all.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property Money_RoundTrips_WithItsScale() =>
        Prop.ForAll(BillingArbitraries.AnyMoney(), Gen.Choose(0, 6).ToArbitrary(), (money, zeros) =>
        {
            var scaled = new Money(money.Amount * new decimal((int)Math.Pow(10, zeros), 0, 0, false, (byte)zeros), money.Currency);   // the same value, zeros more decimals
            var back = JsonSerializer.Deserialize<Money>(JsonSerializer.Serialize(scaled));
            return back == scaled && back.Amount.Scale == scaled.Amount.Scale;
        });

    [Fact]
    public void Money_IsWritten_AsAnAmountStringAndACode()
    {
        Assert.Equal("""{"amount":"1.50","currency":"USD"}""", JsonSerializer.Serialize(new Money(1.50m, Usd)));
        Assert.Equal("""{"Fee":{"amount":"-0.0012345","currency":"JPY"},"Currency":"EUR"}""", JsonSerializer.Serialize(new Priced(new Money(-0.0012345m, Currency.FromCode("JPY")), Currency.FromCode("EUR"))));
        Assert.Equal(new Priced(new Money(7m, Usd), Usd), JsonSerializer.Deserialize<Priced>("""{"Fee":{"currency":"usd","amount":7},"Currency":"USD"}"""));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"amount":"1.50"}""")]
    [InlineData("""{"currency":"USD"}""")]
    [InlineData("""{"amount":"1,50","currency":"USD"}""")]
    [InlineData("""{"amount":"1.5e2","currency":"USD"}""")]
    [InlineData("""{"amount":" 1.50","currency":"USD"}""")]
    [InlineData("""{"amount":null,"currency":"USD"}""")]
    [InlineData("""{"amount":true,"currency":"USD"}""")]
    [InlineData("""{"amount":{"value":1},"currency":"USD"}""")]
    [InlineData("""{"amount":"1.50","currency":"XQQ"}""")]
    [InlineData("""{"amount":"1.50","currency":null}""")]
    [InlineData("""{"amount":"1.50","currency":"USD","note":"x"}""")]
    [InlineData("""{"amount":"1.50","amount":"2.00","currency":"USD"}""")]
    [InlineData(""""1.50 USD"""")]
    [InlineData("1.50")]
    [InlineData("null")]
    public void AnythingButAnAmountAndACurrency_IsAJsonException_NeverDefault(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>(json));

    [Fact]
    public void AMissingMoneyMember_IsAJsonException()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Priced>("""{"Fee":{"amount":"1"},"Currency":"USD"}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Priced>("""{"Fee":"1 USD","Currency":"USD"}"""));
    }

    [Fact]
    public void ADefault_IsNeverWritten()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(Money)));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(default(Currency)));
    }

    [Fact]
    public void AHostsOwnCurrencies_RoundTrip_ThroughItsOptions()
    {
        var credits = Currency.Custom("CRD", 4);
        var options = new JsonSerializerOptions().ConfigureForBilling(CurrencyRegistry.Iso4217.With(credits));
        var amount = new Money(12.3400m, credits);

        var json = JsonSerializer.Serialize(amount, options);

        Assert.Equal("""{"amount":"12.3400","currency":"CRD"}""", json);
        Assert.Equal(amount, JsonSerializer.Deserialize<Money>(json, options));
        Assert.Equal(credits, JsonSerializer.Deserialize<Currency>("\"crd\"", options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>(json));   // ISO 4217 alone does not know CRD
        Assert.Throws<ArgumentNullException>("options", () => BillingJson.ConfigureForBilling(null!));
        Assert.Throws<ArgumentNullException>("currencies", () => new MoneyJsonConverter(null!));
        Assert.Throws<ArgumentNullException>("currencies", () => new CurrencyJsonConverter(null!));
    }

    [Theory]
    [InlineData("\"XQQ\"")]
    [InlineData("\"\"")]
    [InlineData("840")]
    [InlineData("null")]
    [InlineData("{}")]
    public void AnythingButACode_IsNotACurrency(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Currency>(json));

    private sealed record Priced(Money Fee, Currency Currency);
}
