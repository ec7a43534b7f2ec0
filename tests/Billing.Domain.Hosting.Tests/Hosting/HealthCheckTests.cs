using Billing.Domain.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Billing.Domain.Hosting.Tests.Hosting;

public sealed class HealthCheckTests
{
    private static readonly string[] Names = ["billing.prepaid_store", "billing.invoice_store", "billing.invoice_header_store"];

    [Fact]
    public async Task EveryStore_IsHealthy_WhenItAnswersARead()
    {
        var file = Path.Combine(Path.GetTempPath(), $"billing-health-{Guid.NewGuid():N}.db");
        try
        {
            using var host = Host($"Data Source={file}", configure: null);
            await host.StartAsync();

            var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

            Assert.Equal(Names.Order(StringComparer.Ordinal), report.Entries.Keys.Order(StringComparer.Ordinal));
            Assert.All(report.Entries.Values, entry => Assert.Equal(HealthStatus.Healthy, entry.Status));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AStoreWhoseReadThrows_IsUnhealthy_WithTheFailure()
    {
        var missingFolder = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "billing.db");
        using var host = Host($"Data Source={missingFolder};Mode=ReadWrite", configure: null);
        await host.StartAsync();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.All(Names, name => Assert.NotNull(report.Entries[name].Exception));
        Assert.Contains("IPrepaidStore failed a read", report.Entries["billing.prepaid_store"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFailureStatusAndTags_AreTheHosts()
    {
        var missingFolder = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "billing.db");
        using var host = Host($"Data Source={missingFolder};Mode=ReadWrite", checks => checks.AddBillingStores(HealthStatus.Degraded, ["ready"]));
        await host.StartAsync();

        var ready = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"));

        Assert.Equal(HealthStatus.Degraded, ready.Status);
        Assert.Equal(3, ready.Entries.Count);
    }

    private static IHost Host(string connectionString, Action<IHealthChecksBuilder>? configure)
    {
        var builder = Hosts.Builder();
        Hosts.AddClockAndGateway(builder.Services);
        builder.Services.AddBilling(_ => { }).UseSqlite(connectionString);
        var checks = builder.Services.AddHealthChecks();
        (configure ?? (c => c.AddBillingStores()))(checks);
        return builder.Build();
    }
}
