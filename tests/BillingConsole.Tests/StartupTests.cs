using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using PrepaidPlatform;

namespace BillingConsole.Tests;

/// <summary>The console's first start: on a data folder without a database, the sample month fills it first.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"billing-console-empty-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task OnAFolderWithoutADatabase_TheSampleMonthFillsItFirst()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseSetting("Console:DataFolder", _folder));
        using var client = factory.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));

        Assert.Equal(["acc-42", "acc-77", "acc-88"], page.QuerySelectorAll("#accounts tbody tr td:first-child").Select(c => c.TextContent));
        Assert.Contains(Path.Combine(_folder, "billing.db"), page.QuerySelector("main code")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(6, (await UsageLogs.ReadAsync(_folder)).Count);
    }
}
