using Billing.Domain.Prepaid;
using Billing.Domain.Testing.Contracts;
using Billing.Domain.Testing.InMemory;

namespace Billing.Domain.Tests.Testing;

/// <summary>The in-memory prepaid store passes the contract every adapter must pass.</summary>
public class InMemoryPrepaidStoreContractTests : PrepaidStoreContract
{
    protected override IPrepaidStore CreateStore() => new InMemoryPrepaidStore { BusyTimeout = TimeSpan.FromMilliseconds(200) };

    protected override Task<IAsyncDisposable> HoldWriteLockAsync(IPrepaidStore store) => Task.FromResult<IAsyncDisposable>(new Held(((InMemoryPrepaidStore)store).HoldLock()));

    private sealed class Held(IDisposable held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            held.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The in-memory invoice store passes the contract every adapter must pass.</summary>
public class InMemoryInvoiceStoreContractTests : InvoiceStoreContract
{
    private readonly InMemoryPrepaidStore _outbox = new();

    protected override Billing.Domain.Invoices.IInvoiceStore CreateStore() => new InMemoryInvoiceStore(_outbox);

    protected override Billing.Domain.Events.IOutboxStore CreateOutbox() => _outbox;
}

/// <summary>The in-memory invoice header store passes the contract every adapter must pass.</summary>
public class InMemoryInvoiceHeaderStoreContractTests : InvoiceHeaderStoreContract
{
    protected override Billing.Domain.InvoiceHeaders.IInvoiceHeaderStore CreateStore() => new InMemoryInvoiceHeaderStore();
}

/// <summary>The in-memory prepaid store's subscriptions pass the contract every adapter must pass.</summary>
public class InMemorySubscriptionStoreContractTests : SubscriptionStoreContract
{
    protected override IPrepaidStore CreateStore() => new InMemoryPrepaidStore();
}

public class InMemoryBillingLawContractTests : BillingLawContract
{
    protected override IPrepaidStore CreateStore() => new InMemoryPrepaidStore();
}
