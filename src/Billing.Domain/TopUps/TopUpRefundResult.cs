using Billing.Domain.Ledger;
using Billing.Domain.Utility;

namespace Billing.Domain.TopUps;

/// <summary>The answer to a refund request; callers branch on <see cref="Outcome"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Order">The order after it.</param>
/// <param name="Refund">The refund on the order it is about: the new one, the one in flight, or the last one on a replay; null when refused.</param>
/// <param name="Debit">The ledger entry that took the refund's credit from the balance, when it has one.</param>
/// <param name="DeclineReason">The gateway's reason, when declined.</param>
public sealed record TopUpRefundResult(TopUpRefundOutcome Outcome, TopUpOrder Order, TopUpRefund? Refund, LedgerEntry? Debit, string? DeclineReason = null)
{
    /// <summary>Gets the order after it.</summary>
    public TopUpOrder Order { get; } = Preconditions.CheckNotNull(Order);

    /// <summary>
    /// Gets the stable code of a refusal, <c>refund.</c> and the rule in snake case (<c>refund.over_credit_limit</c>,
    /// <c>refund.invoiced</c>, <c>refund.over_refundable</c>), or null when the request was not refused.
    /// </summary>
    public string? RefusalCode => Outcome switch
    {
        TopUpRefundOutcome.RefusedOverCreditLimit or TopUpRefundOutcome.RefusedInvoiced or TopUpRefundOutcome.RefusedOverRefundable =>
            "refund." + Texts.SnakeCase(Outcome.ToString()["Refused".Length..]),
        _ => null,
    };
}
