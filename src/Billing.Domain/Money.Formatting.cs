using System.Globalization;
using Billing.Domain.Utility;

namespace Billing.Domain;

public readonly partial struct Money : IFormattable, IParsable<Money>
{
    private const NumberStyles AmountStyles = NumberStyles.Number;

    /// <summary>Returns the amount and currency code in the invariant culture, such as <c>1234.50 USD</c>.</summary>
    /// <returns>The amount with at least the currency's minor units and every further decimal it has, a space, and the code; <see cref="Parse(string, IFormatProvider?)"/> with the invariant culture reads it back exactly.</returns>
    // Stryker disable once String : an empty format is G (equivalent)
    public override string ToString() => ToString("G", CultureInfo.InvariantCulture);

    /// <summary>Formats the amount and currency code with a culture's number symbols.</summary>
    /// <param name="format">
    /// <c>G</c> (or null or empty): plain digits, such as <c>1234.50 USD</c>;
    /// <c>N</c>: with the culture's group separators, such as <c>1,234.50 USD</c> or <c>1.234,50 USD</c> in de-DE.
    /// </param>
    /// <param name="formatProvider">The culture whose decimal and group symbols to use; null means the invariant culture.</param>
    /// <returns>The formatted amount. Decimals are never dropped: at least the currency's minor units, more when the amount has them.</returns>
    /// <exception cref="FormatException"><paramref name="format"/> is neither G nor N.</exception>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var provider = formatProvider ?? CultureInfo.InvariantCulture;
        var decimals = Math.Max(Currency.MinorUnits, DecimalMath.SignificantScale(Amount));
        var numberFormat = format switch
        {
            null or "" or "G" or "g" => "F",
            "N" or "n" => "N",
            _ => throw new FormatException($"Unknown Money format '{format}': use G or N."),
        };
        var amount = Amount.ToString(numberFormat + decimals.ToString(CultureInfo.InvariantCulture), provider);
        return Currency.IsInitialized ? $"{amount} {Currency.Code}" : amount;
    }

    /// <summary>Parses an amount and an ISO 4217 code written with a culture's number symbols.</summary>
    /// <param name="s">The text: an amount, white space, and a currency code.</param>
    /// <param name="provider">The culture of the amount; null means the invariant culture.</param>
    /// <returns>The amount, with exactly the decimals written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not an amount followed by a currency code.</exception>
    /// <exception cref="UnknownCurrencyException">The code is well-formed but not an ISO 4217 currency.</exception>
    public static Money Parse(string s, IFormatProvider? provider) => Parse(s, provider, CurrencyRegistry.Iso4217);

    /// <summary>Parses an amount and a currency code known to <paramref name="registry"/>, written with a culture's number symbols.</summary>
    /// <param name="s">The text: an amount, white space, and a currency code.</param>
    /// <param name="provider">The culture of the amount; null means the invariant culture.</param>
    /// <param name="registry">The currencies the code may name, including a host's own.</param>
    /// <returns>The amount, with exactly the decimals written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> or <paramref name="registry"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="s"/> is not an amount followed by a currency code.</exception>
    /// <exception cref="UnknownCurrencyException">The code is well-formed but not in <paramref name="registry"/>.</exception>
    public static Money Parse(string s, IFormatProvider? provider, CurrencyRegistry registry)
    {
        Preconditions.CheckNotNull(s);
        Preconditions.CheckNotNull(registry);
        var (amount, code) = Split(s, provider) ?? throw new FormatException($"'{s}' is not an amount followed by a currency code, such as '1234.50 USD'.");
        return new Money(amount, registry.FromCode(code));
    }

    /// <summary>Parses an amount and an ISO 4217 code written with a culture's number symbols, without throwing.</summary>
    /// <param name="s">The text; null or malformed gives false.</param>
    /// <param name="provider">The culture of the amount; null means the invariant culture.</param>
    /// <param name="result">The amount when parsed; otherwise <c>default(Money)</c>.</param>
    /// <returns>True when <paramref name="s"/> is an amount followed by a known currency code.</returns>
    public static bool TryParse(string? s, IFormatProvider? provider, out Money result) => TryParse(s, provider, CurrencyRegistry.Iso4217, out result);

    /// <summary>Parses an amount and a currency code known to <paramref name="registry"/>, without throwing.</summary>
    /// <param name="s">The text; null or malformed gives false.</param>
    /// <param name="provider">The culture of the amount; null means the invariant culture.</param>
    /// <param name="registry">The currencies the code may name, including a host's own.</param>
    /// <param name="result">The amount when parsed; otherwise <c>default(Money)</c>.</param>
    /// <returns>True when <paramref name="s"/> is an amount followed by a currency code in <paramref name="registry"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is null.</exception>
    public static bool TryParse(string? s, IFormatProvider? provider, CurrencyRegistry registry, out Money result)
    {
        Preconditions.CheckNotNull(registry);
        if (s is not null && Split(s, provider) is var (amount, code) && registry.TryFromCode(code, out var currency))
        {
            result = new Money(amount, currency);
            return true;
        }

        result = default;
        return false;
    }

    // The amount and the code of "1234.50 USD", or null when the text is not that.
    private static (decimal Amount, string Code)? Split(string s, IFormatProvider? provider)
    {
        var text = s.AsSpan().Trim();
        var space = text.LastIndexOfAny(' ', '\u00A0', '\u202F');

        // Stryker disable once Equality : the text is trimmed, so a space is never its first character (equivalent).
        if (space > 0)
        {
            var code = text[(space + 1)..].ToString();
            if (Currency.IsWellFormedCode(code)
                && decimal.TryParse(text[..space].TrimEnd(), AmountStyles, provider ?? CultureInfo.InvariantCulture, out var amount))
            {
                return (amount, code);
            }
        }

        return null;
    }
}
