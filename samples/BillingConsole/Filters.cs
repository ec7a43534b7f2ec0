using System.Globalization;
using System.Text.Json;
using Billing.Domain.Periods;
using Billing.Domain.Storage;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime;
using NodaTime.Text;

namespace BillingConsole;

/// <summary>
/// Reads the pages' filters as the forms send them: days as <c>2026-03-01</c> (an &lt;input type="date"&gt;), statuses
/// by their snake_case names. A bad value is an error on the form, shown next to the field; the filter is then ignored.
/// </summary>
internal static class Filters
{
    /// <summary>A day, or null when empty or not a day (an error on <paramref name="field"/>).</summary>
    public static LocalDate? Day(string? value, string field, ModelStateDictionary errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(value);
        if (parsed.Success)
        {
            return parsed.Value;
        }

        errors.AddModelError(field, $"{value} is not a day such as 2026-03-01.");
        return null;
    }

    /// <summary>The instants from the start of <paramref name="from"/> to the end of <paramref name="to"/> in the account's zone; an end not given is open.</summary>
    public static InstantRange Days(LocalDate? from, LocalDate? to, AccountTimeZone zone) =>
        new(from is { } start ? zone.StartOf(start) : null, to is { } end ? zone.StartOf(end.PlusDays(1)) : null);

    /// <summary>A status or type by its snake_case name, or null when empty or unknown (an error on <paramref name="field"/>).</summary>
    public static TEnum? Enum<TEnum>(string? value, string field, ModelStateDictionary errors)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in Names<TEnum>())
        {
            if (candidate.Name == value)
            {
                return candidate.Value;
            }
        }

        errors.AddModelError(field, $"{value} is not one of: {string.Join(", ", Names<TEnum>().Select(n => n.Name))}.");
        return null;
    }

    /// <summary>Every value of <typeparamref name="TEnum"/> with its snake_case name, for a select's options.</summary>
    public static IEnumerable<(string Name, TEnum Value)> Names<TEnum>()
        where TEnum : struct, Enum =>
        System.Enum.GetValues<TEnum>().Select(v => (JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), v));

    /// <summary>An instant as the pages show it: a minute in the account's zone.</summary>
    public static string Time(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A day as the pages show it.</summary>
    public static string Date(LocalDate day) => day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
