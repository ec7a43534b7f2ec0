using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Billing.Domain.Pdf;

/// <summary>
/// Makes a PDFsharp document the same bytes on every run. PDFsharp writes three things that change from save to save:
/// the trailer's document ID, the XMP packet's document and instance ids, and the six-letter tag of each embedded
/// font subset. Each is replaced, in place and at the same length (so that the cross-reference offsets stay right), by
/// a value derived from the document with those parts blanked: the same content gives the same identifiers, and
/// different content different ones. (The dates are the document's own, given in UTC, which PDFsharp writes without
/// the machine's offset.)
/// </summary>
internal static partial class DeterministicPdf
{
    public static byte[] Pin(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);   // one char per byte: offsets are byte offsets
        var tokens = Tokens().Matches(text).Cast<Match>().Select(m => m.Groups.Cast<Group>().Skip(1).First(g => g.Success)).ToList();
        var blanked = pdf.ToArray();
        foreach (var token in tokens)
        {
            blanked.AsSpan(token.Index, token.Length).Fill((byte)'0');
        }

        var seed = SHA256.HashData(blanked);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            var kind = token.Name;
            var value = kind switch
            {
                "tag" => TagFor(seed, token.Value, tags),
                "uuid" => Guid(seed, kind + token.Index).ToString(),
                "id" => Convert.ToHexString(Derive(seed, "id"), 0, 16),
                _ => token.Value,
            };
            Encoding.Latin1.GetBytes(value).CopyTo(blanked, token.Index);
        }

        return blanked;
    }

    // A font subset's tag: six capitals, the same for every mention of one subset, different for different subsets.
    private static string TagFor(byte[] seed, string original, Dictionary<string, string> tags)
    {
        if (!tags.TryGetValue(original, out var tag))
        {
            for (var attempt = 0; ; attempt++)
            {
                var bytes = Derive(seed, $"tag{tags.Count}/{attempt}");
                tag = string.Concat(bytes.Take(6).Select(b => (char)('A' + (b % 26))));
                if (!tags.ContainsValue(tag))
                {
                    break;
                }
            }

            tags[original] = tag;
        }

        return tag;
    }

    private static Guid Guid(byte[] seed, string purpose) => new(Derive(seed, purpose).AsSpan(0, 16));

    private static byte[] Derive(byte[] seed, string purpose) => HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes(purpose));

    // Font subset tags (/ABCDEF+Name), XMP uuids, and the trailer's two IDs.
    [GeneratedRegex(@"/(?<tag>[A-Z]{6})\+|uuid:(?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|/ID\s*\[\s*<(?<id>[0-9A-Fa-f]{32})>|<(?<id>[0-9A-Fa-f]{32})>\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Tokens();
}
