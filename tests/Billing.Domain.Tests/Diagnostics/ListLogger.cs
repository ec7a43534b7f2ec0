using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Billing.Domain.Tests.Diagnostics;

/// <summary>A logger that keeps every event it is given, for tests that check what the library logs.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Events { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Events.Enqueue((logLevel, eventId, formatter(state, exception)));

    public IReadOnlyList<string> Named(string eventName) => [.. Events.Where(e => e.Id.Name == eventName).Select(e => e.Message)];
}
