namespace Billing.Domain.Corrections;

/// <summary>A manager tried to approve or reject a correction they requested themselves; nothing changed.</summary>
public sealed class SelfApprovalException : BillingException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "correction.self_approval";

    /// <summary>Initializes the exception.</summary>
    /// <param name="correctionId">The correction.</param>
    /// <param name="manager">The requester, who tried to decide it.</param>
    public SelfApprovalException(string correctionId, string manager)
        : base(ErrorCode, $"{manager} requested correction {correctionId} and may not decide it; another manager must.")
    {
        CorrectionId = correctionId;
        Manager = manager;
    }

    /// <summary>Gets the correction.</summary>
    public string CorrectionId { get; }

    /// <summary>Gets the manager who requested it.</summary>
    public string Manager { get; }
}
