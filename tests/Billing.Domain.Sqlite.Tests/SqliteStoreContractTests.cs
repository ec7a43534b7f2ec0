using Billing.Domain.Prepaid;
using Billing.Domain.Testing.Contracts;
using Microsoft.Data.Sqlite;

namespace Billing.Domain.Sqlite.Tests;

/// <summary>The SQLite prepaid store passes the contract every adapter must pass, against a real SQLite file.</summary>
public sealed class SqlitePrepaidStoreContractTests : PrepaidStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IPrepaidStore CreateStore() => new SqlitePrepaidStore(_database.Path, busyTimeout: TimeSpan.FromMilliseconds(300));

    // Another connection's BEGIN IMMEDIATE: it holds the file's write lock until rolled back.
    protected override Task<IAsyncDisposable> HoldWriteLockAsync(IPrepaidStore store)
    {
        var connection = new SqliteConnection($"Data Source={_database.Path}");
        connection.Open();
        return Task.FromResult<IAsyncDisposable>(new Held(connection, connection.BeginTransaction()));
    }

    private sealed class Held(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>The SQLite prepaid store's subscriptions pass the contract every adapter must pass, against a real SQLite file.</summary>
public sealed class SqliteSubscriptionStoreContractTests : SubscriptionStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IPrepaidStore CreateStore() => new SqlitePrepaidStore(_database.Path);
}

/// <summary>The SQLite invoice store passes the contract every adapter must pass, against a real SQLite file.</summary>
public sealed class SqliteInvoiceStoreContractTests : InvoiceStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Billing.Domain.Invoices.IInvoiceStore CreateStore() => new SqliteInvoiceStore(_database.Path);

    protected override Billing.Domain.Events.IOutboxStore CreateOutbox() => new SqlitePrepaidStore(_database.Path);
}

/// <summary>The SQLite invoice header store passes the contract every adapter must pass, against a real SQLite file.</summary>
public sealed class SqliteInvoiceHeaderStoreContractTests : InvoiceHeaderStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override Billing.Domain.InvoiceHeaders.IInvoiceHeaderStore CreateStore() => new SqliteInvoiceHeaderStore(_database.Path);
}

/// <summary>The SQLite prepaid store keeps the billing laws, each random case on a fresh SQLite file.</summary>
public sealed class SqliteBillingLawContractTests : BillingLawContract, IDisposable
{
    private readonly List<TemporaryDatabase> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }
    }

    protected override IPrepaidStore CreateStore()
    {
        var database = new TemporaryDatabase();
        _databases.Add(database);
        return new SqlitePrepaidStore(database.Path);
    }
}
