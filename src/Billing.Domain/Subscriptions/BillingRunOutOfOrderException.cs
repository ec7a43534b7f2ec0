using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>Thrown when a billing run is asked to bill up to an instant before the last run's; nothing is written.</summary>
public sealed class BillingRunOutOfOrderException : BillingException
{
    /// <summary>The stable code of this rule: <c>billing.run_before_last</c>.</summary>
    public const string ErrorCode = "billing.run_before_last";

    /// <summary>Initializes a new instance for the refused run.</summary>
    /// <param name="at">The instant the run was asked to bill up to.</param>
    /// <param name="last">The instant the last run billed up to.</param>
    public BillingRunOutOfOrderException(Instant at, Instant last)
        : base(ErrorCode, $"A billing run at {at} comes before the last run, at {last}: runs move forward in time.")
    {
        At = at;
        Last = last;
    }

    /// <summary>Gets the instant the run was asked to bill up to.</summary>
    public Instant At { get; }

    /// <summary>Gets the instant the last run billed up to.</summary>
    public Instant Last { get; }
}
