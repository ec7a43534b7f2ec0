using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Periods;
using NodaTime;
using NodaTime.Text;

namespace Billing.Domain.Json;

/// <summary>
/// Writes a <see cref="BillingPeriod"/> as <c>{"start":"2026-03-01","end":"2026-04-01"}</c> (ISO dates, the end exclusive)
/// and reads the same; a missing, repeated or unknown member, a date that is not ISO <c>uuuu-MM-dd</c>, or an end not
/// after the start is a <see cref="JsonException"/>. Never <c>default(BillingPeriod)</c>. The type carries it, so no
/// options are needed.
/// </summary>
public sealed class BillingPeriodJsonConverter : JsonConverter<BillingPeriod>
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    /// <inheritdoc/>
    public override BillingPeriod Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A billing period is an object {{\"start\": \"2026-03-01\", \"end\": \"2026-04-01\"}}, not {reader.TokenType}.");
        }

        LocalDate? start = null;
        LocalDate? end = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.GetString();
            reader.Read();
            switch (member)
            {
                case "start" when start is null:
                    start = ReadDate(ref reader, member);
                    break;
                case "end" when end is null:
                    end = ReadDate(ref reader, member);
                    break;
                default:
                    throw new JsonException($"A billing period has \"start\" and \"end\" once each; \"{member}\" is not one of them, or comes twice.");
            }
        }

        if (start is not { } first || end is not { } after)
        {
            throw new JsonException($"A billing period needs both \"start\" and \"end\"; {(start is null ? "\"start\"" : "\"end\"")} is missing.");
        }

        return after > first
            ? new BillingPeriod(first, after)
            : throw new JsonException($"A billing period's end {Iso.Format(after)} must be after its start {Iso.Format(first)}.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, BillingPeriod value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Start == value.End)
        {
            throw new JsonException("default(BillingPeriod) holds no day and is not written; it is not a period.");
        }

        writer.WriteStartObject();
        writer.WriteString("start", Iso.Format(value.Start));
        writer.WriteString("end", Iso.Format(value.End));
        writer.WriteEndObject();
    }

    private static LocalDate ReadDate(ref Utf8JsonReader reader, string member)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var parsed = text is null ? null : Iso.Parse(text);
        return parsed is { Success: true }
            ? parsed.Value
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"A billing period's \"{member}\" is an ISO date such as \"2026-03-01\"; {text ?? reader.TokenType.ToString()} is not."));
    }
}
