using Npgsql;

namespace Billing.Domain.PostgreSql.Tests;

/// <summary>
/// A schema of its own on the test server (so tests run in parallel on one database), dropped with its tables when
/// disposed. The server is named by <c>BILLING_DOMAIN_POSTGRES</c>; <c>scripts/test</c> installs and starts one.
/// </summary>
internal sealed class TemporarySchema : IDisposable
{
    /// <summary>The variable naming the test server's connection string.</summary>
    public const string Variable = "BILLING_DOMAIN_POSTGRES";

    public TemporarySchema()
    {
        Name = $"t_{Guid.NewGuid():N}";
        using var connection = OpenServer();
        using var create = new NpgsqlCommand($"CREATE SCHEMA {Name}", connection);
        create.ExecuteNonQuery();
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { SearchPath = Name }.ConnectionString;
    }

    /// <summary>Gets the server's connection string, or fails the test saying how to start one.</summary>
    public static string Server =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"These tests need a PostgreSQL 15 server, and {Variable} is not set. Run scripts/test (it installs PostgreSQL from Debian's packages, starts it on "
                + $"127.0.0.1 and sets {Variable}), or start one yourself and set {Variable}=\"Host=127.0.0.1;Port=5432;Username=postgres\".");

    /// <summary>Gets the schema's name.</summary>
    public string Name { get; }

    /// <summary>Gets a connection string whose search path is the schema.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Gets options for stores in the schema, with the default busy timeout (5 seconds): concurrent tests on a loaded
    /// CI machine wait that long for a series' row lock, as a host's would.
    /// </summary>
    public PostgreSqlOptions Options => new(ConnectionString);

    /// <summary>Gets options with a short busy timeout (a second, the most the prepaid contract allows), for its test that holds a lock and expects <c>storage.busy</c>.</summary>
    public PostgreSqlOptions ShortBusyOptions => Options with { BusyTimeout = TimeSpan.FromSeconds(1) };

    /// <summary>Runs a statement in the schema and returns its first value.</summary>
    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();   // a pool per schema would keep its idle connections, and the server's slots, for minutes
        using var connection = OpenServer();
        using var drop = new NpgsqlCommand($"DROP SCHEMA {Name} CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    private static NpgsqlConnection OpenServer()
    {
        var connection = new NpgsqlConnection(Server);
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception unreachable) when (unreachable is NpgsqlException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw new InvalidOperationException(
                $"The PostgreSQL server {Variable} names ({Server}) does not answer: {unreachable.Message}. Run scripts/test, which starts one, or start yours.", unreachable);
        }
    }
}
