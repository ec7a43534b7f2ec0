namespace Billing.Domain.Tests;

/// <summary>An <see cref="IProgress{T}"/> that runs its handler at once on the reporting thread (Progress&lt;T&gt; posts to a context), so a test sees every report when the call returns.</summary>
/// <typeparam name="T">What is reported.</typeparam>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
