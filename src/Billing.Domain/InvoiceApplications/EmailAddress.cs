namespace Billing.Domain.InvoiceApplications;

/// <summary>
/// The rule an e-mail address an invoice is sent to must meet: a plain <c>local@domain</c> address, without the
/// rarely used forms of RFC 5322 that mail systems and people read differently.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>At most 254 characters, the local part at most 64; exactly one <c>@</c>.</item>
/// <item>No white space, no control character and no invisible format character (zero-width, bidi) anywhere.</item>
/// <item>The local part is a dot-atom: letters, digits (any script) and <c>! # $ % &amp; ' * + - / = ? ^ _ ` { | } ~</c>,
/// in runs separated by single dots, neither first nor last. Quoted local parts (<c>"john doe"@example.com</c>) are refused.</item>
/// <item>The domain is a host name: at least two labels separated by dots, no trailing dot; each label 1 to 63 letters,
/// digits (any script) or hyphens, neither starting nor ending with a hyphen; the last label is not all digits.
/// IP literals (<c>user@[192.0.2.1]</c>) are refused.</item>
/// </list>
/// </remarks>
public static class EmailAddress
{
    /// <summary>The longest address accepted.</summary>
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;
    private const int MaxLabelLength = 63;
    private const string AtomSymbols = "!#$%&'*+-/=?^_`{|}~";

    /// <summary>Returns whether an address meets the rule.</summary>
    /// <param name="address">The address.</param>
    /// <returns>True when it does.</returns>
    public static bool IsValid(string? address)
    {
        // White space and invisible characters need no check of their own: no atom or label may hold them.
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);

        // Stryker disable once Equality : an '@' first leaves an empty local part, which the atom rule refuses (equivalent).
        if (at <= 0 || at != address.LastIndexOf('@') || at > MaxLocalLength)
        {
            return false;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        return local.Split('.').All(atom => atom.Length > 0 && atom.All(c => char.IsLetterOrDigit(c) || AtomSymbols.Contains(c, StringComparison.Ordinal)))
            && IsHostName(domain);
    }

    private static bool IsHostName(string domain)
    {
        var labels = domain.Split('.');
        return labels.Length >= 2
            && labels.All(label =>
                label.Length is > 0 and <= MaxLabelLength
                && label[0] != '-' && label[^1] != '-'
                && label.All(c => char.IsLetterOrDigit(c) || c == '-'))
            && !labels[^1].All(char.IsDigit);
    }
}
