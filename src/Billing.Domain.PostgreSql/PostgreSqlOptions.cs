using Billing.Domain.Relational;
using Npgsql;

namespace Billing.Domain.PostgreSql;

/// <summary>
/// Where and how the PostgreSQL stores open their database: an Npgsql connection string (host, port, database,
/// credentials, pooling, and <c>Search Path</c> to keep the tables in a schema of their own), how long a call waits
/// for another writer's row lock, and the currencies amounts may be in. A store never touches the database in its
/// constructor: <c>MigrateAsync</c> or its first call creates or migrates the schema once.
/// </summary>
public sealed record PostgreSqlOptions : RelationalOptions
{
    /// <summary>Initializes the options from a connection string.</summary>
    /// <param name="connectionString">An Npgsql connection string naming a host, such as <c>Host=db;Database=billing;Username=billing;Password=…</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty, malformed, or names no host.</exception>
    public PostgreSqlOptions(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception malformed) when (malformed is ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ArgumentException($"The connection string is malformed: {malformed.Message}", nameof(connectionString), malformed);
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new ArgumentException("The connection string names no host.", nameof(connectionString));
        }

        ConnectionString = builder.ConnectionString;
    }

    /// <summary>Gets the connection string, as Npgsql writes it back.</summary>
    public string ConnectionString { get; }
}
