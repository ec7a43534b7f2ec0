using System.Text.Json;
using System.Text.Json.Serialization;

namespace Billing.Domain.Json;

/// <summary>
/// Reads and writes every enum of Billing.Domain (statuses, outcomes, kinds) by its snake_case name, as the seeds and the
/// metrics name them: <c>TopUpStatus.PartiallyRefunded</c> is <c>"partially_refunded"</c>, <c>BillingType.NonRecurring</c>
/// is <c>"non_recurring"</c>. Reading refuses integers and unknown names with <see cref="JsonException"/>. The host's own
/// enums are left to its other converters.
/// </summary>
public sealed class BillingEnumJsonConverterFactory : JsonConverterFactory
{
    private static readonly JsonStringEnumConverter SnakeCase = new(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum && typeToConvert.Assembly == typeof(Money).Assembly;
    }

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        SnakeCase.CreateConverter(typeToConvert, options);
}
