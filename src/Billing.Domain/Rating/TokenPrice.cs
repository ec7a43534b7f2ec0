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

    /// <summary>Gets or initializes the price of a million reasoning tokens; null prices them as output tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative.</exception>
    /// <exception cref="ArgumentException">The price is in another currency.</exception>
    public Money? ReasoningPerMillion { get; init => field = CheckOwn(value, nameof(ReasoningPerMillion)); }

    /// <summary>Gets or initializes the price of a million image input tokens; null prices them as input tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative.</exception>
    /// <exception cref="ArgumentException">The price is in another currency.</exception>
    public Money? ImagePerMillion { get; init => field = CheckOwn(value, nameof(ImagePerMillion)); }

    /// <summary>Gets or initializes the price of a million audio input tokens; null prices them as input tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative.</exception>
    /// <exception cref="ArgumentException">The price is in another currency.</exception>
    public Money? AudioPerMillion { get; init => field = CheckOwn(value, nameof(AudioPerMillion)); }

    /// <summary>Gets or initializes how the provider counts cached input tokens: beside the input tokens (the default, Anthropic) or within them (OpenAI, Gemini, Mistral).</summary>
    public TokenCounting CachedInput { get; init => field = Utility.Preconditions.CheckDefined(value, nameof(CachedInput)); }

    /// <summary>Gets or initializes how the provider counts reasoning tokens: within the output tokens (the default, OpenAI, Anthropic) or beside them (Gemini).</summary>
    public TokenCounting Reasoning { get; init => field = Utility.Preconditions.CheckDefined(value, nameof(Reasoning)); } = TokenCounting.Included;

    /// <summary>Gets or initializes how the provider counts image and audio tokens: within the input tokens (the default, OpenAI, Gemini) or beside them.</summary>
    public TokenCounting Modalities { get; init => field = Utility.Preconditions.CheckDefined(value, nameof(Modalities)); } = TokenCounting.Included;

    /// <summary>Returns a value indicating whether the prices apply at <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when <see cref="EffectiveFrom"/> ≤ instant &lt; <see cref="EffectiveTo"/>.</returns>
    public bool AppliesAt(Instant instant) => instant >= EffectiveFrom && (EffectiveTo is not { } end || instant < end);

    /// <summary>
    /// Returns the exact cost of a call at these prices, every kind of token at its own price: input tokens less those
    /// counted within them (<see cref="CachedInput"/>, <see cref="Modalities"/>) at the input price, cached, image and
    /// audio tokens at theirs, output tokens less reasoning tokens counted within them (<see cref="Reasoning"/>) at
    /// the output price, and reasoning tokens at theirs; each per million.
    /// </summary>
    /// <param name="usage">The call.</param>
    /// <returns>The cost, unrounded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="usage"/> is null.</exception>
    /// <exception cref="InconsistentTokenCountsException">Tokens counted within the input or output tokens exceed them.</exception>
    public Money CostOf(UsageRecord usage)
    {
        var costs = CostsOf(usage);
        return new Money(costs.Input + costs.Cached + costs.Image + costs.Audio + costs.Output + costs.Reasoning, Currency);
    }

    /// <summary>Returns each kind's exact cost of a call, for a rater that rounds each kind before it sums them.</summary>
    internal KindCosts CostsOf(UsageRecord usage)
    {
        Utility.Preconditions.CheckNotNull(usage);
        var withinInput = (CachedInput == TokenCounting.Included ? usage.CachedInputTokens : 0) + (Modalities == TokenCounting.Included ? usage.ImageTokens + usage.AudioTokens : 0);
        if (withinInput > usage.InputTokens)
        {
            throw new InconsistentTokenCountsException(usage.RequestId, "input", usage.InputTokens, withinInput);
        }

        var withinOutput = Reasoning == TokenCounting.Included ? usage.ReasoningTokens : 0;
        if (withinOutput > usage.OutputTokens)
        {
            throw new InconsistentTokenCountsException(usage.RequestId, "output", usage.OutputTokens, withinOutput);
        }

        static decimal PerMillion(long tokens, Money price) => tokens * price.Amount / 1_000_000m;
        return new KindCosts(
            PerMillion(usage.InputTokens - withinInput, InputPerMillion), PerMillion(usage.CachedInputTokens, CachedInputPerMillion),
            PerMillion(usage.ImageTokens, ImagePerMillion ?? InputPerMillion), PerMillion(usage.AudioTokens, AudioPerMillion ?? InputPerMillion),
            PerMillion(usage.OutputTokens - withinOutput, OutputPerMillion), PerMillion(usage.ReasoningTokens, ReasoningPerMillion ?? OutputPerMillion));
    }

    internal bool Overlaps(TokenPrice other) =>
        Model == other.Model
        && (other.EffectiveTo is not { } otherEnd || EffectiveFrom < otherEnd)
        && (EffectiveTo is not { } end || other.EffectiveFrom < end);

    private Money? CheckOwn(Money? price, string paramName)
    {
        if (price is { } own)
        {
            Pricing.Pricing.CheckNotNegative(own, paramName);
            Utility.Preconditions.CheckArgument(own.Currency == Currency, paramName, "A model's prices are in one currency.");
        }

        return price;
    }

    /// <summary>Each kind's exact cost of one call.</summary>
    internal readonly record struct KindCosts(decimal Input, decimal Cached, decimal Image, decimal Audio, decimal Output, decimal Reasoning);
}
