using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Corrections;

/// <summary>
/// A manager-approved change of an account's balance, positive or negative (seed 001's corrections). Only an
/// approved correction writes a ledger entry, and it appears on the invoice of the period it was approved in.
/// Immutable: approving or rejecting returns the decided correction.
/// </summary>
public sealed record Correction
{
    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 500;

    private Correction(string correctionId, string accountId, Money amount, string description, string requestedBy, Instant requestedAt, string? corrects)
    {
        CorrectionId = correctionId;
        AccountId = accountId;
        Amount = amount;
        Description = description;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
        Corrects = corrects;
    }

    /// <summary>Gets the correction's id.</summary>
    public string CorrectionId { get; }

    /// <summary>Gets the account corrected.</summary>
    public string AccountId { get; }

    /// <summary>Gets the signed amount: positive raises the balance (▲), negative lowers it (▼).</summary>
    public Money Amount { get; }

    /// <summary>Gets the description shown on the invoice.</summary>
    public string Description { get; }

    /// <summary>Gets who requested it.</summary>
    public string RequestedBy { get; }

    /// <summary>Gets when it was requested.</summary>
    public Instant RequestedAt { get; }

    /// <summary>Gets what it corrects (an order, request, invoice or entry id), if given.</summary>
    public string? Corrects { get; }

    /// <summary>Gets the status.</summary>
    public CorrectionStatus Status { get; private init; } = CorrectionStatus.Requested;

    /// <summary>Gets the manager who approved or rejected it.</summary>
    public string? DecidedBy { get; private init; }

    /// <summary>Gets when it was approved or rejected; for an approved correction, its "Approved at".</summary>
    public Instant? DecidedAt { get; private init; }

