using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>The consumption of one account, model and token name on one billing day.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Day">The billing day, in the account's time zone.</param>
/// <param name="Model">The model.</param>
/// <param name="TokenName">The API token's name.</param>
/// <param name="Calls">The number of calls.</param>
/// <param name="InputTokens">The input tokens.</param>
/// <param name="OutputTokens">The output tokens.</param>
/// <param name="CachedInputTokens">The cached input tokens.</param>
/// <param name="Cost">The sum of the calls' costs.</param>
public sealed record DailyUsage(
    string AccountId,
    LocalDate Day,
    string Model,
    string TokenName,
    long Calls,
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens,
    Money Cost)
{
    /// <summary>Gets the account.</summary>
    public string AccountId { get; } = Preconditions.CheckNotNull(AccountId);

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
}
