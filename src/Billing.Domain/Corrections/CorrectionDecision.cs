using Billing.Domain.Ledger;
using Billing.Domain.Utility;

namespace Billing.Domain.Corrections;

/// <summary>The answer to approving or rejecting a correction.</summary>
/// <param name="Correction">The correction as decided.</param>
/// <param name="Entry">The ledger entry an approval wrote (the first one on a replay); null for a rejection.</param>
/// <param name="Replayed">True when the correction was already decided this way and nothing changed.</param>
public sealed record CorrectionDecision(Correction Correction, LedgerEntry? Entry, bool Replayed)
{
    /// <summary>Gets the correction as decided.</summary>
    public Correction Correction { get; } = Preconditions.CheckNotNull(Correction);
}
