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

    /// <summary>A refunded top-up took its credit back (negative).</summary>
    Refund,
}
