using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Domain.Json;

/// <summary>
/// Writes <see cref="Money"/> as <c>{"amount":"1.50","currency":"USD"}</c>: the amount as invariant decimal text, so
/// that its scale survives every JSON library and JavaScript's doubles, and the currency by its code. Reads the same
/// (an amount given as a JSON number is taken exactly as written), and refuses anything else with
/// <see cref="JsonException"/>: a missing, repeated, unknown or null member, an amount that is not a decimal, an unknown
/// currency. Never <c>default(Money)</c>.
/// </summary>
/// <remarks>
/// <see cref="Money"/> carries this converter (with ISO 4217) as its type's converter, so plain
/// <see cref="JsonSerializer"/> calls use it. A host with its own currencies (credits, tokens) adds one built on its
/// registry to its options (<see cref="BillingJson.ConfigureForBilling"/>), which takes precedence.
/// </remarks>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    private readonly CurrencyJsonConverter _currency;

    /// <summary>Initializes the converter for ISO 4217 currencies.</summary>
    public MoneyJsonConverter()
        : this(CurrencyRegistry.Iso4217)
    {
    }

    /// <summary>Initializes the converter for the currencies of a registry.</summary>
    /// <param name="currencies">The currencies amounts may be in.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currencies"/> is null.</exception>
    public MoneyJsonConverter(CurrencyRegistry currencies)
    {
        _currency = new CurrencyJsonConverter(currencies);
    }

    /// <inheritdoc/>
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"An amount of money is an object {{\"amount\": \"1.50\", \"currency\": \"USD\"}}, not {reader.TokenType}.");
        }

        decimal? amount = null;
        Currency? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.GetString();
            reader.Read();
            switch (member)
            {
                case "amount" when amount is null:
                    amount = ReadAmount(ref reader);
                    break;
                case "currency" when currency is null:
                    currency = _currency.Read(ref reader, typeof(Currency), options);
                    break;
                default:
                    throw new JsonException($"An amount of money has \"amount\" and \"currency\" once each; \"{member}\" is not one of them, or comes twice.");
            }
        }

        return amount is { } value && currency is { } unit
            ? new Money(value, unit)
            : throw new JsonException($"An amount of money needs both \"amount\" and \"currency\"; {(amount is null ? "\"amount\"" : "\"currency\"")} is missing.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value == default)
        {
            throw new JsonException("default(Money) has no currency and is not written; it is not an amount.");
        }

        writer.WriteStartObject();
        writer.WriteString("amount", value.Amount.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }

    // Text with an invariant decimal, or a JSON number, both exactly as written.
    private static decimal ReadAmount(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String
            && decimal.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var number))
        {
            return number;
        }

        throw new JsonException($"An amount is a decimal such as \"1.50\"; this one is a {reader.TokenType} that is not.");
    }
}
