namespace Billing.Domain.Rating;

/// <summary>
/// How a provider's usage counts a kind of token against its base kind (cached and modality tokens against input,
/// reasoning against output): the providers disagree, and the same numbers cost different amounts under each.
/// </summary>
public enum TokenCounting
{
    /// <summary>
    /// Beside the base count: the base count leaves these tokens out, and each is priced once at its own price.
    /// Anthropic's cache reads (<c>cache_read_input_tokens</c> beside <c>input_tokens</c>); Gemini's thoughts
    /// (<c>thoughtsTokenCount</c> beside <c>candidatesTokenCount</c>).
    /// </summary>
    Separate = 0,

    /// <summary>
    /// Within the base count: the base count includes these tokens, so they are taken out of it and priced at their
    /// own price. OpenAI's <c>cached_tokens</c> within <c>prompt_tokens</c> and <c>reasoning_tokens</c> within
    /// <c>completion_tokens</c>; Gemini's cached and per-modality prompt tokens within <c>promptTokenCount</c>;
    /// Mistral's cached tokens within <c>prompt_tokens</c>.
    /// </summary>
    Included = 1,
}
