using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;

namespace Billing.Domain.Hosting.Tests.Hosting;

/// <summary>A host on a SQLite file, as the README wires it: what one host writes, the next one reads.</summary>
public sealed class SqliteHostTests : IDisposable
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"billing-host-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task AHostOnASqliteFile_Starts_AndTheNextHostReadsWhatItWrote()
    {
        using (var first = Host($"Data Source={_file}"))
        {
            await StartAsync(first);
            await first.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd, new Money(5m, Usd)).WaitAsync(TimeSpan.FromSeconds(30));
            await first.StopAsync();
        }

        using var second = Host($"Data Source={_file}");
        await StartAsync(second);

        var account = await second.Services.GetRequiredService<IPrepaidStore>().FindAccountAsync("acc");

        Assert.Equal(new Money(5m, Usd), account?.CreditLimit);
    }

    [Fact]
    public async Task AfterARestart_TheMonthEndClose_FindsEveryAccount_AsItsProfileSays()
    {
        var march = BillingPeriod.OfMonth(new YearMonth(2026, 3));
        using (var first = Host($"Data Source={_file}"))
        {
            await StartAsync(first);
            var accounts = first.Services.GetRequiredService<PrepaidAccountService>();
            await accounts.OpenAsync("acc-1", new AccountProfile("Acme AI", AccountType.Reseller, DateTimeZone.Utc), Usd).WaitAsync(TimeSpan.FromSeconds(30));
            await accounts.OpenAsync("acc-2", Usd).WaitAsync(TimeSpan.FromSeconds(30));
            await first.StopAsync();
        }

        using var second = Host($"Data Source={_file}");
        await StartAsync(second);
        ((FakeClock)second.Services.GetRequiredService<IClock>()).Advance(Duration.FromDays(40));

        var closed = await second.Services.GetRequiredService<PrepayInvoicing>().CloseAllAsync(march).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["acc-1", "acc-2"], closed.Select(c => c.AccountId));
        Assert.Equal(["Acme AI", "acc-2"], closed.Select(c => c.Invoice!.AccountName));
        Assert.Equal([AccountType.Reseller, AccountType.Customer], closed.Select(c => c.Invoice!.AccountType));
    }

    [Fact]
    public async Task TheCurrenciesOfTheOptions_ReachTheSqliteStores()
    {
        var points = Currency.Custom("PTS", 0);
        var builder = Hosts.Builder();
        Hosts.AddClockAndGateway(builder.Services);
        builder.Services.AddBilling(options => options.Currencies = CurrencyRegistry.Iso4217.With(points)).UseSqlite($"Data Source={_file}");
        using var host = builder.Build();
        await StartAsync(host);
        await host.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", points).WaitAsync(TimeSpan.FromSeconds(30));

        var account = await host.Services.GetRequiredService<IPrepaidStore>().FindAccountAsync("acc");

        Assert.Equal(points, account?.Currency);
    }

    /// <summary>Starts a host on the thread pool, so that a start that blocks (as it once deadlocked) fails the test instead of hanging it.</summary>
    private static Task StartAsync(IHost host) => Task.Run(() => host.StartAsync()).WaitAsync(TimeSpan.FromSeconds(30));

    private static IHost Host(string connectionString)
    {
        var builder = Hosts.Builder();
        Hosts.AddClockAndGateway(builder.Services);
        builder.Services.AddBilling(_ => { }).UseSqlite(connectionString);
        return builder.Build();
    }
}
