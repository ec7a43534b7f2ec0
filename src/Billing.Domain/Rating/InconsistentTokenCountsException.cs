namespace Billing.Domain.Rating;

/// <summary>
/// Thrown when a call's token counts cannot all hold under its model's counting: tokens counted within a base count
/// (cached, image and audio within input; reasoning within output, <see cref="TokenCounting.Included"/>) add up to
/// more than that base count. Nothing is rated.
/// </summary>
public sealed class InconsistentTokenCountsException : BillingException
{
    /// <summary>The stable code of this rule: <c>rating.token_counts_inconsistent</c>.</summary>
    public const string ErrorCode = "rating.token_counts_inconsistent";

    /// <summary>Initializes a new instance for the call whose counts do not hold.</summary>
    /// <param name="requestId">The call's request id.</param>
    /// <param name="baseKind">The base count the others exceed: <c>input</c> or <c>output</c>.</param>
    /// <param name="baseTokens">The base count.</param>
    /// <param name="includedTokens">The tokens counted within it.</param>
    public InconsistentTokenCountsException(string requestId, string baseKind, long baseTokens, long includedTokens)
        : base(ErrorCode, $"Request {requestId}: {includedTokens:N0} tokens are counted within its {baseTokens:N0} {baseKind} tokens.")
    {
        RequestId = requestId;
        BaseKind = baseKind;
        BaseTokens = baseTokens;
        IncludedTokens = includedTokens;
    }

    /// <summary>Gets the call's request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the base count exceeded: <c>input</c> or <c>output</c>.</summary>
    public string BaseKind { get; }

    /// <summary>Gets the base count.</summary>
    public long BaseTokens { get; }

    /// <summary>Gets the tokens the model's counting puts within the base count.</summary>
    public long IncludedTokens { get; }
}
