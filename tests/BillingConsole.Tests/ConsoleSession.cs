using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace BillingConsole.Tests;

/// <summary>
/// The console on a copy of the sample month's file, with only the clock replaced (10 April 2026), driven as a browser
/// drives it: pages read as HTML, forms submitted with their hidden fields (the antiforgery token among them) and the
/// cookies the console set.
/// </summary>
internal sealed class ConsoleSession : IAsyncDisposable
{
    private static readonly HtmlParser Parser = new();

    private ConsoleSession(string folder, FakeClock clock, WebApplicationFactory<Program> factory)
    {
        Folder = folder;
        Clock = clock;
        Factory = factory;
        Client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });
    }

    public string Folder { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public FakeClock Clock { get; }

    public static async Task<ConsoleSession> StartAsync(Action<WebApplicationFactory<Program>>? configure = null)
    {
        var folder = await SampleMonth.CopyAsync();
        var clock = new FakeClock(Instant.FromUtc(2026, 4, 10, 10, 0));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Console:DataFolder", folder);
            builder.ConfigureTestServices(services => services.AddSingleton<IClock>(clock));
        });
        configure?.Invoke(factory);
        return new ConsoleSession(folder, clock, factory);
    }

    /// <summary>Gets a page that answers 200, parsed.</summary>
    public async Task<IHtmlDocument> GetAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Submits a form of the page with its fields as the page filled them, <paramref name="fields"/> overriding, to
    /// <paramref name="action"/> or else the form's action; returns the page answered (after redirects).
    /// </summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string>? fields = null, string? action = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"The page has no form {formSelector}.");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[name]"))
        {
            values[input.Name!] = input.Value;
        }

        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            values[select.Name!] = select.Value ?? "";
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        action ??= form.GetAttribute("action") ?? throw new InvalidOperationException($"The form {formSelector} has no action: name the page it posts to.");
        using var content = new FormUrlEncodedContent(values);
        using var response = await Client.PostAsync(action, content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {action}: {response.StatusCode}");
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text of each row of a table, its cells joined by " | " (trailing empty cells leave a trailing "|").</summary>
    public static IReadOnlyList<string> Rows(IHtmlDocument page, string tableSelector) =>
        [.. (page.QuerySelector(tableSelector) ?? throw new InvalidOperationException($"The page has no table {tableSelector}."))
            .QuerySelectorAll("tbody tr")
            .Select(row => string.Join(" | ", row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())).TrimEnd())];

    /// <summary>The errors the page shows: its validation summary and its field messages.</summary>
    public static IReadOnlyList<string> Errors(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".errors li, .field-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>A test class of console pages: a session on its own copy of the sample month for each test.</summary>
public abstract class ConsolePageTests : IAsyncLifetime
{
    private protected ConsoleSession Console { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync() => Console = await ConsoleSession.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync() => await Console.DisposeAsync();
}
