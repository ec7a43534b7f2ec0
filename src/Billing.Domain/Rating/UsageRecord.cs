using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>One API call as the usage log records it: who called which model with which token, and how many tokens went in and out.</summary>
public sealed record UsageRecord
{
    /// <summary>Initializes a usage record.</summary>
    /// <param name="requestId">The call's unique request id.</param>
    /// <param name="accountId">The account billed.</param>
    /// <param name="tokenName">The name of the API token used.</param>
    /// <param name="model">The model called.</param>
    /// <param name="inputTokens">Input tokens, 0 or more.</param>
    /// <param name="outputTokens">Output tokens, 0 or more.</param>
    /// <param name="occurredAt">When the call was made.</param>
    /// <param name="cachedInputTokens">Cached input tokens, 0 or more.</param>
    /// <exception cref="ArgumentNullException">A text argument is null.</exception>
    /// <exception cref="ArgumentException">A text argument is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A token count is negative or above <see cref="MaxTokens"/>.</exception>
    public UsageRecord(string requestId, string accountId, string tokenName, string model, long inputTokens, long outputTokens, Instant occurredAt, long cachedInputTokens = 0)
    {
        RequestId = Preconditions.CheckId(requestId);
        AccountId = Preconditions.CheckId(accountId);
        TokenName = Preconditions.CheckId(tokenName);
        Model = Preconditions.CheckId(model);
        InputTokens = Count(inputTokens, nameof(inputTokens));
        OutputTokens = Count(outputTokens, nameof(outputTokens));
        CachedInputTokens = Count(cachedInputTokens, nameof(cachedInputTokens));
        OccurredAt = occurredAt;
    }

    /// <summary>The most tokens of one kind a call may count: 10^12.</summary>
    public const long MaxTokens = 1_000_000_000_000;

    /// <summary>Gets the call's unique request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the account billed.</summary>
    public string AccountId { get; }

    /// <summary>Gets the name of the API token used.</summary>
    public string TokenName { get; }

    /// <summary>Gets the model called.</summary>
    public string Model { get; }

    /// <summary>Gets the input tokens.</summary>
    public long InputTokens { get; }

    /// <summary>Gets the output tokens.</summary>
    public long OutputTokens { get; }

    /// <summary>Gets the cached input tokens.</summary>
    public long CachedInputTokens { get; }

    /// <summary>Gets when the call was made.</summary>
    public Instant OccurredAt { get; }

    /// <summary>Gets or initializes the reasoning (thinking) tokens, 0 or more: within the output tokens or beside them, as the model's price counts them (<see cref="TokenPrice.Reasoning"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or above <see cref="MaxTokens"/>.</exception>
    public long ReasoningTokens { get; init => field = Count(value, nameof(ReasoningTokens)); }

    /// <summary>Gets or initializes the image input tokens, 0 or more: within the input tokens or beside them, as the model's price counts them (<see cref="TokenPrice.Modalities"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or above <see cref="MaxTokens"/>.</exception>
    public long ImageTokens { get; init => field = Count(value, nameof(ImageTokens)); }

    /// <summary>Gets or initializes the audio input tokens, 0 or more: within the input tokens or beside them, as the model's price counts them (<see cref="TokenPrice.Modalities"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or above <see cref="MaxTokens"/>.</exception>
    public long AudioTokens { get; init => field = Count(value, nameof(AudioTokens)); }

    /// <summary>Gets a value indicating whether the call counts reasoning, image or audio tokens, which only the decimal path of rating prices.</summary>
    internal bool HasOtherKinds => (ReasoningTokens | ImageTokens | AudioTokens) != 0;

    private static long Count(long value, string paramName) =>
        value is >= 0 and <= MaxTokens ? value : throw new ArgumentOutOfRangeException(paramName, value, $"A token count is 0 to {MaxTokens:N0}.");
}
