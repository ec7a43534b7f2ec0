using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.Consumption;

/// <summary>Seed 000's consumption records: an account's rated calls by date, model, token name and request id, newest first.</summary>
public sealed record ConsumptionQuery
{
    /// <summary>Initializes a query of one account's consumption.</summary>
    /// <param name="accountId">The account.</param>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public ConsumptionQuery(string accountId)
    {
        AccountId = Preconditions.CheckId(accountId);
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the range the calls occurred in.</summary>
    public InstantRange Occurred { get; init; }

    /// <summary>Gets the range the calls were booked in (<see cref="ConsumptionRecord.BookedAt"/>): the invoice period they belong to.</summary>
    public InstantRange Booked { get; init; }

    /// <summary>Gets the model wanted, or null for all.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the token name wanted, or null for all.</summary>
    public string? TokenName { get; init; }

    /// <summary>Gets the request id wanted, or null for all.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether a record matches every filter; stores may use it or translate it.</summary>
    /// <param name="record">The record.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(ConsumptionRecord record) =>
        Preconditions.CheckNotNull(record).AccountId == AccountId
        && Occurred.Contains(record.OccurredAt)
        && (Booked == InstantRange.All || (record.BookedAt is { } booked && Booked.Contains(booked)))
        && (Model is null || record.Usage.Model == Model)
        && (TokenName is null || record.Usage.TokenName == TokenName)
        && (RequestId is null || record.RequestId == RequestId);

    /// <summary>Orders matching records newest first (by occurrence, then request id descending) and cuts the page.</summary>
    /// <param name="records">Candidate records.</param>
    /// <returns>The page.</returns>
    public Page<ConsumptionRecord> Apply(IEnumerable<ConsumptionRecord> records) =>
        Page.Cut([.. Preconditions.CheckNotNull(records).Where(Matches).OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.RequestId, StringComparer.Ordinal)]);
}
