using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Prepaid;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Ledger;

public class PrepaidAccountServiceTests
{
    private readonly PrepaidHarness _h = new();

    [Fact]
    public async Task Open_Twice_ReturnsTheLedger_InAnotherCurrency_Throws()
    {
        var opened = await _h.Accounts.OpenAsync("acc-1", Usd, Dollars(2m));

        Assert.Equal((1L, Dollars(2m)), (opened.Version, opened.CreditLimit));
        Assert.Equal(opened, await _h.Accounts.OpenAsync("acc-1", Usd));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.Accounts.OpenAsync("acc-1", Eur));
    }

    [Fact]
    public async Task SetCreditLimit_IsStored_AndUnknownAccountsAreNotFound()
    {
        await _h.Accounts.OpenAsync("acc-1", Usd);

        var limited = await _h.Accounts.SetCreditLimitAsync("acc-1", Dollars(20m));

        Assert.Equal(Dollars(20m), (await _h.Accounts.GetAsync("acc-1")).CreditLimit);
        Assert.Equal(limited, await _h.Accounts.SetCreditLimitAsync("acc-1", Dollars(20m)));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Accounts.SetCreditLimitAsync("nobody", Dollars(1m)));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Accounts.GetAsync("nobody"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Accounts.BalanceAsOfAsync("nobody", Start));
    }

    [Fact]
    public async Task BalanceAsOf_SumsTheEntriesRecordedByThen()
    {
        await _h.FundAsync("acc-1", 10m);
        var afterTopUp = _h.Clock.GetCurrentInstant();
        await _h.Consumption.RecordAsync(Call("acc-1", "r1", 2m));
        var afterCall = _h.Clock.GetCurrentInstant();
        await _h.Consumption.RecordAsync(Call("acc-1", "r2", 3m));

        Assert.Equal(Dollars(0m), await _h.Accounts.BalanceAsOfAsync("acc-1", Start));
        Assert.Equal(Dollars(10m), await _h.Accounts.BalanceAsOfAsync("acc-1", afterTopUp));
        Assert.Equal(Dollars(8m), await _h.Accounts.BalanceAsOfAsync("acc-1", afterCall));
        Assert.Equal(Dollars(5m), await _h.Accounts.BalanceAsOfAsync("acc-1", afterCall + Duration.FromDays(1)));
    }

    [Fact]
    public async Task OpeningAgain_WithAnotherCreditLimit_IsAReusedKey_AndChangesNothing()
    {
        var opened = await _h.Accounts.OpenAsync("acc-1", Usd, Dollars(5m));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Accounts.OpenAsync("acc-1", Usd, Dollars(6m)));

        Assert.Equal(opened, await _h.Accounts.OpenAsync("acc-1", Usd, Dollars(5m)));
        Assert.Equal(opened, await _h.Accounts.OpenAsync("acc-1", Usd));
        Assert.Equal(Dollars(5m), (await _h.Accounts.GetAsync("acc-1")).CreditLimit);
    }

    private static readonly AccountProfile Acme = new("Acme AI", AccountType.Reseller, DateTimeZoneProviders.Tzdb["Europe/Paris"]);

    [Fact]
    public async Task Open_WithAProfile_StoresIt_AgainWithTheSameIsTheLedger_WithAnotherIsAReusedKey()
    {
        var opened = await _h.Accounts.OpenAsync("acc-1", Acme, Usd);

        Assert.Equal(Acme, (await _h.Accounts.GetAsync("acc-1")).Profile);
        Assert.Equal(opened, await _h.Accounts.OpenAsync("acc-1", Acme with { }, Usd));
        Assert.Equal(opened, await _h.Accounts.OpenAsync("acc-1", Usd));   // no profile asked: any will do
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Accounts.OpenAsync("acc-1", new AccountProfile("Acme", AccountType.Reseller, DateTimeZone.Utc), Usd));
        await Assert.ThrowsAsync<ArgumentNullException>("profile", () => _h.Accounts.OpenAsync("acc-2", null!, Usd));
        Assert.Equal(opened, await _h.Accounts.GetAsync("acc-1"));
    }

    [Fact]
    public async Task UpdateProfile_StoresTheNewProfile_TheSameOneWritesNothing()
    {
        await _h.FundAsync("acc-1", 10m);
        var renamed = await _h.Accounts.UpdateProfileAsync("acc-1", Acme);

        Assert.Equal(Acme, renamed.Profile);
        Assert.Equal(renamed, await _h.Accounts.GetAsync("acc-1"));
        Assert.Equal(Dollars(10m), renamed.Balance);
        Assert.Equal(renamed.Version, (await _h.Accounts.UpdateProfileAsync("acc-1", Acme with { })).Version);
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Accounts.UpdateProfileAsync("nobody", Acme));
        await Assert.ThrowsAsync<ArgumentNullException>("profile", () => _h.Accounts.UpdateProfileAsync("acc-1", null!));
    }

    [Fact]
    public async Task List_PagesTheAccountsById_OfOneTypeWhenAsked()
    {
        await _h.Accounts.OpenAsync("acc-3", Usd);
        await _h.Accounts.OpenAsync("acc-1", Acme, Usd);
        await _h.Accounts.OpenAsync("acc-2", Usd);

        var first = await _h.Accounts.ListAsync(new AccountQuery { Page = new PageRequest(1, 2) });
        var second = await _h.Accounts.ListAsync(new AccountQuery { Page = new PageRequest(2, 2) });
        var resellers = await _h.Accounts.ListAsync(new AccountQuery { Type = AccountType.Reseller });

        Assert.Equal(["acc-1", "acc-2"], first.Items.Select(a => a.AccountId));
        Assert.Equal((3, true), (first.TotalCount, first.HasNext));
        Assert.Equal(["acc-3"], second.Items.Select(a => a.AccountId));
        Assert.Equal(["Acme AI"], resellers.Items.Select(a => a.Profile.Name));
        await Assert.ThrowsAsync<ArgumentNullException>("query", () => _h.Accounts.ListAsync(null!));
    }
}