    /// <summary>Gets why it was rejected.</summary>
    public string? RejectionReason { get; private init; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>
    /// Gets the instant an approved correction is booked at: its approval, or the end of the account's last closed
    /// period when it was approved after that period's invoice was made. A Prepay invoice lists the corrections booked
    /// in its period.
    /// </summary>
    public Instant? BookedAt { get; private init; }

    /// <summary>Gets when it was approved, if it was.</summary>
    public Instant? ApprovedAt => Status == CorrectionStatus.Approved ? DecidedAt : null;

    /// <summary>Requests a correction.</summary>
    /// <param name="correctionId">The correction's id.</param>
    /// <param name="accountId">The account corrected.</param>
    /// <param name="amount">The signed amount, not zero, in minor units.</param>
    /// <param name="description">What it is for; at most <see cref="MaxDescriptionLength"/> characters.</param>
    /// <param name="requestedBy">Who requests it.</param>
    /// <param name="requestedAt">When.</param>
    /// <param name="corrects">What it corrects, if anything in particular.</param>
    /// <returns>The requested correction, version 0.</returns>
    /// <exception cref="ArgumentException">A text is empty or too long, or the amount has no currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is zero or larger than <see cref="Money.MaxAmount"/>.</exception>
    /// <exception cref="AmountNotRoundedException">The amount has more decimals than its currency's minor units.</exception>
    public static Correction Request(string correctionId, string accountId, Money amount, string description, string requestedBy, Instant requestedAt, string? corrects = null)
    {
        Preconditions.CheckAmount(amount);
        if (amount.Amount == 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A correction moves the balance: it is not zero.");
        }

        if (!amount.IsInMinorUnits)
        {
            throw new AmountNotRoundedException(amount);
        }

        return new Correction(
            Preconditions.CheckId(correctionId),
            Preconditions.CheckId(accountId),
            amount,
            Preconditions.CheckLength(Preconditions.CheckText(description), MaxDescriptionLength, nameof(description))!,
            Preconditions.CheckActor(requestedBy),
            requestedAt,
            corrects is null ? null : Preconditions.CheckId(corrects));
    }

    /// <summary>Approves the correction.</summary>
    /// <param name="manager">The approving manager: not the requester, as <see cref="Actors.ActorIdentity.Same"/> compares people.</param>
    /// <param name="at">When.</param>
    /// <param name="bookedAt">When it is booked; <paramref name="at"/> when null (<see cref="Ledger.PrepaidAccount.BookingFor"/> gives it).</param>
    /// <returns>The approved correction.</returns>
    /// <exception cref="SelfApprovalException">The manager requested it (under any spelling of the same name).</exception>
    /// <exception cref="ArgumentException">The manager's name is not valid (<see cref="Actors.ActorIdentity.IsValid"/>).</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It was already decided (code <c>correction.transition_refused</c>).</exception>
    public Correction Approve(string manager, Instant at, Instant? bookedAt = null) =>
        Decide(CorrectionTrigger.Approve, manager, at) with { DecidedBy = manager.Trim(), DecidedAt = at, BookedAt = bookedAt ?? at };

    /// <summary>Rejects the correction; the balance never moves for it.</summary>
    /// <param name="manager">The rejecting manager: not the requester.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <returns>The rejected correction.</returns>
    /// <exception cref="SelfApprovalException">The manager requested it.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It was already decided (code <c>correction.transition_refused</c>).</exception>
    public Correction Reject(string manager, string reason, Instant at) =>
        Decide(CorrectionTrigger.Reject, manager, at) with { DecidedBy = manager.Trim(), DecidedAt = at, RejectionReason = Preconditions.CheckText(reason) };

    /// <summary>
    /// Rebuilds a correction from the fields a storage adapter stored (each property of the same name). The request's
    /// fields are checked as <see cref="Request"/> checks them, and the decision's against the status: a requested
    /// correction has none, a decided one its manager and instant, an approved one its booking, a rejected one its reason.
    /// </summary>
    /// <param name="correctionId">The correction's id.</param>
    /// <param name="accountId">The account corrected.</param>
    /// <param name="amount">The signed amount, not zero, in minor units.</param>
    /// <param name="description">What it is for.</param>
    /// <param name="requestedBy">Who requested it.</param>
    /// <param name="requestedAt">When.</param>
    /// <param name="corrects">What it corrects, or null.</param>
    /// <param name="status">Its status.</param>
    /// <param name="decidedBy">Who approved or rejected it; null while requested.</param>
    /// <param name="decidedAt">When; null while requested.</param>
    /// <param name="rejectionReason">Why it was rejected; only for a rejected one.</param>
    /// <param name="bookedAt">When an approved one is booked; only for an approved one.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <returns>The correction, equal to the one that was saved.</returns>
    /// <exception cref="ArgumentException">A text is empty or too long, the amount has no currency, or the decision's fields do not fit the status.</exception>
    /// <exception cref="ArgumentNullException">A required text is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is zero or too large, the status is not defined, or the version is below 1.</exception>
    /// <exception cref="AmountNotRoundedException">The amount has more decimals than its currency's minor units.</exception>
    public static Correction Restore(
        string correctionId, string accountId, Money amount, string description, string requestedBy, Instant requestedAt, string? corrects, CorrectionStatus status,
        string? decidedBy, Instant? decidedAt, string? rejectionReason, Instant? bookedAt, long version)
    {
        var requested = Request(correctionId, accountId, amount, description, requestedBy, requestedAt, corrects);
        var decided = Preconditions.CheckDefined(status) != CorrectionStatus.Requested;
        Preconditions.CheckArgument(
            decided == (decidedBy is not null) && decided == (decidedAt is not null), nameof(status), $"A correction {status} has {(decided ? "" : "no ")}decision (by, at).");
        Preconditions.CheckArgument((status == CorrectionStatus.Rejected) == (rejectionReason is not null), nameof(rejectionReason), "A rejected correction, and only one, has a reason.");
        Preconditions.CheckArgument((status == CorrectionStatus.Approved) == (bookedAt is not null), nameof(bookedAt), "An approved correction, and only one, is booked.");
        return requested with
        {
            Status = status,
            DecidedBy = decidedBy is null ? null : Preconditions.CheckActor(decidedBy),
            DecidedAt = decidedAt,
            RejectionReason = rejectionReason is null ? null : Preconditions.CheckText(rejectionReason),
            BookedAt = bookedAt,
            Version = Preconditions.CheckStoredVersion(version),
        };
    }

    private Correction Decide(CorrectionTrigger trigger, string manager, Instant at)
    {
        manager = Preconditions.CheckActor(manager);
        if (Actors.ActorIdentity.Same(manager, RequestedBy))
        {
            throw new SelfApprovalException(CorrectionId, manager);
        }

        if (at < RequestedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"A correction is decided after it was requested ({RequestedAt}).");
        }

        return this with { Status = CorrectionLifecycle.Machine.Fire(Status, trigger, default).Destination };
    }
}
