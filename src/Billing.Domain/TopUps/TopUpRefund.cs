using Billing.Domain.Ledger;

namespace Billing.Domain.TopUps;

/// <summary>The answer to a refund request; callers branch on <see cref="Outcome"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Order">The order after it.</param>
/// <param name="Debit">The ledger entry taking the credit back, when refunded (the first one on a replay).</param>
/// <param name="DeclineReason">The gateway's reason, when declined.</param>
public sealed record TopUpRefund(TopUpRefundOutcome Outcome, TopUpOrder Order, LedgerEntry? Debit, string? DeclineReason = null);
