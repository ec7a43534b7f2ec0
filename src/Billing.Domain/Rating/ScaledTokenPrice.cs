using Billing.Domain.Charging;

namespace Billing.Domain.Rating;

/// <summary>A model's token prices per million at 6 decimals, as integers: a call's cost at 12 decimals is then an exact integer.</summary>
internal sealed record ScaledTokenPrice(long Input, long Output, long Cached)
{
    /// <summary>The decimals of a call's cost computed from scaled prices.</summary>
    public const int CostScale = 12;

    /// <summary>
    /// Returns the scaled prices, or null when a price has more than 6 decimals per million tokens or the provider counts
    /// cached tokens within the input tokens. A call with reasoning, image or audio tokens is not priced with them.
    /// </summary>
    public static ScaledTokenPrice? From(TokenPrice price) =>
        price.CachedInput == TokenCounting.Separate
        && ScaledDecimal.TryScale(price.InputPerMillion.Amount, 6, long.MaxValue, out var input)
        && ScaledDecimal.TryScale(price.OutputPerMillion.Amount, 6, long.MaxValue, out var output)
        && ScaledDecimal.TryScale(price.CachedInputPerMillion.Amount, 6, long.MaxValue, out var cached)
            ? new ScaledTokenPrice(input, output, cached)
            : null;

    /// <summary>Computes tokens × price for each kind at 12 decimals; false when the cost would not fit 63 bits.</summary>
    public bool TryCost(long inputTokens, long outputTokens, long cachedInputTokens, out long units)
    {
        units = 0;
        return Add(ref units, inputTokens, Input) && Add(ref units, outputTokens, Output) && Add(ref units, cachedInputTokens, Cached);
    }

    private static bool Add(ref long total, long tokens, long price)
    {
        if (Math.BigMul(tokens, price, out var product) != 0 || product < 0)
        {
            return false;
        }

        total += product;
        return total >= 0;
    }
}
