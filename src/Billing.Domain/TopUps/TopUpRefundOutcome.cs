namespace Billing.Domain.TopUps;

/// <summary>What a refund request did.</summary>
public enum TopUpRefundOutcome
{
    /// <summary>The gateway refunded the payment; the order is Refunded and its credit taken back.</summary>
    Refunded,

    /// <summary>The order was refunded before; nothing changed.</summary>
    AlreadyRefunded,

    /// <summary>Taking the credit back would take the balance past the credit limit (it was spent); nothing was asked of the gateway.</summary>
    RefusedOverCreditLimit,

    /// <summary>The recharge was invoiced, or is held by an invoice application (seed 002): refunding it would take more than the invoiceable amount; nothing was asked of the gateway.</summary>
    RefusedInvoiced,

    /// <summary>The gateway declined the refund; nothing changed.</summary>
    Declined,
}
