namespace Billing.Domain.TopUps;

/// <summary>What a payment received for a top-up order did.</summary>
public enum TopUpPaymentOutcome
{
    /// <summary>It paid the order exactly and completed it: its credit is on the balance.</summary>
    Credited,

    /// <summary>It paid another amount or currency than the order asked: the order is Abnormal until a person accepts, refunds or dismisses it.</summary>
    Mismatched,

    /// <summary>It arrived for an order already paid, refunded or cancelled (an overpayment): nothing was credited, and it waits for a person to refund or dismiss it.</summary>
    Unexpected,
}
