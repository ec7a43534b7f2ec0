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

    /// <summary>The code of <see cref="TopUpRefundOutcome.RefusedOverCreditLimit"/>.</summary>
    public const string OverCreditLimitCode = "refund.over_credit_limit";

    /// <summary>The code of <see cref="TopUpRefundOutcome.RefusedInvoiced"/>.</summary>
    public const string InvoicedCode = "refund.invoiced";

    /// <summary>The code of <see cref="TopUpRefundOutcome.RefusedOverRefundable"/>.</summary>
    public const string OverRefundableCode = "refund.over_refundable";

    /// <summary>
    /// Gets the stable code of a refusal (<see cref="OverCreditLimitCode"/>, <see cref="InvoicedCode"/>,
    /// <see cref="OverRefundableCode"/>), or null when the request was not refused.
    /// </summary>
    public string? RefusalCode => Outcome switch
    {
        TopUpRefundOutcome.RefusedOverCreditLimit => OverCreditLimitCode,
        TopUpRefundOutcome.RefusedInvoiced => InvoicedCode,
        TopUpRefundOutcome.RefusedOverRefundable => OverRefundableCode,
        _ => null,
    };
}
