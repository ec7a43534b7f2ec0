using Billing.Domain.Ledger;
using Billing.Domain.Payments;
using Billing.Domain.Prepaid;
using Billing.Domain.Sqlite;
using Billing.Domain.Testing.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
            await first.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await first.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", Usd, new Money(5m, Usd)).WaitAsync(TimeSpan.FromSeconds(30));
            await first.StopAsync();
        }

        using var second = Host($"Data Source={_file}");
        await second.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var account = await second.Services.GetRequiredService<IPrepaidStore>().FindAccountAsync("acc");

        Assert.Equal(new Money(5m, Usd), account?.CreditLimit);
    }

    [Fact]
    public async Task TheCurrenciesOfTheOptions_ReachTheSqliteStores()
    {
        var points = Currency.Custom("PTS", 0);
        var builder = Hosts.Builder();
        builder.Services.AddSingleton<IPaymentGateway>(new InMemoryPaymentGateway(new FakeClock(Hosts.Now)));
        builder.Services.AddBilling(options => options.Currencies = CurrencyRegistry.Iso4217.With(points)).UseSqlite($"Data Source={_file}");
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await host.Services.GetRequiredService<PrepaidAccountService>().OpenAsync("acc", points).WaitAsync(TimeSpan.FromSeconds(30));

        var account = await host.Services.GetRequiredService<IPrepaidStore>().FindAccountAsync("acc");

        Assert.Equal(points, account?.Currency);
    }

    internal static IHost Host(string connectionString)
    {
        var builder = Hosts.Builder();
        var clock = new FakeClock(Hosts.Now);
        builder.Services.AddSingleton<IClock>(clock).AddSingleton<IPaymentGateway>(new InMemoryPaymentGateway(clock));
        builder.Services.AddBilling(_ => { }).UseSqlite(connectionString);
        return builder.Build();
    }
}
