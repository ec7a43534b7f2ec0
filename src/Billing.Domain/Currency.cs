using Billing.Domain.Utility;

namespace Billing.Domain;

/// <summary>
/// A currency: an ISO 4217 currency, or a host's own unit of value (credits, tokens) with its code and minor units.
/// </summary>
/// <remarks>
/// <para>
/// Every active ISO 4217 currency that has minor units is built in: look it up with
/// <see cref="FromCode(string)"/> or <see cref="TryFromCode(string?, out Currency)"/>, case-insensitively.
/// A host's own currency is made with <see cref="Custom(string, int)"/> and looked up through the
/// <see cref="CurrencyRegistry"/> it is added to: there is no global mutable list of currencies.
/// </para>
/// <para>
/// <c>default(Currency)</c> is not a currency: its <see cref="Code"/> is empty, and no <see cref="Money"/>
/// can be made with it.
/// </para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.CurrencyJsonConverter))]
public readonly partial struct Currency : IEquatable<Currency>
{
    /// <summary>The largest number of minor units a currency may have, the most a <see cref="decimal"/> can hold after the point.</summary>
    public const int MaxMinorUnits = 28;

    private const int MinCustomCodeLength = 3;
    private const int MaxCustomCodeLength = 12;

    private readonly string? _code;

    private Currency(string code, int numericCode, int minorUnits, bool isIso4217)
    {
        _code = code;
        NumericCode = numericCode;
        MinorUnits = minorUnits;
        IsIso4217 = isIso4217;
    }

    /// <summary>Gets the alphabetic code, upper case: <c>USD</c>, or a host's own such as <c>CREDIT</c>.</summary>
    /// <value>The code; empty for <c>default(Currency)</c>.</value>
    public string Code => _code ?? string.Empty;

    /// <summary>Gets the ISO 4217 numeric code, such as 840 for USD.</summary>
    /// <value>The numeric code; 0 for a host's own currency, which has none.</value>
    public int NumericCode { get; }

    /// <summary>Gets the number of digits after the decimal point of the currency's smallest unit: 2 for USD, 0 for JPY, 3 for KWD.</summary>
    public int MinorUnits { get; }

    /// <summary>Gets a value indicating whether this is an ISO 4217 currency rather than a host's own.</summary>
    public bool IsIso4217 { get; }

    /// <summary>Gets the value of one minor unit: 0.01 for USD, 1 for JPY, 0.001 for KWD.</summary>
    public decimal MinorUnit => DecimalMath.Unit(MinorUnits);

    internal bool IsInitialized => _code is not null;

    /// <summary>Returns the ISO 4217 currency with the given alphabetic code, ignoring case.</summary>
    /// <param name="code">The alphabetic code, such as <c>usd</c> or <c>EUR</c>.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="UnknownCurrencyException">No ISO 4217 currency has this code.</exception>
    public static Currency FromCode(string code) => CurrencyRegistry.Iso4217.FromCode(code);

    /// <summary>Looks up the ISO 4217 currency with the given alphabetic code, ignoring case, without throwing.</summary>
    /// <param name="code">The alphabetic code; null or unknown gives false.</param>
    /// <param name="currency">The currency when found; otherwise <c>default(Currency)</c>.</param>
    /// <returns>True when the code names an ISO 4217 currency.</returns>
    public static bool TryFromCode(string? code, out Currency currency) => CurrencyRegistry.Iso4217.TryFromCode(code, out currency);

    /// <summary>Returns the ISO 4217 currency with the given numeric code, such as 978 for EUR.</summary>
    /// <param name="numericCode">The ISO 4217 numeric code.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="UnknownCurrencyException">No active ISO 4217 currency has this numeric code.</exception>
    public static Currency FromNumericCode(int numericCode) =>
        Iso4217ByNumericCode.TryGetValue(numericCode, out var currency)
            ? currency
            : throw new UnknownCurrencyException(numericCode.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Creates a host's own currency, such as prepaid credits or tokens, to add to a <see cref="CurrencyRegistry"/>.</summary>
    /// <param name="code">3 to 12 ASCII letters, digits or underscores, starting with a letter; stored upper case. It may not be an ISO 4217 code.</param>
    /// <param name="minorUnits">Digits after the decimal point of the smallest unit, 0 to <see cref="MaxMinorUnits"/>.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is malformed or is an ISO 4217 code.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minorUnits"/> is outside 0 to <see cref="MaxMinorUnits"/>.</exception>
    public static Currency Custom(string code, int minorUnits)
    {
        Preconditions.CheckNotNull(code);
        Preconditions.CheckArgument(IsWellFormedCode(code), nameof(code),
            $"A custom currency code has {MinCustomCodeLength} to {MaxCustomCodeLength} ASCII letters, digits or underscores and starts with a letter; got '{code}'.");
        Preconditions.CheckRange(minorUnits, 0, MaxMinorUnits);
        var upper = code.ToUpperInvariant();
        Preconditions.CheckArgument(!Iso4217ByCode.ContainsKey(upper), nameof(code),
            $"'{upper}' is an ISO 4217 code; use Currency.FromCode for it.");
        return new Currency(upper, 0, minorUnits, isIso4217: false);
    }

    /// <summary>Returns a value indicating whether this and <paramref name="other"/> are the same currency.</summary>
    /// <param name="other">The currency to compare with.</param>
    /// <returns>True when code, numeric code and minor units are all equal.</returns>
    public bool Equals(Currency other) =>
        string.Equals(_code, other._code, StringComparison.Ordinal)
        && MinorUnits == other.MinorUnits
        && NumericCode == other.NumericCode;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Currency other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_code, MinorUnits);

    /// <summary>Returns the alphabetic code, such as <c>USD</c>.</summary>
    /// <returns>The code; empty for <c>default(Currency)</c>.</returns>
    public override string ToString() => Code;

    /// <summary>Returns a value indicating whether two currencies are the same.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    /// <returns>True when they are equal.</returns>
    public static bool operator ==(Currency left, Currency right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two currencies differ.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    /// <returns>True when they are not equal.</returns>
    public static bool operator !=(Currency left, Currency right) => !left.Equals(right);

    internal static bool IsWellFormedCode(string code) =>
        code.Length is >= MinCustomCodeLength and <= MaxCustomCodeLength
        && char.IsAsciiLetter(code[0])
        && code.AsSpan().IndexOfAnyExcept(CodeCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> CodeCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
}
