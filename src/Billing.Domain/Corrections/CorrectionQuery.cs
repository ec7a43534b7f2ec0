using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Corrections;

/// <summary>An account's corrections by status and by when they were requested or approved, newest request first.</summary>
public sealed record CorrectionQuery
{
    /// <summary>Initializes a query of one account's corrections.</summary>
    /// <param name="accountId">The account.</param>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public CorrectionQuery(string accountId)
    {
        AccountId = Preconditions.CheckId(accountId);
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the status wanted, or null for all.</summary>
    public CorrectionStatus? Status { get; init; }

    /// <summary>Gets the range the corrections were requested in.</summary>
    public InstantRange Requested { get; init; }

    /// <summary>Gets the range the corrections were approved in; bounding it leaves out corrections not approved.</summary>
    public InstantRange Approved { get; init; }

    /// <summary>Gets the range the approved corrections were booked in (<see cref="Correction.BookedAt"/>): the invoice period they belong to.</summary>
    public InstantRange Booked { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether a correction matches every filter; stores may use it or translate it.</summary>
    /// <param name="correction">The correction.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(Correction correction) =>
        Preconditions.CheckNotNull(correction).AccountId == AccountId
        && (Status is null || correction.Status == Status)
        && Requested.Contains(correction.RequestedAt)
        && (Approved == InstantRange.All || (correction.ApprovedAt is { } approved && Approved.Contains(approved)))
        && (Booked == InstantRange.All || (correction.BookedAt is { } booked && Booked.Contains(booked)));

    /// <summary>Orders matching corrections newest request first (then id descending) and cuts the page.</summary>
    /// <param name="corrections">Candidate corrections.</param>
    /// <returns>The page.</returns>
    public Page<Correction> Apply(IEnumerable<Correction> corrections) =>
        Page.Cut([.. Preconditions.CheckNotNull(corrections).Where(Matches).OrderByDescending(c => c.RequestedAt).ThenByDescending(c => c.CorrectionId, StringComparer.Ordinal)]);
}
