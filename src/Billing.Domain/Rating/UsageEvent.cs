namespace Billing.Domain.Rating;

/// <summary>
/// One call in columnar form, as a usage store hands calls to a billing run: the account, model and token as
/// the store's integer ids, the billing day as a day number, and the token counts.
/// </summary>
/// <param name="Account">The account's id, 0 to 16,777,215.</param>
/// <param name="Model">The model's index in the rater's price list, 0 to 255.</param>
/// <param name="Token">The API token's id, 0 to 1,048,575.</param>
/// <param name="Day">The billing day as a day number (days since a date the host chooses), 0 to 4,095.</param>
/// <param name="InputTokens">Input tokens, 0 or more.</param>
/// <param name="OutputTokens">Output tokens, 0 or more.</param>
/// <param name="CachedInputTokens">Cached input tokens, 0 or more.</param>
public readonly record struct UsageEvent(int Account, int Model, int Token, int Day, long InputTokens, long OutputTokens, long CachedInputTokens = 0);
