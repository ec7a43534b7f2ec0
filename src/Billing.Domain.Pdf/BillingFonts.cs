using System.Text;
using PdfSharp.Fonts;

namespace Billing.Domain.Pdf;

/// <summary>
/// The fonts that ship inside the package, embedded in the documents: DejaVu Sans (Latin, Greek, Cyrillic, ▲ ▼, the
/// currency signs), Droid Sans Fallback (Chinese and Japanese) and NanumGothic (Korean Hangul). Each character is drawn
/// with the first of them that has its glyph, so an invoice header in its own script prints as written. PDFsharp finds them through a font
/// resolver registered once per process, as PDFsharp asks; a host's own resolver keeps its place and ours answers as
/// the fallback.
/// </summary>
internal static class BillingFonts
{
    /// <summary>The family documents are set in; distinct, so that it never meets a host's families.</summary>
    public const string Sans = "Billing.Domain Sans";

    /// <summary>The family of characters DejaVu Sans lacks.</summary>
    public const string Fallback = "Billing.Domain Sans Fallback";

    /// <summary>The family of characters both lack: Korean Hangul.</summary>
    public const string Hangul = "Billing.Domain Sans Hangul";

    private static readonly Lazy<byte[]> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("DejaVuSans-Bold.ttf"));
    private static readonly Lazy<byte[]> Cjk = new(() => Load("DroidSansFallbackFull.ttf"));
    private static readonly Lazy<FontCoverage> SansCoverage = new(() => FontCoverage.Read(Regular.Value));
    private static readonly Lazy<FontCoverage> FallbackCoverage = new(() => FontCoverage.Read(Cjk.Value));
    private static readonly Lazy<byte[]> Korean = new(() => Load("NanumGothic.ttf"));
    private static readonly Lazy<FontCoverage> HangulCoverage = new(() => FontCoverage.Read(Korean.Value));
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Registers the resolver with PDFsharp, once: as the font resolver when the host has none, else as the fallback.</summary>
    /// <exception cref="InvalidOperationException">The host set both PDFsharp resolvers already: there is no place for the package's fonts.</exception>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            var resolver = new Resolver();
            if (GlobalFontSettings.FontResolver is null or Resolver)
            {
                GlobalFontSettings.FontResolver = resolver;
            }
            else if (GlobalFontSettings.FallbackFontResolver is null or Resolver)
            {
                GlobalFontSettings.FallbackFontResolver = resolver;
            }
            else
            {
                throw new InvalidOperationException(
                    "PDFsharp's font resolver and fallback font resolver are both set by the host: Billing.Domain.Pdf cannot register its fonts. Leave one of them unset.");
            }

            _registered = true;
        }
    }

    /// <summary>Splits a text into runs, each in the first family that has its glyphs (DejaVu Sans when none has one).</summary>
    public static IEnumerable<(string Family, string Text)> Runs(string text)
    {
        var run = new StringBuilder();
        string? family = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var wanted = FamilyOf(rune.Value);
            if (family is not null && wanted != family)
            {
                yield return (family, run.ToString());
                run.Clear();
            }

            family = wanted;
            run.Append(rune.ToString());
        }

        if (family is not null)
        {
            yield return (family, run.ToString());
        }
    }

    /// <summary>Returns whether one of the shipped fonts has a glyph for every character of a text.</summary>
    public static bool Covers(string text) =>
        text.EnumerateRunes().All(r => SansCoverage.Value.Covers(r.Value) || FallbackCoverage.Value.Covers(r.Value) || HangulCoverage.Value.Covers(r.Value));

    private static string FamilyOf(int codePoint) =>
        SansCoverage.Value.Covers(codePoint) ? Sans
        : FallbackCoverage.Value.Covers(codePoint) ? Fallback
        : HangulCoverage.Value.Covers(codePoint) ? Hangul
        : Sans;

    private static byte[] Load(string file)
    {
        using var stream = typeof(BillingFonts).Assembly.GetManifestResourceStream($"Billing.Domain.Pdf.Fonts.{file}")
            ?? throw new InvalidOperationException($"The font {file} is missing from Billing.Domain.Pdf.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) => familyName switch
        {
            Sans => new FontResolverInfo(isBold ? "BillingDomain-DejaVuSans-Bold" : "BillingDomain-DejaVuSans", false, isItalic),
            Fallback => new FontResolverInfo("BillingDomain-DroidSansFallback", isBold, isItalic),
            Hangul => new FontResolverInfo("BillingDomain-NanumGothic", isBold, isItalic),
            _ => null,
        };

        public byte[]? GetFont(string faceName) => faceName switch
        {
            "BillingDomain-DejaVuSans" => Regular.Value,
            "BillingDomain-DejaVuSans-Bold" => Bold.Value,
            "BillingDomain-DroidSansFallback" => Cjk.Value,
            "BillingDomain-NanumGothic" => Korean.Value,
            _ => null,
        };
    }
}
