namespace Billing.Domain.Storage;

/// <summary>
/// The store could not get its lock in time: another writer (another process on the same file, a long transaction)
/// held it past the store's documented busy timeout. Nothing of the call was written; it can be tried again.
/// </summary>
public sealed class StorageBusyException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "storage.busy";

    /// <summary>Initializes the exception.</summary>
    /// <param name="store">The store, as its adapter names it (a file, a database).</param>
    /// <param name="timeout">How long it waited.</param>
    /// <param name="innerException">The database's own error.</param>
    public StorageBusyException(string store, TimeSpan timeout, Exception? innerException = null)
        : base(ErrorCode, $"{store} stayed locked by another writer for {timeout.TotalSeconds:0.#} s; nothing was written. Try again.", innerException)
    {
        Store = store;
        Timeout = timeout;
    }

    /// <summary>Gets the store that was busy.</summary>
    public string Store { get; }

    /// <summary>Gets how long the call waited for the lock.</summary>
    public TimeSpan Timeout { get; }
}
