using System.Text.Json;
using Billing.Domain.Storage;
using NodaTime;
using NodaTime.Text;

namespace PrepaidApi;

/// <summary>
/// Reads the query string's filters as the API documents them: statuses and types by their snake_case names
/// (<c>partially_refunded</c>), instants in ISO form (<c>2026-03-01T00:00:00Z</c>), pages from 1. A bad value is an
/// <see cref="ArgumentException"/> naming the parameter, which the problem details handler answers with 400.
/// </summary>
internal static class QueryParameters
{
    public static TEnum? Enum<TEnum>(string? value, string name)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in System.Enum.GetValues<TEnum>())
        {
            if (JsonNamingPolicy.SnakeCaseLower.ConvertName(candidate.ToString()) == value)
            {
                return candidate;
            }
        }

        var names = string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())));
        throw new ArgumentException($"{value} is not one of: {names}.", name);
    }

    public static IReadOnlySet<TEnum> Enums<TEnum>(string[]? values, string name)
        where TEnum : struct, Enum =>
        (values ?? []).Select(v => Enum<TEnum>(v, name) ?? throw new ArgumentException("An empty value is not a filter.", name)).ToHashSet();

    /// <summary>The range [from, to) of instants; either end open when not given.</summary>
    public static InstantRange Range(string? from, string? to) => new(Instant(from, nameof(from)), Instant(to, nameof(to)));

    public static PageRequest Page(int? page, int? size) => new(page ?? 1, size ?? PageRequest.First.Size);

    private static Instant? Instant(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(value);
        return parsed.Success ? parsed.Value : throw new ArgumentException($"{value} is not an instant such as 2026-03-01T00:00:00Z.", name);
    }
}
