using Billing.Domain.Utility;

namespace Billing.Domain.Storage;

/// <summary>Which page of a query's results to return.</summary>
public readonly record struct PageRequest
{
    /// <summary>The largest page size a store must serve.</summary>
    public const int MaxSize = 1_000;

    /// <summary>Initializes a page request.</summary>
    /// <param name="number">The page number, from 1.</param>
    /// <param name="size">The rows per page, 1 to <see cref="MaxSize"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public PageRequest(int number, int size)
    {
        Number = Preconditions.CheckRange(number, 1, int.MaxValue);
        Size = Preconditions.CheckRange(size, 1, MaxSize);
    }

    /// <summary>Gets the first page of 50 rows.</summary>
    public static PageRequest First { get; } = new(1, 50);

    /// <summary>Gets the page number, from 1.</summary>
    public int Number { get; }

    /// <summary>Gets the rows per page.</summary>
    public int Size { get; }

    /// <summary>Gets the number of rows before this page.</summary>
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Number - 1) * Size);

    /// <summary>Cuts one page out of rows already filtered and ordered.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="ordered">Every matching row, in the query's order.</param>
    /// <returns>The page, with the total count.</returns>
    public Page<T> Cut<T>(IReadOnlyCollection<T> ordered)
    {
        Preconditions.CheckNotNull(ordered);
        return new Page<T>([.. ordered.Skip(Skip).Take(Size)], this, ordered.Count);
    }
}
