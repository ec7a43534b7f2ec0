using Billing.Domain.Utility;

namespace Billing.Domain;

/// <summary>
/// An explicit rounding rule: a <see cref="RoundingMode"/> and the number of decimals to round to, which is
/// the currency's minor units unless stated.
/// </summary>
/// <remarks>
/// Nothing in the library rounds behind your back: amounts keep every decimal until a policy is applied
/// where the caller (or a documented step such as tax calculation) says. <c>default(RoundingPolicy)</c> is
/// <see cref="RoundingMode.HalfToEven"/> at the currency's minor units, the same as <see cref="Bankers"/>.
/// </remarks>
public readonly struct RoundingPolicy : IEquatable<RoundingPolicy>
{
    private readonly int _scalePlusOne;

    /// <summary>Initializes a policy that rounds to the currency's minor units.</summary>
    /// <param name="mode">How to round.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined mode.</exception>
    public RoundingPolicy(RoundingMode mode)
    {
        Mode = CheckMode(mode);
        _scalePlusOne = 0;
    }

    /// <summary>Initializes a policy that rounds to a fixed number of decimals, whatever the currency.</summary>
    /// <param name="mode">How to round.</param>
    /// <param name="scale">The number of decimals to keep, 0 to <see cref="Currency.MaxMinorUnits"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined mode, or <paramref name="scale"/> is out of range.</exception>
    public RoundingPolicy(RoundingMode mode, int scale)
    {
        Mode = CheckMode(mode);
        _scalePlusOne = Preconditions.CheckRange(scale, 0, Currency.MaxMinorUnits) + 1;
    }

    /// <summary>Gets banker's rounding (<see cref="RoundingMode.HalfToEven"/>) to the currency's minor units.</summary>
    public static RoundingPolicy Bankers => new(RoundingMode.HalfToEven);

    /// <summary>Gets commercial rounding (<see cref="RoundingMode.HalfAwayFromZero"/>) to the currency's minor units.</summary>
    public static RoundingPolicy Commercial => new(RoundingMode.HalfAwayFromZero);

    /// <summary>Gets how this policy rounds.</summary>
    public RoundingMode Mode { get; }

    /// <summary>Gets the fixed number of decimals this policy rounds to.</summary>
    /// <value>The number of decimals, or null when the policy rounds to each currency's minor units.</value>
    public int? Scale => _scalePlusOne == 0 ? null : _scalePlusOne - 1;

    /// <summary>Returns a copy of this policy that rounds to a fixed number of decimals.</summary>
    /// <param name="scale">The number of decimals, 0 to <see cref="Currency.MaxMinorUnits"/>.</param>
    /// <returns>The new policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is out of range.</exception>
    public RoundingPolicy WithScale(int scale) => new(Mode, scale);

    /// <summary>Returns the number of decimals this policy keeps for <paramref name="currency"/>.</summary>
    /// <param name="currency">The currency of the amount to round.</param>
    /// <returns><see cref="Scale"/> when stated, otherwise the currency's minor units.</returns>
    public int ScaleFor(Currency currency) => Scale ?? currency.MinorUnits;

    /// <summary>Rounds a plain amount to <paramref name="scale"/> decimals by this policy's mode.</summary>
    /// <param name="value">The amount to round.</param>
    /// <param name="scale">The number of decimals, 0 to <see cref="Currency.MaxMinorUnits"/>.</param>
    /// <returns>The rounded amount, written with exactly <paramref name="scale"/> decimals.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is out of range.</exception>
    public decimal Round(decimal value, int scale) =>
        DecimalMath.Round(value, Preconditions.CheckRange(scale, 0, Currency.MaxMinorUnits), Mode);

    /// <summary>Rounds <paramref name="money"/> by this policy.</summary>
    /// <param name="money">The amount to round.</param>
    /// <returns>The rounded amount, written with exactly <see cref="ScaleFor(Currency)"/> decimals.</returns>
    /// <exception cref="ArgumentException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    public Money Round(Money money)
    {
        var currency = Preconditions.CheckInitialized(money.Currency, nameof(money));
        return new Money(DecimalMath.Round(money.Amount, ScaleFor(currency), Mode), currency);
    }

    /// <inheritdoc />
    public bool Equals(RoundingPolicy other) => Mode == other.Mode && _scalePlusOne == other._scalePlusOne;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RoundingPolicy other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Mode, _scalePlusOne);

    /// <summary>Returns the mode and scale, such as <c>HalfToEven@minor-units</c> or <c>Ceiling@4</c>.</summary>
    /// <returns>A description for logs and explanations.</returns>
    public override string ToString() => $"{Mode}@{(Scale is { } scale ? scale.ToString(System.Globalization.CultureInfo.InvariantCulture) : "minor-units")}";

    /// <summary>Returns a value indicating whether two policies are the same.</summary>
    /// <param name="left">The first policy.</param>
    /// <param name="right">The second policy.</param>
    /// <returns>True when mode and scale are equal.</returns>
    public static bool operator ==(RoundingPolicy left, RoundingPolicy right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two policies differ.</summary>
    /// <param name="left">The first policy.</param>
    /// <param name="right">The second policy.</param>
    /// <returns>True when mode or scale differ.</returns>
    public static bool operator !=(RoundingPolicy left, RoundingPolicy right) => !left.Equals(right);

    private static RoundingMode CheckMode(RoundingMode mode) =>
        Enum.IsDefined(mode) ? mode : throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown rounding mode.");
}
