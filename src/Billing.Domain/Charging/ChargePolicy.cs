using Billing.Domain.Utility;

namespace Billing.Domain.Charging;

/// <summary>How the charge engine rounds: the rounding of amounts, and where taxes are rounded.</summary>
/// <param name="Rounding">How line nets and taxes are rounded (mode and scale).</param>
/// <param name="TaxRounding">Whether taxes are rounded per line or per document.</param>
public sealed record ChargePolicy(RoundingPolicy Rounding, TaxRounding TaxRounding)
{
    /// <summary>Gets commercial rounding (half away from zero) to minor units, taxes rounded per line.</summary>
    public static ChargePolicy PerLine { get; } = new(RoundingPolicy.Commercial, TaxRounding.PerLine);

    /// <summary>Gets commercial rounding to minor units, taxes rounded per document as EN 16931 does.</summary>
    public static ChargePolicy En16931 { get; } = new(RoundingPolicy.Commercial, TaxRounding.PerDocument);

    /// <summary>Gets whether taxes are rounded per line or per document.</summary>
    public TaxRounding TaxRounding { get; } =
        Enum.IsDefined(TaxRounding) ? TaxRounding : throw new ArgumentOutOfRangeException(nameof(TaxRounding), TaxRounding, "Unknown tax rounding.");

    internal int ScaleFor(Currency currency) => Preconditions.CheckRange(Rounding.ScaleFor(currency), 0, Currency.MaxMinorUnits);
}
