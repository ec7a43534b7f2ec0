using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Periods;

namespace Billing.Domain.Json;

/// <summary>
/// Writes a <see cref="ProrationFactor"/> as its exact fraction, <c>"17/31"</c>; reading refuses anything that is not
/// two whole terms the factor accepts with <see cref="JsonException"/>.
/// </summary>
public sealed class ProrationFactorJsonConverter : JsonConverter<ProrationFactor>
{
    /// <inheritdoc/>
    public override ProrationFactor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var parts = text?.Split('/');
        if (parts is [var numerator, var denominator]
            && long.TryParse(numerator, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && long.TryParse(denominator, NumberStyles.None, CultureInfo.InvariantCulture, out var d))
        {
            try
            {
                return new ProrationFactor(n, d);
            }
            catch (ArgumentException invalid)
            {
                throw new JsonException($"The proration factor {text} is not valid: {invalid.Message}", invalid);
            }
        }

        throw new JsonException($"A proration factor is a fraction such as \"17/31\"; {text ?? reader.TokenType.ToString()} is not.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ProrationFactor value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"{value.Numerator}/{value.Denominator}"));
    }
}
