using Billing.Domain.Ledger;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Ledger;

public sealed class AccountProfileTests
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    [Fact]
    public void AProfile_RefusesAnEmptyName_AnUndefinedType_AndNoZone()
    {
        Assert.Throws<ArgumentException>("name", () => new AccountProfile(" ", AccountType.Customer, Paris));
        Assert.Throws<ArgumentNullException>("name", () => new AccountProfile(null!, AccountType.Customer, Paris));
        Assert.Throws<ArgumentException>("type", () => new AccountProfile("Acme", (AccountType)7, Paris));
        Assert.Throws<ArgumentNullException>("zone", () => new AccountProfile("Acme", AccountType.Customer, null!));
    }

    [Fact]
    public void Profiles_AreEqual_ByName_Type_AndZoneId()
    {
        var profile = new AccountProfile("Acme", AccountType.Reseller, Paris);

        Assert.Equal(profile, new AccountProfile("Acme", AccountType.Reseller, DateTimeZoneProviders.Tzdb["Europe/Paris"]));
        Assert.Equal(profile.GetHashCode(), new AccountProfile("Acme", AccountType.Reseller, Paris).GetHashCode());
        Assert.NotEqual(profile, new AccountProfile("Acme", AccountType.Customer, Paris));
        Assert.NotEqual(profile, new AccountProfile("Acme Ltd", AccountType.Reseller, Paris));
        Assert.NotEqual(profile, new AccountProfile("Acme", AccountType.Reseller, DateTimeZone.Utc));
        Assert.Equal("Europe/Paris", profile.TimeZone.Zone.Id);
    }

    [Fact]
    public void AnAccountOpenedWithoutAProfile_IsACustomer_NamedByItsId_BilledInUtc()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, Start);

        Assert.Equal(new AccountProfile("acc-1", AccountType.Customer, DateTimeZone.Utc), account.Profile);
        Assert.Equal(account.Profile, AccountProfile.DefaultFor("acc-1"));
    }

    [Fact]
    public void WithProfile_ReplacesIt_TheSameProfileChangesNothing()
    {
        var account = PrepaidAccount.Open("acc-1", Usd, Start);
        var profile = new AccountProfile("Acme", AccountType.Reseller, Paris);

        var renamed = account.WithProfile(profile);

        Assert.Equal(profile, renamed.Profile);
        Assert.Same(renamed, renamed.WithProfile(new AccountProfile("Acme", AccountType.Reseller, Paris)));
        Assert.Equal((account.Balance, account.Version), (renamed.Balance, renamed.Version));
        Assert.Throws<ArgumentNullException>("profile", () => account.WithProfile(null!));
    }

    [Fact]
    public void AQuery_FiltersByType_AndOrdersByIdOrdinally()
    {
        var reseller = new AccountProfile("R", AccountType.Reseller, Paris);
        PrepaidAccount[] accounts = [PrepaidAccount.Open("b", Usd, Start), PrepaidAccount.Open("B", Usd, Start, profile: reseller), PrepaidAccount.Open("a", Usd, Start)];

        var all = new AccountQuery().Apply(accounts);
        var resellers = new AccountQuery { Type = AccountType.Reseller }.Apply(accounts);

        Assert.Equal(["B", "a", "b"], all.Items.Select(a => a.AccountId));
        Assert.Equal(["B"], resellers.Items.Select(a => a.AccountId));
        Assert.Equal(1, resellers.TotalCount);
        Assert.Throws<ArgumentNullException>("account", () => new AccountQuery().Matches(null!));
        Assert.Throws<ArgumentNullException>("accounts", () => new AccountQuery().Apply(null!));
    }
}
