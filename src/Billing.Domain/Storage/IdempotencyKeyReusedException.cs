namespace Billing.Domain.Storage;

/// <summary>
/// A create command reused an id already stored for a different request (another account, amount or text).
/// Repeating the same request is not an error: it returns what the first one made.
/// </summary>
public sealed class IdempotencyKeyReusedException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "idempotency.key_reused";

    /// <summary>Initializes the exception.</summary>
    /// <param name="aggregate">The kind of aggregate.</param>
    /// <param name="id">The reused id.</param>
    public IdempotencyKeyReusedException(string aggregate, string id)
        : base(ErrorCode, $"The {aggregate} {id} already exists with different content; use a new id.")
    {
        Aggregate = aggregate;
        Id = id;
    }

    /// <summary>Gets the kind of aggregate.</summary>
    public string Aggregate { get; }

    /// <summary>Gets the reused id.</summary>
    public string Id { get; }
}
