using Billing.Domain.Prepaid;
using Billing.Domain.Testing.Contracts;

namespace Billing.Domain.Sqlite.Tests;

/// <summary>The SQLite prepaid store passes the contract every adapter must pass, against a real SQLite file.</summary>
public sealed class SqlitePrepaidStoreContractTests : PrepaidStoreContract, IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override IPrepaidStore CreateStore() => new SqlitePrepaidStore(_database.Path);
}
