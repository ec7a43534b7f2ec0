using System.Collections.Frozen;
using Billing.Domain.Utility;

namespace Billing.Domain;

/// <summary>
/// An immutable set of currencies to look codes up in: the ISO 4217 currencies plus a host's own.
/// </summary>
/// <remarks>
/// <see cref="Iso4217"/> holds the built-in currencies. <see cref="With(Currency)"/> returns a new registry
/// that also knows a host's currency, so a host keeps its registry where it keeps its configuration and
/// nothing global ever changes.
/// </remarks>
public sealed class CurrencyRegistry
{
    private readonly FrozenDictionary<string, Currency> _byCode;

    private CurrencyRegistry(FrozenDictionary<string, Currency> byCode)
    {
        _byCode = byCode;
    }

    /// <summary>Gets the registry of the built-in ISO 4217 currencies.</summary>
    public static CurrencyRegistry Iso4217 { get; } = new(Currency.Iso4217Table);

    /// <summary>Gets every currency in this registry, in no particular order.</summary>
    public IReadOnlyCollection<Currency> Currencies => _byCode.Values;

    /// <summary>Returns a registry that holds this one's currencies and <paramref name="currency"/>.</summary>
    /// <param name="currency">The currency to add, usually made with <see cref="Currency.Custom(string, int)"/>.</param>
    /// <returns>The new registry, or this one when it already holds exactly that currency.</returns>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>, or a different currency already has its code.</exception>
    public CurrencyRegistry With(Currency currency)
    {
        Preconditions.CheckInitialized(currency);
        if (_byCode.TryGetValue(currency.Code, out var existing))
        {
            Preconditions.CheckArgument(existing == currency, nameof(currency),
                $"The registry already has a different currency with code '{currency.Code}'.");
            return this;
        }

        var all = new Dictionary<string, Currency>(_byCode, StringComparer.OrdinalIgnoreCase) { [currency.Code] = currency };
        return new CurrencyRegistry(all.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Returns the currency with the given code, ignoring case.</summary>
    /// <param name="code">The currency code.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is null.</exception>
    /// <exception cref="UnknownCurrencyException">This registry has no currency with that code.</exception>
    public Currency FromCode(string code)
    {
        Preconditions.CheckNotNull(code);
        return TryFromCode(code, out var currency) ? currency : throw new UnknownCurrencyException(code);
    }

    /// <summary>Looks up the currency with the given code, ignoring case, without throwing.</summary>
    /// <param name="code">The currency code; null or unknown gives false.</param>
    /// <param name="currency">The currency when found; otherwise <c>default(Currency)</c>.</param>
    /// <returns>True when this registry has a currency with that code.</returns>
    public bool TryFromCode(string? code, out Currency currency)
    {
        if (code is not null && _byCode.TryGetValue(code, out currency))
        {
            return true;
        }

        currency = default;
        return false;
    }
}
