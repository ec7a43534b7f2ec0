namespace Billing.Domain.Charging;

/// <summary>Where taxes are rounded.</summary>
public enum TaxRounding
{
    /// <summary>Each line's tax for each rate is rounded on the line; the document's tax is the sum of the lines'.</summary>
    PerLine,

    /// <summary>
    /// As EN 16931 does: line nets are rounded, each rate's tax is computed once on the sum of its lines' nets
    /// and rounded, then shared back to the lines in proportion to their nets so that the lines still add up.
    /// Applies to exclusive taxes; inclusive lines are always split on the line, since their gross is fixed.
    /// </summary>
    PerDocument,
}
