using Billing.Domain.Relational;
using Billing.Domain.Storage;

namespace Billing.Domain.Sqlite;

/// <summary>
/// The invoice store on a SQLite file: invoices (their tables as exact JSON), one Prepay invoice per account and
/// period, and gapless number series advanced in the transaction that saves the numbered invoice.
/// </summary>
public sealed class SqliteInvoiceStore : RelationalInvoiceStore
{
    /// <summary>Opens (and creates or migrates) the store in a SQLite file; it may be the prepaid store's file.</summary>
    /// <param name="path">The file's path; created when missing.</param>
    /// <param name="currencies">The currencies amounts may be in, for hosts with their own (credits, tokens); ISO 4217 when null.</param>
    /// <param name="busyTimeout">How long a call waits for another writer's lock before <see cref="StorageBusyException"/>; 5 seconds when null.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The busy timeout is not positive or above an hour.</exception>
    /// <exception cref="StorageSchemaException">The file's schema is damaged or newer than this adapter.</exception>
    public SqliteInvoiceStore(string path, CurrencyRegistry? currencies = null, TimeSpan? busyTimeout = null)
        : this(SqliteOptions.ForFile(path, currencies, busyTimeout)) => Database.Migrate();

    /// <summary>Makes the store over the database the options name, without touching it: the schema is created or migrated by <see cref="RelationalStore.MigrateAsync"/> or, once, by the first call.</summary>
    /// <param name="options">The connection string, busy timeout and currencies.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SqliteInvoiceStore(SqliteOptions options)
        : base(new SqliteDialect(options ?? throw new ArgumentNullException(nameof(options))), options.Currencies)
    {
    }
}
