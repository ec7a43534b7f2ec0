using Billing.Domain.Utility;

namespace Billing.Domain.Grants;

/// <summary>How one ledger entry moved one grant: a draw (negative, like the debit it pays) or a give-back (positive).</summary>
/// <param name="GrantId">The grant.</param>
/// <param name="Amount">The signed amount, never 0: what the entry took from the grant (negative) or gave back to it (positive).</param>
public sealed record GrantMovement(string GrantId, Money Amount)
{
    /// <summary>Gets the grant.</summary>
    public string GrantId { get; } = Preconditions.CheckText(GrantId);
}
