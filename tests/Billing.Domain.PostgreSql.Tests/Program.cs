using Billing.Domain.PostgreSql.Tests.MultiProcess;

namespace Billing.Domain.PostgreSql.Tests;

/// <summary>The test assembly's entry point: <c>dotnet Billing.Domain.PostgreSql.Tests.dll racer ...</c> runs one worker of a multi-process test.</summary>
public static class Program
{
    /// <summary>Runs a worker; the test runner never calls it.</summary>
    /// <param name="args">The role and its arguments (<see cref="Racer"/>).</param>
    /// <returns>The exit code.</returns>
    public static Task<int> Main(string[] args) => Racer.RunAsync(args);
}
