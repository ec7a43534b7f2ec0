using Billing.Domain.Storage;

namespace Billing.Domain.Hosting;

/// <summary>The settings of <see cref="ConflictRetryPolicy"/>: how many times a command is tried and how long it waits between tries.</summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets how many times a command is tried in all, 1 to 1,000.</summary>
    public int MaxAttempts { get; set; } = ConflictRetryPolicy.Default.MaxAttempts;

    /// <summary>Gets or sets the cap of the wait before the first retry; each later cap doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = ConflictRetryPolicy.Default.BaseDelay;

    /// <summary>Gets or sets the largest wait between two tries, at most a minute.</summary>
    public TimeSpan MaxDelay { get; set; } = ConflictRetryPolicy.Default.MaxDelay;
}
