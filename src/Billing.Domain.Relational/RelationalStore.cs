using Billing.Domain.Storage;

namespace Billing.Domain.Relational;

/// <summary>What every relational store has: its database, whose schema is created or migrated once.</summary>
public abstract class RelationalStore
{
    private protected RelationalStore(SqlDialect dialect) => Database = new RelationalDatabase(dialect);

    /// <summary>Gets the database, for the adapters' own constructors and tests.</summary>
    internal RelationalDatabase Database { get; }

    /// <summary>Creates or migrates the schema now (a host does it at start-up or deployment); the first call does it otherwise. Doing it again does nothing.</summary>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="StorageSchemaException">The database's schema is damaged or newer than this adapter (<c>storage.schema_invalid</c>).</exception>
    /// <exception cref="StorageBusyException">Another writer held the database past the busy timeout.</exception>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => Database.MigrateAsync(cancellationToken);
}
