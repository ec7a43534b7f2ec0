using System.Collections.Frozen;
using System.Text;
using Billing.Domain.Utility;

namespace Billing.Domain.Actors;

/// <summary>
/// How the library tells people apart where a rule needs two different people (maker ≠ checker: a correction is
/// approved by someone other than who requested it). Names are compared by identity, not by their characters.
/// </summary>
/// <remarks>
/// <para>A person's name is valid when, once trimmed, it is an id: not empty, at most 256 characters, and free of
/// control and invisible format characters (NUL, line breaks, zero-width characters, bidi controls, the BOM).</para>
/// <para>Two names are the same person when their <see cref="Canonical"/> forms are equal: trimmed, normalized to
/// Unicode NFKC (fullwidth and styled letters become plain ones), case-folded, and with the Cyrillic and Greek
/// letters that look like Latin ones read as those Latin letters (Unicode TR39 confusables). So <c>alice</c>,
/// <c>Alice</c>, <c>alice </c>, <c>ａｌｉｃｅ</c> and <c>аlice</c> (a Cyrillic а) are one person; a name with a
/// zero-width or bidi character is refused outright.</para>
/// </remarks>
public static class ActorIdentity
{
    // Cyrillic and Greek letters (lower case, after folding) whose glyphs are confusable with Latin letters (TR39),
    // written as escapes because they look like the Latin letters they map to.
    private static readonly FrozenDictionary<char, char> Confusables = new Dictionary<char, char>
    {
        // Cyrillic: а в ь с ԁ е ё һ н і ї ј к ӏ м о р ԛ г ѕ т и ѵ ԝ х у ү
        ['\u0430'] = 'a', ['\u0432'] = 'b', ['\u044C'] = 'b', ['\u0441'] = 'c', ['\u0501'] = 'd', ['\u0435'] = 'e', ['\u0451'] = 'e',
        ['\u04BB'] = 'h', ['\u043D'] = 'h', ['\u0456'] = 'i', ['\u0457'] = 'i', ['\u0458'] = 'j', ['\u043A'] = 'k', ['\u04CF'] = 'l',
        ['\u043C'] = 'm', ['\u043E'] = 'o', ['\u0440'] = 'p', ['\u051B'] = 'q', ['\u0433'] = 'r', ['\u0455'] = 's', ['\u0442'] = 't',
        ['\u0438'] = 'u', ['\u0475'] = 'v', ['\u051D'] = 'w', ['\u0445'] = 'x', ['\u0443'] = 'y', ['\u04AF'] = 'y',

        // Greek: α β ϲ ε ι ϳ κ η ο ρ τ μ υ ν χ γ ζ
        ['\u03B1'] = 'a', ['\u03B2'] = 'b', ['\u03F2'] = 'c', ['\u03B5'] = 'e', ['\u03B9'] = 'i', ['\u03F3'] = 'j', ['\u03BA'] = 'k',
        ['\u03B7'] = 'n', ['\u03BF'] = 'o', ['\u03C1'] = 'p', ['\u03C4'] = 't', ['\u03BC'] = 'u', ['\u03C5'] = 'u', ['\u03BD'] = 'v',
        ['\u03C7'] = 'x', ['\u03B3'] = 'y', ['\u03B6'] = 'z',
    }.ToFrozenDictionary();

    /// <summary>Returns whether a name is valid for a person: once trimmed, an id with no control or invisible character.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string? name) => name is not null && !string.IsNullOrWhiteSpace(name) && Texts.IdProblem(name.Trim()) is null;

    /// <summary>Returns the form two names are compared in: trimmed, NFKC, case-folded, confusable letters read as Latin.</summary>
    /// <param name="name">A valid name.</param>
    /// <returns>The canonical form.</returns>
    /// <exception cref="ArgumentException">The name is not valid (<see cref="IsValid"/>).</exception>
    /// <exception cref="ArgumentNullException">The name is null.</exception>
    public static string Canonical(string name)
    {
        var trimmed = Check(name);
        var folded = trimmed.Normalize(NormalizationForm.FormKC).ToUpperInvariant().ToLowerInvariant().Normalize(NormalizationForm.FormKC);
        var canonical = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            canonical.Append(Confusables.GetValueOrDefault(c, c));
        }

        return canonical.ToString();
    }

    /// <summary>Returns whether two names are the same person.</summary>
    /// <param name="left">A valid name.</param>
    /// <param name="right">Another valid name.</param>
    /// <returns>True when their canonical forms are equal.</returns>
    /// <exception cref="ArgumentException">A name is not valid.</exception>
    /// <exception cref="ArgumentNullException">A name is null.</exception>
    public static bool Same(string left, string right) => string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal);

    /// <summary>Checks a name and returns it trimmed.</summary>
    internal static string Check(string? name, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(name))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        return Preconditions.CheckId(name.Trim(), paramName);
    }
}
