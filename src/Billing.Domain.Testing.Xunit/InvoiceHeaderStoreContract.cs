using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Storage;
using Xunit;

namespace Billing.Domain.Testing.Contracts;

/// <summary>
/// The contract every <see cref="IInvoiceHeaderStore"/> adapter must pass: inherit it and return a fresh, empty
/// store from <see cref="CreateStore"/>.
/// </summary>
public abstract class InvoiceHeaderStoreContract
{
    private static readonly InvoiceHeaderDetails Company = new(InvoiceHeaderType.Company, "Acme AI Ltd", "TAX-1", "1 Harbour Rd", "+86 21 5555", "Bank of Shanghai", "6222 0001");

    private readonly Lazy<IInvoiceHeaderStore> _store;

    /// <summary>Initializes the suite; the store is created on first use, once per test.</summary>
    protected InvoiceHeaderStoreContract()
    {
        _store = new Lazy<IInvoiceHeaderStore>(CreateStore);
    }

    private IInvoiceHeaderStore Store => _store.Value;

    /// <summary>A header keeps every field, and lists come default first, then by title.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Headers_RoundTripEveryField_AndListDefaultFirst()
    {
        var service = new InvoiceHeaderService(Store);
        var company = await service.AddAsync("h1", "acc", Company);
        var person = await service.AddAsync("h2", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Bo Li"), makeDefault: true);
        await service.AddAsync("h3", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Al Wu"));

        Assert.Equal(company.AsDefault(false) with { Version = 2 }, await Store.FindHeaderAsync("h1"));
        Assert.Equal(person, await Store.FindHeaderAsync("h2"));
        Assert.Equal(["h2", "h1", "h3"], (await Store.ListHeadersAsync("acc")).Select(h => h.HeaderId));
    }

    /// <summary>A stale version refuses the whole commit, removal included.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task StaleVersion_RefusesTheWholeCommit()
    {
        var first = (await Store.CommitHeadersAsync([InvoiceHeader.Create("h1", "acc", Company)], null))[0];
        var second = (await Store.CommitHeadersAsync([InvoiceHeader.Create("h2", "acc", Company with { Title = "Other" })], null))[0];
        await Store.CommitHeadersAsync([first.AsDefault(true)], null);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitHeadersAsync([second.AsDefault(true), first.AsDefault(false)], null));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitHeadersAsync([second.AsDefault(true)], first));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitHeadersAsync([InvoiceHeader.Create("h1", "acc", Company)], null));

        Assert.True((await Store.FindHeaderAsync("h1"))!.IsDefault);
        Assert.Equal(second, await Store.FindHeaderAsync("h2"));
        await Store.CommitHeadersAsync([second.AsDefault(true)], (await Store.FindHeaderAsync("h1"))!);
        Assert.Null(await Store.FindHeaderAsync("h1"));
    }

    /// <summary>One account never sees another's headers.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Accounts_AreIsolated()
    {
        await Store.CommitHeadersAsync([InvoiceHeader.Create("h1", "acc-1", Company), InvoiceHeader.Create("h2", "acc-2", Company)], null);

        Assert.Equal(["h1"], (await Store.ListHeadersAsync("acc-1")).Select(h => h.HeaderId));
        Assert.Empty(await Store.ListHeadersAsync("acc-3"));
    }

    /// <summary>A header id is taken whatever the account: another account's new header under it is refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task HeaderIds_AreGlobal()
    {
        var first = (await Store.CommitHeadersAsync([InvoiceHeader.Create("h1", "acc-1", Company)], null))[0];

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitHeadersAsync([InvoiceHeader.Create("h1", "acc-2", Company with { Title = "Other" })], null));

        Assert.Equal(first, await Store.FindHeaderAsync("h1"));
        Assert.Empty(await Store.ListHeadersAsync("acc-2"));
    }

    /// <summary>Returns a fresh, empty store of the adapter under test.</summary>
    /// <returns>The store.</returns>
    protected abstract IInvoiceHeaderStore CreateStore();
}
