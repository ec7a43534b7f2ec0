using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Storage;
using Billing.Domain.Testing.InMemory;
using static Billing.Domain.Tests.InvoiceApplications.ApplicationHarness;

namespace Billing.Domain.Tests.InvoiceHeaders;

public class InvoiceHeaderServiceTests
{
    private readonly InvoiceHeaderService _headers = new(new InMemoryInvoiceHeaderStore());

    [Fact]
    public async Task FirstHeader_IsTheDefault_AndANewDefaultDemotesTheOld()
    {
        var first = await _headers.AddAsync("h1", "acc", Company);
        var second = await _headers.AddAsync("h2", "acc", Person);
        var third = await _headers.AddAsync("h3", "acc", Person with { Title = "Zhang San" }, makeDefault: true);

        Assert.True(first.IsDefault);
        Assert.False(second.IsDefault);
        Assert.True(third.IsDefault);
        Assert.Equal([("h3", true), ("h1", false), ("h2", false)], (await _headers.ListAsync("acc")).Select(h => (h.HeaderId, h.IsDefault)));
    }

    [Fact]
    public async Task RemovingTheDefault_PromotesTheNextHeader()
    {
        await _headers.AddAsync("h1", "acc", Company);
        await _headers.AddAsync("h2", "acc", Person);

        await _headers.RemoveAsync("acc", "h1");
        await _headers.RemoveAsync("acc", "h1");

        Assert.Equal([("h2", true)], (await _headers.ListAsync("acc")).Select(h => (h.HeaderId, h.IsDefault)));
        await _headers.RemoveAsync("acc", "h2");
        Assert.Empty(await _headers.ListAsync("acc"));
    }

    [Fact]
    public async Task Edit_AndSetDefault_AreStored()
    {
        await _headers.AddAsync("h1", "acc", Company);
        await _headers.AddAsync("h2", "acc", Person);

        var edited = await _headers.EditAsync("acc", "h2", Person with { Phone = "+86 138 0000 0000" });
        var made = await _headers.SetDefaultAsync("acc", "h2");

        Assert.Equal("+86 138 0000 0000", edited.Details.Phone);
        Assert.True(made.IsDefault);
        Assert.Equal(["h2"], (await _headers.ListAsync("acc")).Where(h => h.IsDefault).Select(h => h.HeaderId));
        Assert.Equal(made, await _headers.SetDefaultAsync("acc", "h2"));
        await Assert.ThrowsAsync<NotFoundException>(() => _headers.EditAsync("acc", "nope", Person));
    }

    [Fact]
    public async Task Headers_OfOneAccount_AreNotSeenByAnother()
    {
        await _headers.AddAsync("h1", "acc-1", Company);
        await _headers.AddAsync("h2", "acc-2", Person);

        Assert.Equal(["h1"], (await _headers.ListAsync("acc-1")).Select(h => h.HeaderId));
        Assert.True((await _headers.ListAsync("acc-2"))[0].IsDefault);
    }

    [Fact]
    public async Task InvalidDetails_AreRefused_NamingTheField()
    {
        await Assert.ThrowsAsync<ArgumentException>("TaxId", () => _headers.AddAsync("h", "acc", Company with { TaxId = null }));
        await Assert.ThrowsAsync<ArgumentException>("Title", () => _headers.AddAsync("h", "acc", Person with { Title = " " }));
        await Assert.ThrowsAsync<ArgumentException>("Address", () => _headers.AddAsync("h", "acc", Person with { Address = "  " }));
        await Assert.ThrowsAsync<ArgumentException>("Bank", () => _headers.AddAsync("h", "acc", Person with { Bank = new string('b', InvoiceHeader.MaxTextLength + 1) }));
        await Assert.ThrowsAsync<ArgumentException>("Type", () => _headers.AddAsync("h", "acc", Person with { Type = (InvoiceHeaderType)7 }));
        Assert.Empty(await _headers.ListAsync("acc"));
        await _headers.AddAsync("h", "acc", Person);
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _headers.AddAsync("h", "acc", Company));
    }

    [Fact]
    public async Task CommandsOnAHeader_RefuseOneOfAnotherAccount_AsNotFound()
    {
        var header = await _headers.AddAsync("h1", "acc", Company);

        await Assert.ThrowsAsync<NotFoundException>(() => _headers.EditAsync("other", "h1", Person));
        await Assert.ThrowsAsync<NotFoundException>(() => _headers.SetDefaultAsync("other", "h1"));
        await Assert.ThrowsAsync<NotFoundException>(() => _headers.RemoveAsync("other", "h1"));

        Assert.Equal([header], await _headers.ListAsync("acc"));
    }

    [Theory]
    [InlineData("Acme\u200B AI")]
    [InlineData("Acme\u0000")]
    [InlineData(" Acme")]
    public async Task ATitleWithAnInvisibleCharacter_IsRefused(string title)
    {
        await Assert.ThrowsAsync<ArgumentException>("Title", () => _headers.AddAsync("h", "acc", Person with { Title = title }));
        await Assert.ThrowsAsync<ArgumentException>("Address", () => _headers.AddAsync("h", "acc", Person with { Address = "1 Harbour\0 Rd" }));
        Assert.Empty(await _headers.ListAsync("acc"));
    }
}
