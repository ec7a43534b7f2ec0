using Npgsql;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// A schema of its own on the PostgreSQL server <c>BILLING_DOMAIN_POSTGRES</c> names (<c>scripts/with-postgres</c>
/// starts one), for one measurement; <see cref="Drop"/> drops it with its tables.
/// </summary>
internal sealed class ScratchSchema
{
    private readonly string _server;
    private readonly string _name;

    public ScratchSchema(string prefix)
    {
        _server = Environment.GetEnvironmentVariable("BILLING_DOMAIN_POSTGRES")
            ?? throw new InvalidOperationException("Set BILLING_DOMAIN_POSTGRES to a PostgreSQL server's connection string, or run under scripts/with-postgres, which starts one.");
        _name = $"{prefix}_{Guid.NewGuid():N}";
        Execute($"CREATE SCHEMA {_name}");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { SearchPath = _name }.ConnectionString;
    }

    /// <summary>Gets a connection string whose search path is the schema.</summary>
    public string ConnectionString { get; }

    public override string ToString() => $"PostgreSQL, schema {_name}";

    public void Drop()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA {_name} CASCADE");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
