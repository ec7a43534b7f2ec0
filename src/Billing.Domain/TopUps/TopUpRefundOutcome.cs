namespace Billing.Domain.TopUps;

/// <summary>What a refund request did.</summary>
public enum TopUpRefundOutcome
{
    /// <summary>The gateway refunded; the refund's credit is off the balance for good.</summary>
    Refunded,

    /// <summary>The order was refunded whole before; nothing changed.</summary>
    AlreadyRefunded,

    /// <summary>A refund of the order is in flight (this one, when the gateway did not answer, or another); the gateway was not asked again. <see cref="TopUpService.SettleRefundAsync"/> settles it.</summary>
    InProgress,

    /// <summary>Taking the credit back would take the balance past the credit limit (it was spent); nothing was written and the gateway was not asked.</summary>
    RefusedOverCreditLimit,

    /// <summary>The recharge was invoiced, or is held by an invoice application (seed 002): refunding it would take more than the invoiceable amount; nothing was written and the gateway was not asked.</summary>
    RefusedInvoiced,

    /// <summary>More was asked than is left to refund on the order; nothing was written and the gateway was not asked.</summary>
    RefusedOverRefundable,

    /// <summary>The gateway declined the refund; its reservation was released (the credit is back on the balance).</summary>
    Declined,
}
