namespace Billing.Domain.Subscriptions;

/// <summary>What one billing run did.</summary>
/// <param name="Subscriptions">The subscriptions it billed: those that had been Active (or Delivered) by its instant.</param>
/// <param name="ChargesMade">The charges it made (each once: a run again makes none of them again).</param>
/// <param name="ChargesPaid">The charges it paid from a balance, new ones and open ones settled by a later top-up.</param>
/// <param name="Graced">The subscriptions it moved to Graced because a charge could not be paid.</param>
/// <param name="Restored">The graced subscriptions it moved back to Active once all their charges were paid.</param>
/// <param name="GraceExpired">The graced subscriptions whose grace period it let expire (to Stopping, or waiting for a manager).</param>
public sealed record BillingRunResult(int Subscriptions, int ChargesMade, int ChargesPaid, int Graced, int Restored, int GraceExpired)
{
    /// <summary>Gets the subscriptions it renewed for a new period (Renewing, then Active), in advance.</summary>
    public int Renewed { get; init; }

    /// <summary>Gets the Active subscriptions whose renewal failed (Renewing failed): the catalog has no version of their plan in force for a period.</summary>
    public int RenewalsFailed { get; init; }

    /// <summary>Gets the number of grants whose unspent remainder the run expired (<see cref="Grants.CreditGrantService.ExpireAsync"/>), in the accounts of the prepaid subscriptions it billed: before their charges (which never draw an expired grant), and after them what a credit gave back to an expired grant.</summary>
    public int GrantsExpired { get; init; }
}

/// <summary>How far a billing run has come: reported after each subscription it looked at.</summary>
/// <param name="Done">The subscriptions looked at so far, this one included.</param>
/// <param name="Total">The subscriptions the run looks at: every stored one.</param>
/// <param name="SubscriptionId">The subscription just done.</param>
public sealed record BillingRunProgress(int Done, int Total, string SubscriptionId)
{
    /// <summary>Gets the subscription just done.</summary>
    public string SubscriptionId { get; } = Utility.Preconditions.CheckNotNull(SubscriptionId);
}
