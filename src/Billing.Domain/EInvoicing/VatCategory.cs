using Billing.Domain.Utility;

namespace Billing.Domain.EInvoicing;

/// <summary>
/// A VAT category of EN 16931 (code list UNCL5305 as the norm restricts it) with its rate: what a line, an allowance or
/// a charge is taxed under (BT-151/BT-152, BT-95/BT-96, BT-102/BT-103), and the key of the VAT breakdown (BG-23).
/// </summary>
public sealed record VatCategory
{
    private static readonly string[] Codes = ["S", "Z", "E", "AE", "K", "G", "O", "L", "M"];

    /// <summary>Initializes a category.</summary>
    /// <param name="code">S (standard rate), Z (zero rated), E (exempt), AE (reverse charge), K (intra-community), G (export), O (not subject to VAT), L (Canary Islands IGIC), M (Ceuta and Melilla IPSI).</param>
    /// <param name="ratePercent">The rate in percent: above 0 for S, 0 for Z, E, AE, K and G, none (0) for O, 0 or more for L and M.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="ArgumentException">The code is not one of the norm's, or the rate does not fit it (BR-S-05, BR-Z-05, BR-E-05, BR-AE-05, BR-IC-05, BR-G-05, BR-O-05).</exception>
    public VatCategory(string code, decimal ratePercent)
    {
        Preconditions.CheckNotNull(code);
        Preconditions.CheckArgument(Codes.Contains(code, StringComparer.Ordinal), nameof(code), $"'{code}' is not an EN 16931 VAT category (S, Z, E, AE, K, G, O, L, M).");
        Preconditions.CheckArgument(ratePercent is >= 0m and < 100m, nameof(ratePercent), "A VAT rate is 0 or more and below 100 percent.");
        Preconditions.CheckArgument(
            code switch { "S" => ratePercent > 0m, "L" or "M" => true, _ => ratePercent == 0m },
            nameof(ratePercent),
            code == "S" ? "A standard-rated category has a rate above zero." : $"Category {code} has a rate of zero.");
        Code = code;
        RatePercent = ratePercent / 1.000000000000000000000000000m;   // one category per value: 25.00 and 25 are the same rate
    }

    /// <summary>Gets the category's code.</summary>
    public string Code { get; }

    /// <summary>Gets the rate in percent, without trailing zeros.</summary>
    public decimal RatePercent { get; }

    /// <summary>Gets the standard rate category at a rate.</summary>
    /// <param name="ratePercent">The rate, above 0.</param>
    /// <returns>The category.</returns>
    public static VatCategory Standard(decimal ratePercent) => new("S", ratePercent);
}
