using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Domain.Json;

/// <summary>
/// Writes a <see cref="Charging.Discount"/> with its kind: <c>{"kind":"percent","percent":"12.5"}</c> or
/// <c>{"kind":"fixed","amount":{"amount":"5.00","currency":"USD"}}</c>, the percentage as a string so it keeps its scale.
/// Reading refuses an unknown kind, a missing or extra property and an invalid value with <see cref="JsonException"/>.
/// </summary>
public sealed class DiscountJsonConverter : JsonConverter<Charging.Discount>
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) => typeof(Charging.Discount).IsAssignableFrom(typeToConvert);

    /// <inheritdoc/>
    public override Charging.Discount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind) || root.EnumerateObject().Count() != 2)
        {
            throw new JsonException("A discount is {\"kind\":\"percent\",\"percent\":\"…\"} or {\"kind\":\"fixed\",\"amount\":{…}}.");
        }

        try
        {
            return kind.GetString() switch
            {
                "percent" when root.TryGetProperty("percent", out var percent) && percent.ValueKind == JsonValueKind.String
                    && decimal.TryParse(percent.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) =>
                    Charging.Discount.Percent(value),
                "fixed" when root.TryGetProperty("amount", out var amount) => Charging.Discount.Fixed(amount.Deserialize<Money>(options)),
                _ => throw new JsonException($"A discount of kind {kind} is not one this library reads: percent (with \"percent\") or fixed (with \"amount\")."),
            };
        }
        catch (ArgumentException invalid)
        {
            throw new JsonException($"The discount is not valid: {invalid.Message}", invalid);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Charging.Discount value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        switch (value)
        {
            case Charging.PercentDiscount percent:
                writer.WriteString("kind", "percent");
                writer.WriteString("percent", percent.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Charging.FixedDiscount fixedAmount:
                writer.WriteString("kind", "fixed");
                writer.WritePropertyName("amount");
                JsonSerializer.Serialize(writer, fixedAmount.Amount, options);
                break;
        }

        writer.WriteEndObject();
    }
}
