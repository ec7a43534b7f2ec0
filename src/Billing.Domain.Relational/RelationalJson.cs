using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Charging;
using Billing.Domain.Json;
using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using NodaTime;
using NodaTime.Text;

namespace Billing.Domain.Relational;

/// <summary>JSON for the nested parts of an invoice (charge lines with their derivations, tables): amounts as exact decimal text, instants in extended ISO.</summary>
internal static class RelationalJson
{
    /// <summary>Options whose amounts may be in any currency of <paramref name="currencies"/>.</summary>
    /// <summary>The options of the outbox's payloads: events as the public JSON writes them (<c>BillingJson</c>), with the store's currencies.</summary>
    public static JsonSerializerOptions EventsFor(CurrencyRegistry currencies) => new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForBilling(currencies);

    public static JsonSerializerOptions OptionsFor(CurrencyRegistry currencies) => new()
    {
        Converters = { new MoneyConverter(currencies), new DiscountConverter(), new ProrationConverter(), new InstantConverter(), new StatusConverter() },
    };

    private sealed class MoneyConverter(CurrencyRegistry currencies) : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException("An amount is text.");
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            return new Money(decimal.Parse(text.AsSpan(0, space), NumberStyles.Number, CultureInfo.InvariantCulture), currencies.FromCode(text[(space + 1)..]));
        }

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Amount.ToString(CultureInfo.InvariantCulture) + " " + value.Currency.Code);
    }

    private sealed class DiscountConverter : JsonConverter<Discount>
    {
        public override Discount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.GetProperty("kind").GetString() == "percent"
                ? Discount.Percent(decimal.Parse(root.GetProperty("value").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture))
                : Discount.Fixed(root.GetProperty("amount").Deserialize<Money>(options));
        }

        public override void Write(Utf8JsonWriter writer, Discount value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            switch (value)
            {
                case PercentDiscount percent:
                    writer.WriteString("kind", "percent");
                    writer.WriteString("value", percent.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case FixedDiscount fixedAmount:
                    writer.WriteString("kind", "fixed");
                    writer.WritePropertyName("amount");
                    JsonSerializer.Serialize(writer, fixedAmount.Amount, options);
                    break;
                default:
                    throw new JsonException($"Unknown discount {value.GetType().Name}.");
            }

            writer.WriteEndObject();
        }
    }

    private sealed class ProrationConverter : JsonConverter<ProrationFactor>
    {
        public override ProrationFactor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var parts = (reader.GetString() ?? "1/1").Split('/');
            return new ProrationFactor(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }

        public override void Write(Utf8JsonWriter writer, ProrationFactor value, JsonSerializerOptions options) =>
            writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{value.Numerator}/{value.Denominator}"));
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString() ?? "").Value;

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }

    private sealed class StatusConverter : JsonConverter<SubscriptionStatus>
    {
        public override SubscriptionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            SubscriptionStatus.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, SubscriptionStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value.ApiName);
    }
}
