using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Grants;

/// <summary>
/// The terms credit is granted on: where it comes from, from when it can be spent, until when, and how early it is
/// spent. Spending draws from the grants by <see cref="Priority"/> (lower first, as Stripe's credit grants), then the
/// earliest <see cref="ExpiresAt"/> (a grant that never expires last), then the oldest <see cref="EffectiveAt"/>,
/// then the order the grants were made in.
/// </summary>
public sealed record GrantTerms
{
    /// <summary>The priority of a grant that does not say: 50, the middle of 0-100 (Stripe's default).</summary>
    public const int DefaultPriority = 50;

    /// <summary>The highest priority number: spent last.</summary>
    public const int LowestPriority = 100;

    /// <summary>Initializes terms.</summary>
    /// <param name="source">Where the credit comes from.</param>
    /// <param name="effectiveAt">From when it can be spent; credit granted before it is on the balance but not spendable.</param>
    /// <param name="expiresAt">When its unspent remainder expires (spendable strictly before it), or null: never.</param>
    /// <param name="priority">0 (spent first) to 100 (spent last).</param>
    /// <exception cref="ArgumentOutOfRangeException">The source is not defined, or the priority is outside 0-100.</exception>
    /// <exception cref="ArgumentException">The expiry is not after the effective date.</exception>
    public GrantTerms(CreditSource source, Instant effectiveAt, Instant? expiresAt = null, int priority = DefaultPriority)
    {
        Source = Preconditions.CheckDefined(source);
        Preconditions.CheckArgument(expiresAt is not { } end || end > effectiveAt, nameof(expiresAt), $"A grant expires after it becomes effective ({effectiveAt}); {expiresAt} is not.");
        EffectiveAt = effectiveAt;
        ExpiresAt = expiresAt;
        Priority = Preconditions.CheckRange(priority, 0, LowestPriority);
    }

    /// <summary>Gets where the credit comes from.</summary>
    public CreditSource Source { get; }

    /// <summary>Gets from when it can be spent.</summary>
    public Instant EffectiveAt { get; }

    /// <summary>Gets when its unspent remainder expires, or null: never.</summary>
    public Instant? ExpiresAt { get; }

    /// <summary>Gets how early it is spent: 0 first, 100 last.</summary>
    public int Priority { get; }

    /// <summary>Returns paid credit effective at <paramref name="at"/> that never expires: what a completed top-up grants unless the host says otherwise (effective from the ledger's opening).</summary>
    /// <param name="at">When it becomes effective.</param>
    /// <returns>The terms.</returns>
    public static GrantTerms PaidAt(Instant at) => new(CreditSource.Paid, at);

    /// <summary>Returns whether credit on these terms can be spent at <paramref name="at"/>: effective, and not yet expired.</summary>
    /// <param name="at">The instant of the spending.</param>
    /// <returns>True when <see cref="EffectiveAt"/> ≤ at &lt; <see cref="ExpiresAt"/>.</returns>
    public bool IsSpendableAt(Instant at) => EffectiveAt <= at && !HasExpiredAt(at);

    /// <summary>Returns whether credit on these terms has expired at <paramref name="at"/>.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>True when <see cref="ExpiresAt"/> ≤ at.</returns>
    public bool HasExpiredAt(Instant at) => ExpiresAt is { } end && end <= at;
}
