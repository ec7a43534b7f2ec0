using NodaTime;

namespace Billing.Domain.Storage;

/// <summary>A half-open range of instants [start, end) for queries; either end may be open.</summary>
public readonly record struct InstantRange
{
    /// <summary>Initializes a range.</summary>
    /// <param name="start">The first instant included, or null for no lower bound.</param>
    /// <param name="end">The first instant excluded, or null for no upper bound.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public InstantRange(Instant? start, Instant? end)
    {
        if (start is { } s && end is { } e && e < s)
        {
            throw new ArgumentException($"The range ends ({e}) before it starts ({s}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>Gets the range with no bounds.</summary>
    public static InstantRange All => default;

    /// <summary>Gets the first instant included, if bounded.</summary>
    public Instant? Start { get; }

    /// <summary>Gets the first instant excluded, if bounded.</summary>
    public Instant? End { get; }

    /// <summary>Returns whether the range holds <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>True when start ≤ instant &lt; end.</returns>
    public bool Contains(Instant instant) => (Start is null || instant >= Start) && (End is null || instant < End);
}
