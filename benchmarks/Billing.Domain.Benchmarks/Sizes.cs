namespace Billing.Domain.Benchmarks;

/// <summary>
/// The sizes the benchmarks run at: the measured sizes, or in quick mode (a smoke test that every benchmark
/// still runs, with no numbers to quote) only the smallest, so that it finishes in under 2 minutes.
/// </summary>
public static class Sizes
{
    /// <summary>Gets or sets a value indicating whether this run is the quick smoke test; set by Program before any benchmark is listed.</summary>
    public static bool Quick { get; set; }

    /// <summary>Gets the number of calls the usage-rating benchmarks rate: 1,000,000, or 100,000 in quick mode.</summary>
    public static int UsageCalls => Quick ? 100_000 : 1_000_000;

    /// <summary>Returns the sizes to measure, or in quick mode only the first.</summary>
    /// <param name="sizes">The measured sizes, smallest first.</param>
    /// <returns>The sizes for this run.</returns>
    public static IEnumerable<int> Of(params int[] sizes) => Quick ? sizes.Take(1) : sizes;
}
