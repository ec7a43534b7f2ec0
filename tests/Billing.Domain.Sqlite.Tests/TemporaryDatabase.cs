using Microsoft.Data.Sqlite;

namespace Billing.Domain.Sqlite.Tests;

/// <summary>A SQLite file in the temporary folder, deleted with its WAL files when disposed.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"billing-domain-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
