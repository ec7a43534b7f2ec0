namespace Billing.Domain.Ledger;

/// <summary>Why the balance moved.</summary>
public enum LedgerEntryKind
{
    /// <summary>A completed top-up credited the balance (positive).</summary>
    TopUpCredit,

    /// <summary>A rated call was paid from the balance (negative).</summary>
    ConsumptionDebit,

    /// <summary>An approved correction moved the balance (either sign).</summary>
    Correction,

    /// <summary>A refund of a top-up took its credit back (negative), when the refund was reserved.</summary>
    Refund,

    /// <summary>The gateway declined a reserved refund: its credit is given back (positive).</summary>
    RefundReversal,

    /// <summary>A subscription charge was paid from the balance (negative).</summary>
    SubscriptionChargeDebit,

    /// <summary>A credit gave back the unused part of a paid subscription charge (positive): a switch, update, stop or deletion in the middle of a period.</summary>
    SubscriptionChargeCredit,

    /// <summary>Credit granted without payment (positive): a promotion, a trial, a goodwill gesture (<see cref="Grants.CreditGrantService"/>). Never invoiceable.</summary>
    GrantCredit,

    /// <summary>The unspent remainder of a grant removed at its expiry (negative).</summary>
    GrantExpiry,
}
