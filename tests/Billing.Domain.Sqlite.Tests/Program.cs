using Billing.Domain.Sqlite.Tests.MultiProcess;

namespace Billing.Domain.Sqlite.Tests;

/// <summary>The test assembly's entry point: <c>dotnet Billing.Domain.Sqlite.Tests.dll racer ...</c> runs one worker of a multi-process test.</summary>
public static class Program
{
    /// <summary>Runs a worker; the test runner never calls it.</summary>
    /// <param name="args">The role and its arguments (<see cref="Racer"/>).</param>
    /// <returns>The exit code.</returns>
    public static Task<int> Main(string[] args) => Racer.RunAsync(args);
}
