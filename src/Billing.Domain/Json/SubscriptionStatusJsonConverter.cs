using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Json;

/// <summary>
/// Writes a <see cref="SubscriptionStatus"/> by its API name, as the seeds name it (<c>"waiting_for_manual_approve"</c>,
/// <c>"installation_failed"</c>), and reads an API or display name, ignoring case (<see cref="SubscriptionStatus.TryParse"/>);
/// anything else is a <see cref="JsonException"/>. The type carries it, so no options are needed.
/// </summary>
public sealed class SubscriptionStatusJsonConverter : JsonConverter<SubscriptionStatus>
{
    /// <inheritdoc/>
    public override SubscriptionStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return SubscriptionStatus.TryParse(name, out var status)
            ? status
            : throw new JsonException($"A subscription status is one of its API names, such as \"active\"; {name ?? reader.TokenType.ToString()} is not.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, SubscriptionStatus value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ApiName);
    }
}
