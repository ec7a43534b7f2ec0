using Billing.Domain.Grants;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Ledger;

/// <summary>One append-only movement of an account's prepaid balance.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Sequence">The entry's position in the account's ledger, from 1, without gaps.</param>
/// <param name="Kind">Why the balance moved.</param>
/// <param name="Amount">The signed amount: positive credits, negative debits.</param>
/// <param name="IdempotencyKey">The key of the command that wrote it, unique per account (e.g. <c>topup:ord-1</c>).</param>
/// <param name="RecordedAt">When it was written.</param>
/// <param name="Reference">What it comes from: the order, request or correction id.</param>
/// <param name="Description">A line for statements.</param>
public sealed record LedgerEntry(
    string AccountId, long Sequence, LedgerEntryKind Kind, Money Amount, string IdempotencyKey, Instant RecordedAt, string Reference, string Description)
{
    /// <summary>Gets the account.</summary>
    public string AccountId { get; } = Preconditions.CheckNotNull(AccountId);

    /// <summary>Gets the key of the command that wrote it, unique per account (e.g. <c>topup:ord-1</c>).</summary>
    public string IdempotencyKey { get; } = Preconditions.CheckNotNull(IdempotencyKey);

    /// <summary>Gets what it comes from: the order, request or correction id.</summary>
    public string Reference { get; } = Preconditions.CheckNotNull(Reference);

    /// <summary>Gets a line for statements.</summary>
    public string Description { get; } = Preconditions.CheckNotNull(Description);

    /// <summary>Gets the terms of the grant this entry opened (its id is <see cref="IdempotencyKey"/>), or null: every credit opens one, except a give-back to grants a debit drew from.</summary>
    public GrantTerms? OpensGrant { get; init; }

    /// <summary>
    /// Gets how the entry moved grants, in the order it moved them: a debit's draws (negative; their sum is the debit,
    /// less any part on credit beyond the grants), a give-back's returns (positive), an expiry's removal, or the part of
    /// a new grant that paid off a balance below zero (negative, on the grant it opened). Empty when it moved none.
    /// </summary>
    public IReadOnlyList<GrantMovement> GrantMovements { get; init; } = [];

    /// <inheritdoc/>
    public bool Equals(LedgerEntry? other) =>
        other is not null
        && (AccountId, Sequence, Kind, Amount, IdempotencyKey, RecordedAt, Reference, Description, OpensGrant)
            == (other.AccountId, other.Sequence, other.Kind, other.Amount, other.IdempotencyKey, other.RecordedAt, other.Reference, other.Description, other.OpensGrant)
        && GrantMovements.SequenceEqual(other.GrantMovements);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(AccountId, Sequence, IdempotencyKey, Amount);
}
