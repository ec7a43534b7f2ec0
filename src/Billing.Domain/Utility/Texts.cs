using System.Globalization;
using System.Text.Json;

namespace Billing.Domain.Utility;

/// <summary>What an id or a name may hold: the rule <see cref="Preconditions.CheckId"/> enforces.</summary>
internal static class Texts
{
    /// <summary>A name in snake case, as codes, tags and JSON spell it: <c>RefusedOverCreditLimit</c> → <c>refused_over_credit_limit</c>.</summary>
    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>The longest id or name accepted.</summary>
    public const int MaxIdLength = 256;

    /// <summary>Describes what is wrong with an id or a name, or returns null when nothing is.</summary>
    public static string? IdProblem(string value)
    {
        if (value.Length > MaxIdLength)
        {
            return $"The value is {value.Length} characters long; at most {MaxIdLength} are allowed.";
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return "The value begins or ends with white space.";
        }

        foreach (var c in value)
        {
            if (IsInvisible(c))
            {
                return $"The value holds the control or invisible character U+{(int)c:X4}.";
            }
        }

        return null;
    }

    /// <summary>Returns whether a character is a control character, an invisible format character (zero-width, bidi, BOM) or a line break.</summary>
    public static bool IsInvisible(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
