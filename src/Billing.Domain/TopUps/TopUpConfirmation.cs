using Billing.Domain.Ledger;

namespace Billing.Domain.TopUps;

/// <summary>The answer to a payment confirmation.</summary>
/// <param name="Order">The order after it: Completed when it paid the order, Abnormal when it did not match.</param>
/// <param name="Credit">The balance credit of the order, when it is completed (the first one on a replay).</param>
/// <param name="Replayed">True when the confirmation had been processed before, or the order was already settled, and nothing changed.</param>
public sealed record TopUpConfirmation(TopUpOrder Order, LedgerEntry? Credit, bool Replayed);
