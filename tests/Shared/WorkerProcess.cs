using System.Diagnostics;
using System.Reflection;
using Xunit;

namespace Billing.Domain.Tests.Shared;

/// <summary>
/// Starts a worker of a multi-process test (the test assembly itself, run by dotnet with arguments its Program reads)
/// and waits for it. Linked into each store's test project, whose workers race on one database.
/// </summary>
internal static class WorkerProcess
{
    /// <summary>Starts <c>dotnet &lt;assembly&gt; &lt;arguments&gt;</c>, its output and errors redirected.</summary>
    public static Process Start(Assembly assembly, params string[] arguments)
    {
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {host}.");
    }

    /// <summary>Waits up to two minutes for the worker, fails the test with its errors unless it exits with 0, and returns what it printed.</summary>
    public static async Task<string> WaitAsync(Process process)
    {
        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"A worker failed ({process.ExitCode}): {await error}");
            return (await output).Trim();
        }
    }
}
