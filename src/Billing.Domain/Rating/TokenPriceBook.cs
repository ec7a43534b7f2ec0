using System.Diagnostics.CodeAnalysis;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>
/// The versioned token prices of every model, in one currency: at any instant a model has at most one price
/// version in force.
/// </summary>
/// <remarks>Immutable: <see cref="With(TokenPrice)"/> returns a new book.</remarks>
public sealed class TokenPriceBook
{
    private readonly Dictionary<string, TokenPrice[]> _byModel;

    private TokenPriceBook(Currency currency, Dictionary<string, TokenPrice[]> byModel)
    {
        Currency = currency;
        _byModel = byModel;
    }

    /// <summary>Gets the currency of every price.</summary>
    public Currency Currency { get; }

    /// <summary>Gets every price version, by model then start.</summary>
    public IReadOnlyList<TokenPrice> Prices => [.. _byModel.Values.SelectMany(v => v).OrderBy(p => p.Model, StringComparer.Ordinal).ThenBy(p => p.EffectiveFrom)];

    /// <summary>Returns an empty book in <paramref name="currency"/>.</summary>
    /// <param name="currency">The currency every price must have.</param>
    /// <returns>The book.</returns>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public static TokenPriceBook Empty(Currency currency) => new(Preconditions.CheckInitialized(currency), new Dictionary<string, TokenPrice[]>(StringComparer.Ordinal));

    /// <summary>Returns a book holding these prices and <paramref name="price"/>.</summary>
    /// <param name="price">A new price version.</param>
    /// <returns>The new book.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="price"/> is null.</exception>
    /// <exception cref="ArgumentException">The price is in another currency, or overlaps a version of the same model already in the book.</exception>
    public TokenPriceBook With(TokenPrice price)
    {
        Preconditions.CheckNotNull(price);
        Preconditions.CheckArgument(price.Currency == Currency, nameof(price), $"The book is in {Currency.Code}; the price is in {price.Currency.Code}.");
        var versions = _byModel.GetValueOrDefault(price.Model, []);
        var clash = versions.FirstOrDefault(v => v.Overlaps(price));
        Preconditions.CheckArgument(clash is null, nameof(price), $"{price.Model} {price.Version} overlaps version {clash?.Version}.");
        var byModel = new Dictionary<string, TokenPrice[]>(_byModel, StringComparer.Ordinal)
        {
            [price.Model] = [.. versions.Append(price).OrderBy(v => v.EffectiveFrom)],
        };
        return new TokenPriceBook(Currency, byModel);
    }

    /// <summary>Looks up the version of <paramref name="model"/>'s prices in force at <paramref name="at"/>.</summary>
    /// <param name="model">The model's name.</param>
    /// <param name="at">The instant.</param>
    /// <param name="price">The version when found; otherwise null.</param>
    /// <returns>True when a version is in force then.</returns>
    public bool TryFind(string model, Instant at, [NotNullWhen(true)] out TokenPrice? price)
    {
        price = null;
        if (model is not null && _byModel.TryGetValue(model, out var versions))
        {
            foreach (var version in versions)
            {
                if (version.AppliesAt(at))
                {
                    price = version;
                    break;
                }
            }
        }

        return price is not null;
    }
}
