using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>
/// One version of a model's token prices, per million tokens, in force over a half-open range of instants
/// [<see cref="EffectiveFrom"/>, <see cref="EffectiveTo"/>).
/// </summary>
public sealed record TokenPrice
{
    /// <summary>Initializes a version of a model's prices.</summary>
    /// <param name="model">The model's name, such as <c>gpt-x-mini</c>; compared exactly.</param>
    /// <param name="version">The version's name, recorded on every consumption rated with it.</param>
    /// <param name="inputPerMillion">The price of a million input tokens.</param>
    /// <param name="outputPerMillion">The price of a million output tokens.</param>
    /// <param name="cachedInputPerMillion">The price of a million cached input tokens.</param>
    /// <param name="effectiveFrom">The first instant the prices apply.</param>
    /// <param name="effectiveTo">The instant they stop applying (exclusive), or null while they apply.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="version"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is empty, the prices mix currencies, or <paramref name="effectiveTo"/> is not after <paramref name="effectiveFrom"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is negative.</exception>
    public TokenPrice(string model, string version, Money inputPerMillion, Money outputPerMillion, Money cachedInputPerMillion, Instant effectiveFrom, Instant? effectiveTo = null)
    {
        Preconditions.CheckNotNull(model);
        Preconditions.CheckNotNull(version);
        Preconditions.CheckArgument(model.Length > 0, nameof(model), "A model has a name.");
        Preconditions.CheckArgument(version.Length > 0, nameof(version), "A price version has a name.");
        Pricing.Pricing.CheckNotNegative(inputPerMillion, nameof(inputPerMillion));
        Pricing.Pricing.CheckNotNegative(outputPerMillion, nameof(outputPerMillion));
        Pricing.Pricing.CheckNotNegative(cachedInputPerMillion, nameof(cachedInputPerMillion));
        Preconditions.CheckArgument(outputPerMillion.Currency == inputPerMillion.Currency && cachedInputPerMillion.Currency == inputPerMillion.Currency,
            nameof(outputPerMillion), "A model's prices are in one currency.");
        Preconditions.CheckArgument(effectiveTo is null || effectiveTo > effectiveFrom, nameof(effectiveTo), "A price version ends after it starts.");
        Model = model;
        Version = version;
        InputPerMillion = inputPerMillion;
        OutputPerMillion = outputPerMillion;
        CachedInputPerMillion = cachedInputPerMillion;
        EffectiveFrom = effectiveFrom;
        EffectiveTo = effectiveTo;
    }

    /// <summary>Gets the model's name.</summary>
    public string Model { get; }

    /// <summary>Gets the version's name.</summary>
    public string Version { get; }

    /// <summary>Gets the price of a million input tokens.</summary>
    public Money InputPerMillion { get; }

    /// <summary>Gets the price of a million output tokens.</summary>
    public Money OutputPerMillion { get; }

    /// <summary>Gets the price of a million cached input tokens.</summary>
    public Money CachedInputPerMillion { get; }

    /// <summary>Gets the first instant the prices apply.</summary>
    public Instant EffectiveFrom { get; }

    /// <summary>Gets the instant the prices stop applying, exclusive.</summary>
    /// <value>The end, or null while the prices apply.</value>
    public Instant? EffectiveTo { get; }

    /// <summary>Gets the currency of the prices.</summary>
    public Currency Currency => InputPerMillion.Currency;

    /// <summary>Returns a value indicating whether the prices apply at <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when <see cref="EffectiveFrom"/> ≤ instant &lt; <see cref="EffectiveTo"/>.</returns>
    public bool AppliesAt(Instant instant) => instant >= EffectiveFrom && (EffectiveTo is not { } end || instant < end);

    /// <summary>Returns the exact cost of the tokens at these prices: each count × its price per million / 1,000,000.</summary>
    /// <param name="inputTokens">Input tokens, 0 or more.</param>
    /// <param name="outputTokens">Output tokens, 0 or more.</param>
    /// <param name="cachedInputTokens">Cached input tokens, 0 or more.</param>
    /// <returns>The cost, unrounded.</returns>
    public Money CostOf(long inputTokens, long outputTokens, long cachedInputTokens) =>
        new(((inputTokens * InputPerMillion.Amount) + (outputTokens * OutputPerMillion.Amount) + (cachedInputTokens * CachedInputPerMillion.Amount)) / 1_000_000m, Currency);

    internal bool Overlaps(TokenPrice other) =>
        Model == other.Model
        && (other.EffectiveTo is not { } otherEnd || EffectiveFrom < otherEnd)
        && (EffectiveTo is not { } end || other.EffectiveFrom < end);
}
