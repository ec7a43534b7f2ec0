namespace Billing.Domain.Storage;

/// <summary>Runs a read-decide-commit attempt again when its commit lost a race.</summary>
internal static class ConflictRetry
{
    /// <summary>The attempts a service makes by default before letting the conflict through.</summary>
    public const int DefaultAttempts = 64;

    public static async Task<T> RunAsync<T>(int attempts, Func<Task<T>> attempt)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (i < attempts)
            {
                // Another command committed first: read again and decide again.
                await Task.Yield();
            }
        }
    }
}
