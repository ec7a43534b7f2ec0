using System.Text.Json;
using Billing.Domain.Consumption;
using Billing.Domain.Json;
using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Tests.Invoices;
using Billing.Domain.Tests.Prepaid;
using Billing.Domain.TopUps;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Json;

public sealed class BillingJsonTests
{
    private static readonly JsonSerializerOptions Options = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForBilling();

    private static readonly Type[] Enums = [.. typeof(Money).Assembly.GetExportedTypes().Where(t => t.IsEnum)];

    public static TheoryData<Type> EveryEnum() => [.. Enums];

    /// <summary>Any value of any enum of the library round-trips by its snake_case name.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property EveryEnumValue_RoundTrips_ByItsSnakeCaseName() =>
        Prop.ForAll(Gen.Elements(Enums.SelectMany(t => Enum.GetValues(t).Cast<object>())).ToArbitrary(), value =>
        {
            var json = JsonSerializer.Serialize(value, value.GetType(), Options);
            var name = JsonSerializer.Deserialize<string>(json);
            return Equals(JsonSerializer.Deserialize(json, value.GetType(), Options), value)
                && name == JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()!);
        });

    [Fact]
    public void Statuses_AreWritten_ByTheSeedsNames()
    {
        Assert.Equal("\"partially_refunded\"", JsonSerializer.Serialize(TopUpStatus.PartiallyRefunded, Options));
        Assert.Equal("\"non_recurring\"", JsonSerializer.Serialize(BillingType.NonRecurring, Options));
        Assert.Equal("\"waiting_for_manual_approve\"", JsonSerializer.Serialize(SubscriptionStatus.WaitingForManualApprove, Options));
        Assert.Equal("\"refused_over_credit_limit\"", JsonSerializer.Serialize(ConsumptionOutcome.RefusedOverCreditLimit, Options));
    }

    [Theory]
    [MemberData(nameof(EveryEnum))]
    public void AnEnum_RefusesIntegersAndUnknownNames(Type type)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("0", type, Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"no_such_status\"", type, Options));
    }

    [Fact]
    public void TheHostsOwnEnums_AreLeftToItsOtherConverters() =>
        Assert.Equal("1", JsonSerializer.Serialize(DayOfWeek.Monday, Options));

    /// <summary>Billing periods and instants, NodaTime's types through NodaTime.Serialization.SystemTextJson, round-trip in ISO form.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property BillingPeriods_RoundTrip_WithIsoDates() =>
        Prop.ForAll(BillingArbitraries.AnyBillingPeriod(), period =>
        {
            var json = JsonSerializer.Serialize(period, Options);
            return JsonSerializer.Deserialize<BillingPeriod>(json, Options) == period && json.Contains($"\"start\":\"{period.Start:yyyy'-'MM'-'dd}\"", StringComparison.Ordinal);
        });

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"start":"2026-03-01"}""")]
    [InlineData("""{"end":"2026-03-01"}""")]
    [InlineData("""{"start":"2026-03-01","end":"2026-03-01"}""")]
    [InlineData("""{"start":"2026-03-01","end":"2026-02-01"}""")]
    [InlineData("""{"start":"2026-3-1","end":"2026-04-01"}""")]
    [InlineData("""{"start":"2026-03-01","end":"2026-04-01","days":31}""")]
    [InlineData("""{"start":"2026-03-01","start":"2026-03-02","end":"2026-04-01"}""")]
    [InlineData("""{"start":20260301,"end":"2026-04-01"}""")]
    [InlineData("\"2026-03\"")]
    public void ABillingPeriod_RefusesIncompleteOrInvalidJson_NeverADefault(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BillingPeriod>(json));

    [Fact]
    public void APayment_RoundTrips_WithItsInstantsAndOutcome()
    {
        var payment = new TopUpPayment("pay-1", Dollars(10.50m), Start, Start.Plus(Duration.FromMinutes(1)), TopUpPaymentOutcome.Mismatched);

        var json = JsonSerializer.Serialize(payment, Options);

        Assert.Contains("\"outcome\":\"mismatched\"", json, StringComparison.Ordinal);
        Assert.Contains("\"amount\":\"10.50\"", json, StringComparison.Ordinal);
        Assert.Equal(payment, JsonSerializer.Deserialize<TopUpPayment>(json, Options));
    }

    [Fact]
    public async Task TheAggregatesAHostReturns_AreWrittenWithNamesNotNumbers()
    {
        var h = new InvoiceHarness();
        var order = await h.Prepaid.FundAsync("acc", 10m);
        var recorded = await h.Prepaid.Consumption.RecordAsync(Call("acc", "r1", 2.50m));

        var result = JsonSerializer.Serialize(recorded, Options);
        var written = JsonSerializer.Serialize(order, Options);

        Assert.Contains("\"outcome\":\"recorded\"", result, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"consumption_debit\"", result, StringComparison.Ordinal);
        Assert.Contains("\"balance\":{\"amount\":\"7.50\",\"currency\":\"USD\"}", result, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"completed\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureForBilling_RefusesNullOptions() =>
        Assert.Throws<ArgumentNullException>("options", () => BillingJson.ConfigureForBilling(null!));
}
