using PrepaidPlatform;

namespace BillingConsole;

/// <summary>
/// The folder the console works on: the sample host's SQLite file (<c>billing.db</c>) and the model gateway's usage
/// log (<see cref="UsageLogs.FileName"/>).
/// </summary>
public sealed partial class DataFolder
{
    /// <summary>The configuration section that names the folder (<c>Console:DataFolder</c>).</summary>
    public const string SectionName = "Console";

    /// <summary>Initializes the folder from its path, relative to the current directory or absolute.</summary>
    public DataFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Gets the folder's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the SQLite file's path.</summary>
    public string Database => System.IO.Path.Combine(Path, "billing.db");

    /// <summary>Runs the sample month into the folder when it has no database yet, so that a first start shows a month of billing.</summary>
    internal async Task EnsureAsync(ILogger logger)
    {
        if (File.Exists(Database))
        {
            return;
        }

        FillingWithTheSampleMonth(logger, Path);
        await PrepaidMonth.RunAsync(TextWriter.Null, Path);
    }

    /// <summary>Reads the gateway's usage log of one account.</summary>
    internal async Task<IReadOnlyList<Billing.Domain.Rating.UsageRecord>> UsageLogsAsync(string accountId, CancellationToken cancellationToken) =>
        [.. (await UsageLogs.ReadAsync(Path, cancellationToken)).Where(l => l.AccountId == accountId)];

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "No billing database in {Folder}: running the sample month into it first.")]
    private static partial void FillingWithTheSampleMonth(ILogger logger, string folder);
}
