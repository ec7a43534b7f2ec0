using NodaTime;

namespace Billing.Domain.Rating;

/// <summary>Thrown when a call is rated for a model that has no price in force at the call's instant.</summary>
public sealed class UnpricedUsageException : BillingException
{
    /// <summary>The stable code of this rule: <c>rating.no_price</c>.</summary>
    public const string ErrorCode = "rating.no_price";

    /// <summary>Initializes a new instance for the call that could not be priced.</summary>
    /// <param name="requestId">The call's request id.</param>
    /// <param name="model">The model called.</param>
    /// <param name="occurredAt">When it was called.</param>
    public UnpricedUsageException(string requestId, string model, Instant occurredAt)
        : base(ErrorCode, $"Request {requestId}: model '{model}' has no price in force at {occurredAt}.")
    {
        RequestId = requestId;
        Model = model;
        OccurredAt = occurredAt;
    }

    /// <summary>Gets the call's request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the model that has no price.</summary>
    public string Model { get; }

    /// <summary>Gets when the call was made.</summary>
    public Instant OccurredAt { get; }
}
