using Billing.Domain.Prepaid;
using Billing.Domain.Testing.Contracts;
using Npgsql;

namespace Billing.Domain.PostgreSql.Tests;

/// <summary>The PostgreSQL prepaid store passes the contract every adapter must pass, against a real server.</summary>
public sealed class PostgreSqlPrepaidStoreContractTests : PrepaidStoreContract, IDisposable
{
    private readonly TemporarySchema _schema = new();

    public void Dispose() => _schema.Dispose();

    protected override IPrepaidStore CreateStore() => new PostgreSqlPrepaidStore(_schema.ShortBusyOptions);

    // Another session's exclusive lock on the accounts table, held until rolled back: every commit of an account waits on it.
    protected override async Task<IAsyncDisposable> HoldWriteLockAsync(IPrepaidStore store)
    {
        await ((PostgreSqlPrepaidStore)store).MigrateAsync();
        var connection = new NpgsqlConnection(_schema.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new Held(connection, transaction);
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>The PostgreSQL prepaid store's subscriptions pass the contract every adapter must pass, against a real server.</summary>
public sealed class PostgreSqlSubscriptionStoreContractTests : SubscriptionStoreContract, IDisposable
{
    private readonly TemporarySchema _schema = new();

    public void Dispose() => _schema.Dispose();

    protected override IPrepaidStore CreateStore() => new PostgreSqlPrepaidStore(_schema.Options);
}

/// <summary>The PostgreSQL invoice store passes the contract every adapter must pass, against a real server.</summary>
public sealed class PostgreSqlInvoiceStoreContractTests : InvoiceStoreContract, IDisposable
{
    private readonly TemporarySchema _schema = new();

    public void Dispose() => _schema.Dispose();

    protected override Billing.Domain.Invoices.IInvoiceStore CreateStore() => new PostgreSqlInvoiceStore(_schema.Options);

    protected override Billing.Domain.Events.IOutboxStore CreateOutbox() => new PostgreSqlPrepaidStore(_schema.Options);
}

/// <summary>The PostgreSQL invoice header store passes the contract every adapter must pass, against a real server.</summary>
public sealed class PostgreSqlInvoiceHeaderStoreContractTests : InvoiceHeaderStoreContract, IDisposable
{
    private readonly TemporarySchema _schema = new();

    public void Dispose() => _schema.Dispose();

    protected override Billing.Domain.InvoiceHeaders.IInvoiceHeaderStore CreateStore() => new PostgreSqlInvoiceHeaderStore(_schema.Options);
}

/// <summary>The PostgreSQL prepaid store keeps the billing laws, each random case in a fresh schema.</summary>
public sealed class PostgreSqlBillingLawContractTests : BillingLawContract, IDisposable
{
    private readonly List<TemporarySchema> _schemas = [];

    public void Dispose()
    {
        foreach (var schema in _schemas)
        {
            schema.Dispose();
        }
    }

    protected override IPrepaidStore CreateStore()
    {
        var schema = new TemporarySchema();
        _schemas.Add(schema);
        return new PostgreSqlPrepaidStore(schema.Options);
    }
}
