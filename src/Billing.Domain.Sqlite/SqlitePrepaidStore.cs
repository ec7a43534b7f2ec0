using Billing.Domain.Relational;
using Billing.Domain.Storage;

namespace Billing.Domain.Sqlite;

/// <summary>
/// The prepaid store on a SQLite file: ledgers, orders, consumption, corrections, invoice applications and
/// subscriptions, the schema created and migrated by the store, every commit one transaction that checks every
/// version and key before it writes anything.
/// </summary>
public sealed class SqlitePrepaidStore : RelationalPrepaidStore
{
    /// <summary>Opens (and creates or migrates) the store in a SQLite file.</summary>
    /// <param name="path">The file's path; created when missing.</param>
    /// <param name="currencies">The currencies amounts may be in, for hosts with their own (credits, tokens); ISO 4217 when null.</param>
    /// <param name="busyTimeout">How long a call waits for another writer's lock before <see cref="StorageBusyException"/>; 5 seconds when null.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The busy timeout is not positive or above an hour.</exception>
    /// <exception cref="StorageSchemaException">The file's schema is damaged or newer than this adapter.</exception>
    public SqlitePrepaidStore(string path, CurrencyRegistry? currencies = null, TimeSpan? busyTimeout = null)
        : this(SqliteOptions.ForFile(path, currencies, busyTimeout)) => Database.Migrate();

    /// <summary>Makes the store over the database the options name, without touching it: the schema is created or migrated by <see cref="RelationalStore.MigrateAsync"/> or, once, by the first call.</summary>
    /// <param name="options">The connection string, busy timeout and currencies.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SqlitePrepaidStore(SqliteOptions options)
        : base(new SqliteDialect(options ?? throw new ArgumentNullException(nameof(options))), options.Currencies)
    {
    }
}
