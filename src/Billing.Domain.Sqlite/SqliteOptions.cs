using Billing.Domain.Relational;
using Microsoft.Data.Sqlite;

namespace Billing.Domain.Sqlite;

/// <summary>
/// Where and how the SQLite stores open their database: a connection string (any of Microsoft.Data.Sqlite's settings),
/// how long a call waits for another writer, and the currencies amounts may be in. A store made from options does not
/// touch the file until <c>MigrateAsync</c> or its first call, which creates or migrates the schema once.
/// </summary>
public sealed record SqliteOptions : RelationalOptions
{
    /// <summary>Initializes the options from a connection string.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a data source, such as <c>Data Source=billing.db;Cache=Shared</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty, malformed, or names no data source.</exception>
    public SqliteOptions(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception malformed) when (malformed is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"The connection string is malformed: {malformed.Message}", nameof(connectionString), malformed);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The connection string names no data source.", nameof(connectionString));
        }

        ConnectionString = builder.ToString();
    }

    /// <summary>Gets the connection string, as Microsoft.Data.Sqlite writes it back.</summary>
    public string ConnectionString { get; }

    /// <summary>Returns the options of a SQLite file at <paramref name="path"/>, created when missing.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static SqliteOptions ForFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteOptions(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
    }

    // The options of the path constructors: their defaults where they pass null.
    internal static SqliteOptions ForFile(string path, CurrencyRegistry? currencies, TimeSpan? busyTimeout) =>
        ForFile(path) with { BusyTimeout = busyTimeout ?? DefaultBusyTimeout, Currencies = currencies ?? CurrencyRegistry.Iso4217 };
}
