namespace Billing.Domain.Corrections;

/// <summary>Where a correction is in its approval.</summary>
public enum CorrectionStatus
{
    /// <summary>Requested; the balance has not moved.</summary>
    Requested,

    /// <summary>Approved by a manager; its ledger entry moved the balance.</summary>
    Approved,

    /// <summary>Rejected by a manager; the balance never moves for it.</summary>
    Rejected,
}
