using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Numbering;

/// <summary>
/// A series of document numbers: a name (the counter it draws from, unique and gapless) and a format the host
/// configures, such as <c>INV-{yyyy}{MM}-{seq:000000}</c>.
/// </summary>
/// <remarks>
/// Placeholders: <c>{yyyy}</c>, <c>{yy}</c>, <c>{MM}</c>, <c>{dd}</c> (the issue date) and <c>{seq}</c> or
/// <c>{seq:000000}</c> (the sequence, zero-padded to the zeros' count). Everything else is literal text; write
/// <c>{{</c> and <c>}}</c> for braces. A series per legal entity, account class or year is a series with its own
/// name: the counter restarts only where the name changes (e.g. <c>INV-2027</c>).
/// </remarks>
public sealed partial record NumberSeries
{
    private readonly Part[] _parts;

    /// <summary>Initializes a series.</summary>
    /// <param name="name">The counter's name, e.g. <c>INV</c> or <c>acme-eu-2026</c>.</param>
    /// <param name="format">The number format; must contain <c>{seq}</c> exactly once.</param>
    /// <exception cref="ArgumentException">The name is empty, or the format has an unknown placeholder, an unbalanced brace, or not exactly one <c>{seq}</c>.</exception>
    public NumberSeries(string name, string format)
    {
        Name = Preconditions.CheckId(name);
        Format = Preconditions.CheckId(format);
        _parts = Parse(format);
    }

    /// <summary>Gets the counter's name.</summary>
    public string Name { get; }

    /// <summary>Gets the number format.</summary>
    public string Format { get; }

    /// <summary>Formats the number for a sequence and an issue date.</summary>
    /// <param name="sequence">The sequence, from 1.</param>
    /// <param name="issuedOn">The issue date.</param>
    /// <returns>The number, e.g. <c>INV-202604-000017</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is below 1.</exception>
    public string NumberFor(long sequence, LocalDate issuedOn)
    {
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequences start at 1.");
        }

        var number = new StringBuilder();
        foreach (var part in _parts)
        {
            number.Append(part.Kind switch
            {
                PartKind.Year4 => issuedOn.Year.ToString("0000", CultureInfo.InvariantCulture),
                PartKind.Year2 => (issuedOn.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                PartKind.Month => issuedOn.Month.ToString("00", CultureInfo.InvariantCulture),
                PartKind.Day => issuedOn.Day.ToString("00", CultureInfo.InvariantCulture),
                PartKind.Sequence => sequence.ToString(new string('0', part.Width), CultureInfo.InvariantCulture),
                _ => part.Text,
            });
        }

        return number.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(NumberSeries? other) => other is not null && Name == other.Name && Format == other.Format;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Format);

    private static Part[] Parse(string format)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var position = 0;
        while (position < format.Length)
        {
            var c = format[position];
            if ((c == '{' || c == '}') && position + 1 < format.Length && format[position + 1] == c)
            {
                literal.Append(c);
                position += 2;
                continue;
            }

            if (c == '}')
            {
                throw new ArgumentException($"Unbalanced '}}' at {position} in \"{format}\"; write '}}}}' for a brace.", nameof(format));
            }

            if (c != '{')
            {
                literal.Append(c);
                position++;
                continue;
            }

            var match = Placeholder().Match(format, position);
            if (!match.Success || match.Index != position)
            {
                throw new ArgumentException($"Unknown placeholder at {position} in \"{format}\": use {{yyyy}}, {{yy}}, {{MM}}, {{dd}}, {{seq}} or {{seq:000000}}.", nameof(format));
            }

            // Stryker disable once Equality : an empty literal part would add nothing to a number (equivalent).
            if (literal.Length > 0)
            {
                parts.Add(new Part(PartKind.Literal, literal.ToString()));
                literal.Clear();
            }

            parts.Add(match.Groups["name"].Value switch
            {
                "yyyy" => new Part(PartKind.Year4),
                "yy" => new Part(PartKind.Year2),
                "MM" => new Part(PartKind.Month),
                "dd" => new Part(PartKind.Day),
                _ => new Part(PartKind.Sequence, Width: Math.Max(1, match.Groups["zeros"].Length)),
            });
            position += match.Length;
        }

        // Stryker disable once Equality : an empty literal part would add nothing to a number (equivalent).
        if (literal.Length > 0)
        {
            parts.Add(new Part(PartKind.Literal, literal.ToString()));
        }

        Preconditions.CheckArgument(parts.Count(p => p.Kind == PartKind.Sequence) == 1, nameof(format), $"\"{format}\" needs exactly one {{seq}}: without it numbers would repeat.");
        return [.. parts];
    }

    [GeneratedRegex(@"\{(?<name>yyyy|yy|MM|dd)\}|\{(?<name>seq)(:(?<zeros>0{1,18}))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private enum PartKind
    {
        Literal,
        Year4,
        Year2,
        Month,
        Day,
        Sequence,
    }

    private readonly record struct Part(PartKind Kind, string Text = "", int Width = 0);
}
