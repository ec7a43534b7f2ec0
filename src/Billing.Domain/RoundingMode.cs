namespace Billing.Domain;

/// <summary>
/// How an amount is rounded to a number of decimals. The <c>Half*</c> modes round to the nearest value and
/// differ only in where an exact midpoint goes; the others are directed and move every amount the same way.
/// </summary>
/// <remarks>
/// Examples at 2 decimals for 2.345 / −2.345 / 2.341: <see cref="HalfToEven"/> 2.34 / −2.34 / 2.34;
/// <see cref="HalfAwayFromZero"/> 2.35 / −2.35 / 2.34; <see cref="HalfTowardZero"/> 2.34 / −2.34 / 2.34;
/// <see cref="HalfUp"/> 2.35 / −2.34 / 2.34; <see cref="HalfDown"/> 2.34 / −2.35 / 2.34;
/// <see cref="Ceiling"/> 2.35 / −2.34 / 2.35; <see cref="Floor"/> 2.34 / −2.35 / 2.34;
/// <see cref="TowardZero"/> 2.34 / −2.34 / 2.34; <see cref="AwayFromZero"/> 2.35 / −2.35 / 2.35.
/// </remarks>
public enum RoundingMode
{
    /// <summary>Nearest; a midpoint goes to the even neighbour (banker's rounding). The default.</summary>
    HalfToEven = 0,

    /// <summary>Nearest; a midpoint goes away from zero (commercial rounding, as EN 16931 examples use).</summary>
    HalfAwayFromZero,

    /// <summary>Nearest; a midpoint goes toward zero.</summary>
    HalfTowardZero,

    /// <summary>Nearest; a midpoint goes toward positive infinity.</summary>
    HalfUp,

    /// <summary>Nearest; a midpoint goes toward negative infinity.</summary>
    HalfDown,

    /// <summary>Always toward positive infinity.</summary>
    Ceiling,

    /// <summary>Always toward negative infinity.</summary>
    Floor,

    /// <summary>Always toward zero (truncation).</summary>
    TowardZero,

    /// <summary>Always away from zero.</summary>
    AwayFromZero,
}
