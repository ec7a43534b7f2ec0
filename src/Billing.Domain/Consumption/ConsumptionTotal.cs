using Billing.Domain.Utility;
namespace Billing.Domain.Consumption;

/// <summary>An account's consumption of one model through one token over a range of time: what an invoice's usage line shows.</summary>
/// <param name="Model">The model.</param>
/// <param name="TokenName">The API token's name.</param>
/// <param name="Calls">The number of calls.</param>
/// <param name="InputTokens">The input tokens.</param>
/// <param name="OutputTokens">The output tokens.</param>
/// <param name="CachedInputTokens">The cached input tokens.</param>
/// <param name="Cost">The sum of the calls' costs, exactly as debited.</param>
public sealed record ConsumptionTotal(string Model, string TokenName, long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, Money Cost)
{
    /// <summary>Gets the model.</summary>
    public string Model { get; } = Preconditions.CheckNotNull(Model);

    /// <summary>Gets the API token's name.</summary>
    public string TokenName { get; } = Preconditions.CheckNotNull(TokenName);

    /// <summary>Gets or initializes the reasoning tokens.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Gets or initializes the image input tokens.</summary>
    public long ImageTokens { get; init; }

    /// <summary>Gets or initializes the audio input tokens.</summary>
    public long AudioTokens { get; init; }

    /// <summary>Sums records per model and token name, ordered by model then token name (ordinal): what a store's <see cref="IConsumptionStore.SumConsumptionAsync"/> returns.</summary>
    /// <param name="records">The records, all in <paramref name="currency"/>.</param>
    /// <param name="currency">The currency of the costs.</param>
    /// <returns>One total per model and token name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="CurrencyMismatchException">A cost is in another currency.</exception>
    public static IReadOnlyList<ConsumptionTotal> Sum(IEnumerable<Rating.ConsumptionRecord> records, Currency currency) =>
        [.. Utility.Preconditions.CheckNotNull(records)
            .GroupBy(r => (r.Usage.Model, r.Usage.TokenName))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.TokenName, StringComparer.Ordinal)
            .Select(g => new ConsumptionTotal(
                g.Key.Model, g.Key.TokenName, g.LongCount(), g.Sum(r => r.Usage.InputTokens), g.Sum(r => r.Usage.OutputTokens),
                g.Sum(r => r.Usage.CachedInputTokens), Money.Sum(g.Select(r => r.Cost), currency))
            {
                ReasoningTokens = g.Sum(r => r.Usage.ReasoningTokens), ImageTokens = g.Sum(r => r.Usage.ImageTokens), AudioTokens = g.Sum(r => r.Usage.AudioTokens),
            })];
}
