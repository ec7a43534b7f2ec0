using Billing.Domain.Ledger;
using Billing.Domain.Utility;

namespace Billing.Domain.TopUps;

/// <summary>The answer to a payment confirmation (or to accepting an abnormal payment).</summary>
/// <param name="Order">The order after it: Completed when it paid the order, Abnormal when it did not match, unchanged with an unexpected payment kept.</param>
/// <param name="Payment">The payment record it made (the first one on a replay); <see cref="TopUpPayment.Outcome"/> says what it did.</param>
/// <param name="Credit">The balance credit of the order, when it is completed (the first one on a replay).</param>
/// <param name="Replayed">True when this payment had been received before, and nothing changed.</param>
public sealed record TopUpConfirmation(TopUpOrder Order, TopUpPayment Payment, LedgerEntry? Credit, bool Replayed)
{
    /// <summary>Gets the order after it: Completed when it paid the order, Abnormal when it did not match, unchanged with an unexpected payment kept.</summary>
    public TopUpOrder Order { get; } = Preconditions.CheckNotNull(Order);

    /// <summary>Gets the payment record it made (the first one on a replay); <see cref="TopUpPayment.Outcome"/> says what it did.</summary>
    public TopUpPayment Payment { get; } = Preconditions.CheckNotNull(Payment);
}
