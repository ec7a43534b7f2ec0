using System.Text.Json;
using Billing.Domain.Json;
using Billing.Domain.Rating;

namespace PrepaidPlatform;

/// <summary>
/// The model gateway's own log of the calls it answered (seed 000's Operation Records > Usage Logs), kept apart from
/// billing: a JSON file in the data folder, written by the month and read by the console to search and reconcile.
/// A call can be in the log and not billed (or billed twice): the reconciliation is what finds it.
/// </summary>
public static class UsageLogs
{
    /// <summary>The file's name in the data folder.</summary>
    public const string FileName = "usage-logs.json";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }.ConfigureForBilling();

    /// <summary>Writes the log to the data folder, replacing the one there.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <param name="logs">The logged calls.</param>
    /// <returns>A task that completes when the file is written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static async Task WriteAsync(string dataDirectory, IReadOnlyList<UsageRecord> logs)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(logs);
        await using var file = File.Create(Path.Combine(dataDirectory, FileName));
        await JsonSerializer.SerializeAsync(file, logs, Json);
    }

    /// <summary>Reads the log from the data folder; empty when the folder has none.</summary>
    /// <param name="dataDirectory">The data folder.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The logged calls, in the order written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataDirectory"/> is null.</exception>
    /// <exception cref="JsonException">The file is not a usage log.</exception>
    public static async Task<IReadOnlyList<UsageRecord>> ReadAsync(string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<List<UsageRecord>>(file, Json, cancellationToken) ?? [];
    }
}
