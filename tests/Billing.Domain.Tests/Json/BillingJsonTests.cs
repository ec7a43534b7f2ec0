using System.Text.Json;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Events;
using Billing.Domain.Json;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
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

    /// <summary>Any discount round-trips with its kind, a percentage keeping its scale, a fixed amount its currency.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property Discounts_RoundTrip_WithTheirKind() =>
        Prop.ForAll(
            Gen.OneOf(
                Gen.Choose(0, 100_000).Select(p => Discount.Percent(p / 1000m)),
                BillingArbitraries.AnyMoney().Generator.Where(m => m.Amount >= 0m).Select(Discount.Fixed)).ToArbitrary(),
            discount =>
            {
                var json = JsonSerializer.Serialize(discount, Options);
                var read = JsonSerializer.Deserialize<Discount>(json, Options);
                return read == discount && read!.ToString() == discount.ToString();
            });

    [Fact]
    public void ADiscount_IsWrittenWithItsKind()
    {
        Assert.Equal("""{"kind":"percent","percent":"12.50"}""", JsonSerializer.Serialize(Discount.Percent(12.50m), Options));
        Assert.Equal("""{"kind":"fixed","amount":{"amount":"5.00","currency":"USD"}}""", JsonSerializer.Serialize(Discount.Fixed(Dollars(5.00m)), Options));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"kind":"percent"}""")]
    [InlineData("""{"kind":"percent","percent":12}""")]
    [InlineData("""{"kind":"percent","percent":"101"}""")]
    [InlineData("""{"kind":"percent","percent":"1e2"}""")]
    [InlineData("""{"kind":"percent","percent":"10","amount":"1"}""")]
    [InlineData("""{"kind":"coupon","percent":"10"}""")]
    [InlineData("""{"kind":"fixed","amount":{"amount":"-1.00","currency":"USD"}}""")]
    [InlineData("""{"kind":"fixed","amount":{"amount":"1.00"}}""")]
    [InlineData("\"10 %\"")]
    public void ADiscount_RefusesInvalidJson(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Discount>(json, Options));

    /// <summary>Any proration factor round-trips as its exact fraction.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property ProrationFactors_RoundTrip_AsFractions() =>
        Prop.ForAll(
            Gen.Choose(1, (int)ProrationFactor.MaxTerm).SelectMany(d => Gen.Choose(0, d).Select(n => new ProrationFactor(n, d))).ToArbitrary(),
            factor =>
            {
                var json = JsonSerializer.Serialize(factor, Options);
                return JsonSerializer.Deserialize<ProrationFactor>(json, Options) == factor && json == $"\"{factor.Numerator}/{factor.Denominator}\"";
            });

    [Theory]
    [InlineData("\"1/0\"")]
    [InlineData("\"-1/2\"")]
    [InlineData("\"1/2/3\"")]
    [InlineData("\"0.5\"")]
    [InlineData("\" 1/2\"")]
    [InlineData("0.5")]
    public void AProrationFactor_RefusesInvalidJson(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ProrationFactor>(json, Options));

    /// <summary>A calculated charge line, prorated and discounted, round-trips with every amount and its whole derivation: what a document store keeps.</summary>
    [Fact]
    public void AChargeLine_RoundTrips_WithItsDerivation()
    {
        var spec = ChargeSpec.For("Pro plan", 3m, new RecurringFee(Dollars(19.99m))) with
        {
            DurationMonths = 1m,
            Proration = new ProrationFactor(17, 31),
            Discounts = [Discount.Percent(12.5m), Discount.Fixed(Dollars(1m))],
            Taxes = [new TaxRate("VAT", 21m)],
        };
        var line = new ChargeEngine(ChargePolicy.PerLine).CalculateDocument([spec]).Lines[0];

        var json = JsonSerializer.Serialize(line, Options);
        var read = JsonSerializer.Deserialize<ChargeLine>(json, Options)!;

        Assert.Equal(JsonSerializer.Serialize(read, Options), json);
        Assert.Equal((line.Amount, line.Net, line.Discount, line.Taxes), (read.Amount, read.Net, read.Discount, read.Taxes));
        Assert.Equal(line.Explanation.ToString(), read.Explanation.ToString());
        Assert.Equal(line.TaxAmounts, read.TaxAmounts);
    }

    [Fact]
    public void AnAccountProfile_RoundTrips_WithItsTypeAndZoneId()
    {
        var profile = new AccountProfile("Acme AI", AccountType.Reseller, DateTimeZoneProviders.Tzdb["Europe/Paris"]);

        var json = JsonSerializer.Serialize(profile, Options);

        Assert.Equal("""{"name":"Acme AI","type":"reseller","zone":"Europe/Paris"}""", json);
        Assert.Equal(profile, JsonSerializer.Deserialize<AccountProfile>(json, Options));
    }

    public static TheoryData<BillingEvent> EveryEvent() =>
    [
        new TopUpCompleted("ord-1", "acc", Dollars(10.00m), Dollars(12.50m), Start),
        new TopUpAbnormal("ord-1", "acc", "pay-1", Dollars(1.00m), Dollars(10.00m), Start),
        new PaymentUnexpected("ord-1", "acc", "pay-2", Dollars(10.00m), Start),
        new CallRecorded("req-1", "acc", "gpt-x", Dollars(0.0012345m), Dollars(9.9987655m), Start),
        new CorrectionApproved("c1", "acc", Dollars(-2.50m), "bob", Start),
        new ApplicationApproved("app-1", "acc", Dollars(40.00m), Start),
        new ApplicationIssued("app-1", "acc", "FP-2026-00001", Dollars(40.00m), "finance@acme.example", Start),
        new ApplicationRejected("app-2", "acc", "wrong header", Start),
        new SubscriptionStatusChanged("sub-1", "acc", 3, SubscriptionStatus.Active, SubscriptionStatus.WaitingForManualApprove, SubscriptionTrigger.RequestStop, Start),
        new GracePeriodStarted("sub-1", "acc", 4, Start),
        new ChargeMade("sub-1/2026-03-10/Fee", "sub-1", "acc", Dollars(24.20m), BillingPeriod.OfMonth(new YearMonth(2026, 3)), Start),
        new BalanceBelowThreshold("acc", 7, "req-2", Dollars(5.00m), Dollars(4.00m), Start),
        new AutoTopUpDue("acc", 7, Dollars(5.00m), Dollars(4.00m), Start),
        new InvoiceClosed("inv-1", "acc", "INV-202604-000001", Dollars(87.44m), BillingPeriod.OfMonth(new YearMonth(2026, 3)), Start),
    ];

    /// <summary>Every event round-trips as its base type with its type name first, amounts with their scale; the list above names every event type the library has.</summary>
    [Theory]
    [MemberData(nameof(EveryEvent))]
    public void AnEvent_RoundTrips_WithItsTypeName(BillingEvent billingEvent)
    {
        var json = JsonSerializer.Serialize(billingEvent, Options);

        Assert.StartsWith($$"""{"type":"{{billingEvent.Type}}",""", json, StringComparison.Ordinal);
        Assert.Equal(billingEvent, JsonSerializer.Deserialize<BillingEvent>(json, Options));
        Assert.Contains(billingEvent.GetType(), typeof(BillingEvent).GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Select(a => a.DerivedType));
    }

    [Fact]
    public void EveryEventType_IsInTheRoundTripList_AndReadsBack()
    {
        var listed = ((IEnumerable<object[]>)EveryEvent()).Select(row => row[0].GetType()).ToHashSet();
        var declared = typeof(Money).Assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(BillingEvent))).ToHashSet();

        Assert.Equal(declared.OrderBy(t => t.Name), listed.OrderBy(t => t.Name));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BillingEvent>("""{"type":"no.such_event","accountId":"acc"}""", Options));
    }

    [Fact]
    public void ConfigureForBilling_RefusesNullOptions() =>
        Assert.Throws<ArgumentNullException>("options", () => BillingJson.ConfigureForBilling(null!));
}
