using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>A Prepay invoice was asked for a billing period that has not ended yet in the account's time zone; nothing was made.</summary>
public sealed class PeriodNotEndedException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "invoice.period_not_ended";

    /// <summary>Initializes the exception.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="endsAt">When the period ends.</param>
    /// <param name="now">When the close was asked.</param>
    public PeriodNotEndedException(string accountId, Instant endsAt, Instant now)
        : base(ErrorCode, $"The billing period of {accountId} ends at {endsAt}; it cannot be closed at {now}.")
    {
        AccountId = accountId;
        EndsAt = endsAt;
        Now = now;
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets when the period ends.</summary>
    public Instant EndsAt { get; }

    /// <summary>Gets when the close was asked.</summary>
    public Instant Now { get; }
}
