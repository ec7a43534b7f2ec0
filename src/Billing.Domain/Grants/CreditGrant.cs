using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Grants;

/// <summary>
/// A grant of credit still on an account's books (<see cref="Ledger.PrepaidAccount.Grants"/>): what was granted, on
/// which terms, and what is left of it. The ledger entry that opened it has its <see cref="GrantId"/> as idempotency
/// key and the terms in <see cref="Ledger.LedgerEntry.OpensGrant"/>; every entry that moved it names it in
/// <see cref="Ledger.LedgerEntry.GrantMovements"/>, so <see cref="Granted"/> plus those movements is
/// <see cref="Remaining"/> to the last decimal.
/// </summary>
/// <param name="GrantId">The grant's id: the idempotency key of the entry that opened it (<c>topup:ord-1</c>, <c>grant:trial-42</c>).</param>
/// <param name="Terms">Where it comes from, when it can be spent, its priority.</param>
/// <param name="Granted">The amount granted, more than 0.</param>
/// <param name="Remaining">What is left to spend, 0 or more, at most <paramref name="Granted"/>; more decimals than the minor units when calls' exact costs were drawn from it.</param>
/// <param name="Sequence">The sequence of the entry that opened it (of the give-back that opened it again when that entry is not known): the last key of the spending order.</param>
/// <param name="CreditedAt">When it was last credited (opened, or given back to): its expiry is recorded no earlier.</param>
public sealed record CreditGrant(string GrantId, GrantTerms Terms, Money Granted, Money Remaining, long Sequence, Instant CreditedAt)
{
    /// <summary>Gets the grant's id: the idempotency key of the entry that opened it.</summary>
    public string GrantId { get; } = Preconditions.CheckText(GrantId);

    /// <summary>Gets where it comes from, when it can be spent, its priority.</summary>
    public GrantTerms Terms { get; } = Preconditions.CheckNotNull(Terms);

    /// <summary>Gets the instant its expiry entry is recorded at: its expiry, or its last credit when that came later; null when it never expires.</summary>
    public Instant? ExpiryRecordedAt => Terms.ExpiresAt is { } end ? Instant.Max(end, CreditedAt) : null;

    /// <summary>The spending order: priority, then earliest expiry (never last), then oldest effective date, then the order made.</summary>
    internal static int CompareSpendingOrder(CreditGrant a, CreditGrant b)
    {
        var order = a.Terms.Priority.CompareTo(b.Terms.Priority);
        if (order != 0)
        {
            return order;
        }

        order = (a.Terms.ExpiresAt, b.Terms.ExpiresAt) switch
        {
            ({ } x, { } y) => x.CompareTo(y),
            (null, null) => 0,
            (null, _) => 1,
            _ => -1,
        };
        return order != 0 ? order : a.Terms.EffectiveAt.CompareTo(b.Terms.EffectiveAt) is var effective and not 0 ? effective : a.Sequence.CompareTo(b.Sequence);
    }
}
