using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Events;

/// <summary>How <see cref="BillingEventDispatcher"/> retries a failed delivery: after a delay that doubles from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>, until <see cref="MaxAttempts"/> failures park the event.</summary>
public sealed record EventDeliveryPolicy
{
    /// <summary>Initializes a policy.</summary>
    /// <param name="maxAttempts">Failures before the event is parked, 1 or more.</param>
    /// <param name="firstDelay">The delay after the first failure, positive.</param>
    /// <param name="maxDelay">The longest delay, at least <paramref name="firstDelay"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public EventDeliveryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay)
    {
        MaxAttempts = Preconditions.CheckRange(maxAttempts, 1, 1_000);
        FirstDelay = firstDelay > Duration.Zero ? firstDelay : throw new ArgumentOutOfRangeException(nameof(firstDelay), firstDelay, "The first delay is positive.");
        MaxDelay = maxDelay >= firstDelay ? maxDelay : throw new ArgumentOutOfRangeException(nameof(maxDelay), maxDelay, "The longest delay is at least the first.");
    }

    /// <summary>Gets the default: 8 attempts, from 1 second doubling up to 10 minutes (about 8 minutes in all before an event is parked).</summary>
    public static EventDeliveryPolicy Default { get; } = new(8, Duration.FromSeconds(1), Duration.FromMinutes(10));

    /// <summary>Gets how many failures park an event.</summary>
    public int MaxAttempts { get; }

    /// <summary>Gets the delay after the first failure.</summary>
    public Duration FirstDelay { get; }

    /// <summary>Gets the longest delay.</summary>
    public Duration MaxDelay { get; }

    /// <summary>Returns the delay after the given number of failures: <see cref="FirstDelay"/> × 2^(failures − 1), at most <see cref="MaxDelay"/>.</summary>
    /// <param name="failures">The failures so far, 1 or more.</param>
    /// <returns>The delay.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failures"/> is below 1.</exception>
    public Duration DelayAfter(int failures)
    {
        Preconditions.CheckRange(failures, 1, int.MaxValue);
        var delay = FirstDelay;
        for (var i = 1; i < failures && delay < MaxDelay; i++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }
}
