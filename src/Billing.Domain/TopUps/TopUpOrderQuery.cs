using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.TopUps;

/// <summary>Seed 000's billing records: an account's top-up orders, each with its payment records and refunds, by date, status, amount and review, newest first.</summary>
public sealed record TopUpOrderQuery
{
    /// <summary>Initializes a query of one account's orders.</summary>
    /// <param name="accountId">The account.</param>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public TopUpOrderQuery(string accountId)
    {
        AccountId = Preconditions.CheckId(accountId);
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the range the orders were created in.</summary>
    public InstantRange Created { get; init; }

    /// <summary>Gets the statuses wanted; empty for all.</summary>
    public IReadOnlySet<TopUpStatus> Statuses { get; init; } = new HashSet<TopUpStatus>();

    /// <summary>Gets the smallest credited amount wanted, inclusive.</summary>
    public decimal? MinAmount { get; init; }

    /// <summary>Gets the largest credited amount wanted, inclusive.</summary>
    public decimal? MaxAmount { get; init; }

    /// <summary>Gets whether to list only the orders a person must look at (true), only the others (false), or all (null).</summary>
    public bool? NeedsReview { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether an order matches every filter; stores may use it or translate it.</summary>
    /// <param name="order">The order.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(TopUpOrder order) =>
        Preconditions.CheckNotNull(order).AccountId == AccountId
        && Created.Contains(order.CreatedAt)
        && (Statuses.Count == 0 || Statuses.Contains(order.Status))
        && (MinAmount is null || order.Amount.Amount >= MinAmount)
        && (MaxAmount is null || order.Amount.Amount <= MaxAmount)
        && (NeedsReview is null || order.NeedsReview == NeedsReview);

    /// <summary>Orders matching rows newest first (by creation, then order id descending) and cuts the page.</summary>
    /// <param name="orders">Candidate orders.</param>
    /// <returns>The page.</returns>
    public Page<TopUpOrder> Apply(IEnumerable<TopUpOrder> orders) =>
        Page.Cut([.. Preconditions.CheckNotNull(orders).Where(Matches).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.OrderId, StringComparer.Ordinal)]);
}
