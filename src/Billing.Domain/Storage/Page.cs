namespace Billing.Domain.Storage;

/// <summary>One page of a query's results.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows of this page, in the query's order.</param>
/// <param name="Request">The page asked for.</param>
/// <param name="TotalCount">The number of rows matching the query over all pages.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, PageRequest Request, int TotalCount)
{
    /// <summary>Gets a value indicating whether a later page has rows.</summary>
    public bool HasNext => (long)Request.Skip + Items.Count < TotalCount;
}
