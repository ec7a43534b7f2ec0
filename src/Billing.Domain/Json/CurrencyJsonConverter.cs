using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Utility;

namespace Billing.Domain.Json;

/// <summary>Writes a <see cref="Currency"/> as its code (<c>"USD"</c>) and reads a code of the registry's, case-insensitively; anything else is a <see cref="JsonException"/>.</summary>
public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    private readonly CurrencyRegistry _currencies;

    /// <summary>Initializes the converter for ISO 4217 currencies.</summary>
    public CurrencyJsonConverter()
        : this(CurrencyRegistry.Iso4217)
    {
    }

    /// <summary>Initializes the converter for the currencies of a registry.</summary>
    /// <param name="currencies">The currencies codes may name.</param>
    /// <exception cref="ArgumentNullException"><paramref name="currencies"/> is null.</exception>
    public CurrencyJsonConverter(CurrencyRegistry currencies)
    {
        _currencies = Preconditions.CheckNotNull(currencies);
    }

    /// <inheritdoc/>
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var code = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return _currencies.TryFromCode(code, out var currency)
            ? currency
            : throw new JsonException($"A currency is one of the registry's codes, such as \"USD\"; {code ?? reader.TokenType.ToString()} is not.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value == default)
        {
            throw new JsonException("default(Currency) is not a currency and is not written.");
        }

        writer.WriteStringValue(value.Code);
    }
}
