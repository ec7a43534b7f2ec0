namespace Billing.Domain.Rating;

/// <summary>The consumption of one account, model and token on one billing day, by the store's integer ids.</summary>
/// <param name="Account">The account's id.</param>
/// <param name="Model">The model's index in the rater's price list.</param>
/// <param name="Token">The API token's id.</param>
/// <param name="Day">The billing day number.</param>
/// <param name="Calls">The number of calls.</param>
/// <param name="InputTokens">The input tokens.</param>
/// <param name="OutputTokens">The output tokens.</param>
/// <param name="CachedInputTokens">The cached input tokens.</param>
/// <param name="Cost">The sum of the calls' costs, each rounded as the rater says.</param>
public readonly record struct DenseDailyUsage(
    int Account, int Model, int Token, int Day, long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, Money Cost);
