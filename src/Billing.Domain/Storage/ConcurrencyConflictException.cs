namespace Billing.Domain.Storage;

/// <summary>
/// A write was refused because the stored aggregate changed since it was read (a stale version), or because
/// a key that must be unique is already taken. Nothing of the write was stored.
/// </summary>
/// <remarks>The use-case services reload and retry on this exception; a host sees it only when retries run out.</remarks>
public sealed class ConcurrencyConflictException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "storage.concurrency_conflict";

    /// <summary>Initializes the exception.</summary>
    /// <param name="aggregate">The kind of aggregate, e.g. <c>top-up order</c>.</param>
    /// <param name="id">The aggregate's id or the duplicated key.</param>
    /// <param name="expectedVersion">The version the write expected to replace.</param>
    /// <param name="actualVersion">The version stored, or null when the conflict is a duplicate key.</param>
    public ConcurrencyConflictException(string aggregate, string id, long expectedVersion, long? actualVersion)
        : base(ErrorCode, actualVersion is null
            ? $"The {aggregate} key {id} is already taken."
            : $"The {aggregate} {id} is at version {actualVersion}, not {expectedVersion}: it changed since it was read.")
    {
        Aggregate = aggregate;
        Id = id;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the kind of aggregate.</summary>
    public string Aggregate { get; }

    /// <summary>Gets the aggregate's id or the duplicated key.</summary>
    public string Id { get; }

    /// <summary>Gets the version the write expected to replace (0: the aggregate must not exist yet).</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version stored, or null when the conflict is a duplicate key.</summary>
    public long? ActualVersion { get; }
}
