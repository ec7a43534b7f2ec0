using System.Globalization;
using Billing.Domain.Utility;

namespace Billing.Domain.Storage;

/// <summary>
/// How a service tries a command again when its commit lost a race to another writer
/// (<see cref="ConcurrencyConflictException"/>): at most <see cref="MaxAttempts"/> attempts, each retry after an
/// exponential backoff with full jitter (a random wait between zero and <see cref="BaseDelay"/> × 2^(retry − 1), capped
/// at <see cref="MaxDelay"/>), so that writers that collided do not collide again in step.
/// </summary>
/// <remarks>
/// Every retry reads the store again and decides again; nothing of the lost attempt was written. When the last attempt
/// loses too, the <see cref="ConcurrencyConflictException"/> reaches the caller. A service built without a policy uses
/// <see cref="Default"/>.
/// </remarks>
public sealed class ConflictRetryPolicy
{
    /// <summary>The most attempts a policy accepts: 1,000.</summary>
    public const int MaxAttemptsLimit = 1_000;

    /// <summary>The longest backoff a policy accepts: one minute.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>Initializes a policy.</summary>
    /// <param name="maxAttempts">The attempts in all, the first included: 1 (never retry) to <see cref="MaxAttemptsLimit"/>.</param>
    /// <param name="baseDelay">The cap of the first retry's random wait: zero (retry at once) to <see cref="MaxBackoff"/>.</param>
    /// <param name="maxDelay">The cap of any retry's random wait: from <paramref name="baseDelay"/> to <see cref="MaxBackoff"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public ConflictRetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        MaxAttempts = Preconditions.CheckRange(maxAttempts, 1, MaxAttemptsLimit);
        BaseDelay = CheckDelay(baseDelay, TimeSpan.Zero, nameof(baseDelay));
        MaxDelay = CheckDelay(maxDelay, baseDelay, nameof(maxDelay));
    }

    /// <summary>Gets the policy of services built without one: 16 attempts, backoff from 2 ms up to 250 ms.</summary>
    public static ConflictRetryPolicy Default { get; } = new(16, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(250));

    /// <summary>Gets the attempts in all, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>Gets the cap of the first retry's random wait.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>Gets the cap of any retry's random wait.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>A policy that retries at once, without waiting: for in-memory stores and tests.</summary>
    /// <param name="maxAttempts">The attempts in all, the first included: 1 to 1,000.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAttempts"/> is out of its range.</exception>
    public static ConflictRetryPolicy Immediate(int maxAttempts) => new(maxAttempts, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>Gets the cap of a retry's random wait: <see cref="BaseDelay"/> × 2^(retry − 1), at most <see cref="MaxDelay"/>.</summary>
    /// <param name="retry">The retry: 1 for the second attempt.</param>
    /// <returns>The cap.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retry"/> is not between 1 and <see cref="MaxAttempts"/> − 1.</exception>
    public TimeSpan BackoffCap(int retry)
    {
        Preconditions.CheckRange(retry, 1, Math.Max(1, MaxAttempts - 1));
        // Doubling past 2^40 of any positive base passes a minute: stop there rather than overflow.
        var doubled = BaseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 40));
        return doubled >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)doubled);
    }

    /// <summary>Draws the wait before a retry: uniform between zero and <see cref="BackoffCap"/> (full jitter).</summary>
    /// <param name="retry">The retry: 1 for the second attempt.</param>
    /// <returns>The wait.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retry"/> is not between 1 and <see cref="MaxAttempts"/> − 1.</exception>
    public TimeSpan DelayBefore(int retry)
    {
        var cap = BackoffCap(retry);
        return cap == TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(Random.Shared.NextInt64(cap.Ticks + 1));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{MaxAttempts} attempts, backoff {BaseDelay.TotalMilliseconds} ms up to {MaxDelay.TotalMilliseconds} ms");

    private static TimeSpan CheckDelay(TimeSpan delay, TimeSpan min, string name) =>
        delay >= min && delay <= MaxBackoff
            ? delay
            : throw new ArgumentOutOfRangeException(name, delay, $"Must be between {min} and {MaxBackoff}.");
}
