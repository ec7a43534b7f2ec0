using System.Runtime.CompilerServices;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Prepaid;
using Billing.Domain.Testing.Contracts;

namespace Billing.Domain.DocumentStore.Tests;

// The library's contract suites, run under xunit v3 against the document adapter: what a host's own adapter proves.

public sealed class DocumentPrepaidStoreContractTests : PrepaidStoreContract, IDisposable
{
    private readonly DocumentDatabase _database = new(TimeSpan.FromMilliseconds(300));

    public void Dispose() => _database.Dispose();

    protected override IPrepaidStore CreateStore() => new DocumentPrepaidStore(_database);

    protected override Task<IAsyncDisposable> HoldWriteLockAsync(IPrepaidStore store) => _database.HoldAsync();
}

public sealed class DocumentSubscriptionStoreContractTests : SubscriptionStoreContract, IDisposable
{
    private readonly DocumentDatabase _database = new(TimeSpan.FromSeconds(5));

    public void Dispose() => _database.Dispose();

    protected override IPrepaidStore CreateStore() => new DocumentPrepaidStore(_database);
}

public sealed class DocumentInvoiceStoreContractTests : InvoiceStoreContract, IDisposable
{
    private readonly DocumentDatabase _database = new(TimeSpan.FromSeconds(5));

    public void Dispose() => _database.Dispose();

    protected override IInvoiceStore CreateStore() => new DocumentInvoiceStore(_database);

    protected override Billing.Domain.Events.IOutboxStore CreateOutbox() => new DocumentPrepaidStore(_database);
}

public sealed class DocumentInvoiceHeaderStoreContractTests : InvoiceHeaderStoreContract, IDisposable
{
    private readonly DocumentDatabase _database = new(TimeSpan.FromSeconds(5));

    public void Dispose() => _database.Dispose();

    protected override IInvoiceHeaderStore CreateStore() => new DocumentInvoiceHeaderStore(_database);
}

public sealed class DocumentBillingLawTests : BillingLawContract
{
    protected override IPrepaidStore CreateStore() => new DocumentPrepaidStore(new DocumentDatabase(TimeSpan.FromSeconds(5)));
}

public sealed class PublicApiOnlyTests
{
    /// <summary>The adapter proves what a host can do only while it sees nothing a host cannot: the core shows this assembly no internals.</summary>
    [Fact]
    public void TheCoreShowsThisAssemblyNoInternals()
    {
        var friends = typeof(Money).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), false).Cast<InternalsVisibleToAttribute>().Select(a => a.AssemblyName);

        Assert.DoesNotContain(typeof(PublicApiOnlyTests).Assembly.GetName().Name, friends);
        Assert.NotEmpty(friends);   // the check reads the attributes at all
    }
}
