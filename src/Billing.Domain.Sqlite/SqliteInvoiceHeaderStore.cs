using Billing.Domain.Relational;
using Billing.Domain.Storage;

namespace Billing.Domain.Sqlite;

/// <summary>The invoice header store on a SQLite file: several headers written and one removed in one transaction, versions checked first.</summary>
public sealed class SqliteInvoiceHeaderStore : RelationalInvoiceHeaderStore
{
    /// <summary>Opens (and creates or migrates) the store in a SQLite file; it may be the other stores' file.</summary>
    /// <param name="path">The file's path; created when missing.</param>
    /// <param name="busyTimeout">How long a call waits for another writer's lock before <see cref="StorageBusyException"/>; 5 seconds when null.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The busy timeout is not positive or above an hour.</exception>
    /// <exception cref="StorageSchemaException">The file's schema is damaged or newer than this adapter.</exception>
    public SqliteInvoiceHeaderStore(string path, TimeSpan? busyTimeout = null)
        : this(SqliteOptions.ForFile(path, null, busyTimeout)) => Database.Migrate();

    /// <summary>Makes the store over the database the options name, without touching it: the schema is created or migrated by <see cref="RelationalStore.MigrateAsync"/> or, once, by the first call.</summary>
    /// <param name="options">The connection string and busy timeout.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SqliteInvoiceHeaderStore(SqliteOptions options)
        : base(new SqliteDialect(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }
}
