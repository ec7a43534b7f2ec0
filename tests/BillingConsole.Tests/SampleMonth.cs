using Microsoft.Data.Sqlite;
using PrepaidPlatform;

namespace BillingConsole.Tests;

/// <summary>
/// The sample host's month, run once per test run into a template folder; each test works on its own copy of the
/// file, so that what one test writes never shows on another's pages.
/// </summary>
internal static class SampleMonth
{
    private static readonly Lazy<Task<string>> Template = new(RunAsync);

    /// <summary>Copies the month's database and usage log into a new folder, and returns its path.</summary>
    public static async Task<string> CopyAsync()
    {
        var template = await Template.Value;
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"billing-console-{Guid.NewGuid():N}")).FullName;
        foreach (var file in Directory.GetFiles(template))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    private static async Task<string> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"billing-console-month-{Guid.NewGuid():N}");
        await PrepaidMonth.RunAsync(TextWriter.Null, folder);
        SqliteConnection.ClearAllPools();   // closes the file, so that a copy holds every page of it
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }
}
