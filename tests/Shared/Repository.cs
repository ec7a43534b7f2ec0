namespace Billing.Domain.Tests.Shared;

/// <summary>Finds files of this repository from a test run.</summary>
internal static class Repository
{
    /// <summary>Gets the folder that holds Billing.Domain.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Billing.Domain.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Billing.Domain.sln above {AppContext.BaseDirectory}.");
    }
}
