namespace Billing.Domain.Corrections;

/// <summary>What moves a correction between statuses: a manager's decision.</summary>
public enum CorrectionTrigger
{
    /// <summary>A manager other than the requester approves it; its ledger entry is written.</summary>
    Approve,

    /// <summary>A manager rejects it, with a reason; nothing is written to the ledger.</summary>
    Reject,
}
