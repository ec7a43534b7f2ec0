namespace Billing.Domain.Consumption;

/// <summary>An account's consumption of one model through one token over a range of time: what an invoice's usage line shows.</summary>
/// <param name="Model">The model.</param>
/// <param name="TokenName">The API token's name.</param>
/// <param name="Calls">The number of calls.</param>
/// <param name="InputTokens">The input tokens.</param>
/// <param name="OutputTokens">The output tokens.</param>
/// <param name="CachedInputTokens">The cached input tokens.</param>
/// <param name="Cost">The sum of the calls' costs, exactly as debited.</param>
public sealed record ConsumptionTotal(string Model, string TokenName, long Calls, long InputTokens, long OutputTokens, long CachedInputTokens, Money Cost);
