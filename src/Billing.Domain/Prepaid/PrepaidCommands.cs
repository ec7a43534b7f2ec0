using Billing.Domain.Storage;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Prepaid;

/// <summary>What every prepaid service runs its commands with: the store, the clock, and the retry on a lost race.</summary>
internal sealed class PrepaidCommands
{
    private readonly int _attempts;

    public PrepaidCommands(IPrepaidStore store, IClock clock, int attempts)
    {
        Store = Preconditions.CheckNotNull(store);
        Clock = Preconditions.CheckNotNull(clock);
        _attempts = Preconditions.CheckRange(attempts, 1, int.MaxValue);
    }

    public IPrepaidStore Store { get; }

    public IClock Clock { get; }

    public Instant Now => Clock.GetCurrentInstant();

    /// <summary>Runs a read-decide-commit attempt, again from the read when its commit loses a race.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> attempt) => ConflictRetry.RunAsync(_attempts, attempt);
}
