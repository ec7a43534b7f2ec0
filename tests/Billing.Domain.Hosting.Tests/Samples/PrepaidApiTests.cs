using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;

namespace Billing.Domain.Hosting.Tests.Samples;

/// <summary>
/// The sample API (samples/PrepaidApi) driven over HTTP as its clients drive it: the customer's top-up, the bank's
/// webhook (twice), API calls, the billing records and consumption a customer reviews, invoice headers and
/// applications, and the month-end close; on a SQLite file, with only the clock replaced.
/// </summary>
public sealed class PrepaidApiTests : IDisposable
{
    private const string Secret = "test-webhook-secret";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"prepaid-api-{Guid.NewGuid():N}.db");
    private readonly string _mail = Path.Combine(Path.GetTempPath(), $"prepaid-api-mail-{Guid.NewGuid():N}");
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 10, 9, 0));
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _client;

    public PrepaidApiTests()
    {
        _factory = Api(Secret);
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        if (Directory.Exists(_mail))
        {
            Directory.Delete(_mail, recursive: true);
        }
    }

    [Fact]
    public async Task AMonth_OfTopUpsCallsApplicationsAndTheClose_OverHttp()
    {
        await OpenAsync("acc-42", "Acme AI", "reseller");
        await OpenAsync("acc-77", "Li's studio", "customer");
        await TopUpAsync("acc-42", "ord-1", 100.00m);

        var first = await TransferAsync("tr-1", "ord-1", 100.00m);
        var again = await TransferAsync("tr-1", "ord-1", 100.00m);   // the bank retries its notification
        var account = await GetJsonAsync("/accounts/acc-42");

        Assert.Equal(("completed", "credited", false), ((string)first["status"]!, (string)first["outcome"]!, (bool)first["replayed"]!));
        Assert.True((bool)again["replayed"]!);
        Assert.Equal(100.00m, Amount(account["balance"]));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/accounts/acc-42/calls", Call("req-1", "gpt-x", 1_000_000, 100_000))).StatusCode);   // 2.50 + 1.00
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/accounts/acc-42/calls", Call("req-2", "gpt-x-mini", 1_000_000, 0))).StatusCode);   // 0.15
        var replay = await (await PostAsync("/accounts/acc-42/calls", Call("req-1", "gpt-x", 1_000_000, 100_000))).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("already_recorded", (string)replay!["outcome"]!);
        Assert.Equal(96.35m, Amount((await GetJsonAsync("/accounts/acc-42"))["balance"]));   // each call debited at its exact cost

        var completed = await GetJsonAsync("/accounts/acc-42/billing-records?status=completed&from=2026-03-01T00:00:00Z");
        var refunded = await GetJsonAsync("/accounts/acc-42/billing-records?status=refunded");
        var mini = await GetJsonAsync("/accounts/acc-42/consumption?model=gpt-x-mini&token=key-1");
        var byRequest = await GetJsonAsync("/accounts/acc-42/consumption?requestId=req-1");
        Assert.Equal(["ord-1"], Ids(completed, "orderId"));
        Assert.Empty(Ids(refunded, "orderId"));
        Assert.Equal(["req-2"], Ids(mini, "requestId"));
        Assert.Equal(3.50m, Amount(byRequest["items"]![0]!["cost"]));

        var header = await _client.PutAsJsonAsync("/accounts/acc-42/invoice-headers/hdr-1", new { details = new { type = "company", title = "Acme AI Ltd", taxId = "91310000MA1FL0000X" }, makeDefault = true });
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        var tooMuch = await PostAsync("/accounts/acc-42/invoice-applications", new { applicationId = "app-1", amount = Usd(100.01m), email = "finance@acme.example" });
        var applied = await PostAsync("/accounts/acc-42/invoice-applications", new { applicationId = "app-2", amount = Usd(40m), email = "finance@acme.example" });
        var pending = await GetJsonAsync("/accounts/acc-42/invoice-applications?status=pending");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal("application/problem+json", tooMuch.Content.Headers.ContentType?.MediaType);
        var problem = await tooMuch.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("application.amount_over_invoiceable", (string)problem!["code"]!);
        Assert.EndsWith("errors.md#application.amount_over_invoiceable", (string)problem["type"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        Assert.Equal(["app-2"], Ids(pending, "applicationId"));
        Assert.Equal(HttpStatusCode.Conflict, (await _client.GetAsync("/accounts/acc-42/invoice-applications/app-2/document")).StatusCode);   // not issued yet
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/accounts/acc-42/invoice-applications/app-2/approve", new { by = "fin-1" })).StatusCode);
        var issued = await (await PostAsync("/accounts/acc-42/invoice-applications/app-2/issue", new { })).Content.ReadFromJsonAsync<JsonObject>();
        var pdf = await _client.GetAsync("/accounts/acc-42/invoice-applications/app-2/document");
        var downloadedAgain = await _client.GetByteArrayAsync("/accounts/acc-42/invoice-applications/app-2/document");
        Assert.Equal(("issued", "FP-2026-00001"), ((string)issued!["status"]!, (string)issued["number"]!));
        Assert.Equal(("application/pdf", "FP-2026-00001.pdf"), (pdf.Content.Headers.ContentType?.MediaType, pdf.Content.Headers.ContentDisposition?.FileName));
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.Equal(bytes, downloadedAgain);
        Assert.Equal((string)issued["documentSha256"]!, Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
        var mailed = Path.Combine(_mail, "finance@acme.example", "FP-2026-00001.pdf");   // seed 002: sent to the provided email
        await WaitForAsync(() => File.Exists(mailed));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(mailed));

        _clock.Advance(Duration.FromDays(25));   // April 4th
        var closed = await (await PostAsync("/billing-periods/2026-03/close", new { })).Content.ReadFromJsonAsync<JsonArray>();
        var closedAgain = await (await PostAsync("/billing-periods/2026-03/close", new { })).Content.ReadFromJsonAsync<JsonArray>();
        var resellers = await GetJsonAsync("/invoices?accountType=reseller");

        Assert.Equal(["made", "made"], closed!.Select(c => (string)c!["outcome"]!));
        Assert.Equal(["already_made", "already_made"], closedAgain!.Select(c => (string)c!["outcome"]!));
        Assert.Equal(3.65m, Amount(closed![0]!["total"]));
        Assert.Equal(["Acme AI"], resellers["items"]!.AsArray().Select(i => (string)i!["accountName"]!));
    }

    [Fact]
    public async Task AWebhookNotSignedByTheBank_IsRefused_AndCreditsNothing()
    {
        await OpenAsync("acc-42", "Acme AI", "customer");
        await TopUpAsync("acc-42", "ord-1", 100.00m);
        using var forged = new StringContent(TransferBody("tr-1", "ord-1", 100.00m), Encoding.UTF8, "application/json");
        forged.Headers.Add("X-Bank-Signature", "sha256=" + new string('0', 64));

        var refused = await _client.PostAsync("/webhooks/bank-transfers", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(0m, Amount((await GetJsonAsync("/accounts/acc-42"))["balance"]));
        Assert.Equal("pending", (string)(await GetJsonAsync("/accounts/acc-42/billing-records/ord-1"))["status"]!);   // awaiting the transfer
    }

    [Fact]
    public async Task Refusals_AndBadInput_AreProblemDetails_WithTheirCodes()
    {
        await OpenAsync("acc-42", "Acme AI", "customer");

        var overBalance = await PostAsync("/accounts/acc-42/calls", Call("req-1", "gpt-x", 1_000_000, 0));
        var unpriced = await PostAsync("/accounts/acc-42/calls", Call("req-2", "no-such-model", 1, 0));
        var badStatus = await _client.GetAsync("/accounts/acc-42/billing-records?status=bogus");
        var unknown = await _client.GetAsync("/accounts/nobody");

        Assert.Equal((HttpStatusCode.PaymentRequired, "consumption.over_credit_limit"), await ProblemAsync(overBalance));
        Assert.Equal("rating.no_price", (await ProblemAsync(unpriced)).Code);
        Assert.Equal((HttpStatusCode.BadRequest, "argument.invalid"), await ProblemAsync(badStatus));
        Assert.Equal((HttpStatusCode.NotFound, "storage.not_found"), await ProblemAsync(unknown));
    }

    [Fact]
    public void WithoutAWebhookSecret_TheApiDoesNotStart_AndSaysWhy()
    {
        using var unsigned = Api("");

        var failure = Assert.ThrowsAny<Exception>(() => unsigned.CreateClient());

        Assert.Contains("Payments:WebhookSecret", failure.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Api(string secret) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Billing", $"Data Source={_file}");
            builder.UseSetting("Payments:WebhookSecret", secret);
            builder.UseSetting("Mail:Folder", _mail);
            builder.ConfigureTestServices(services => services.AddSingleton<IClock>(_clock));
        });

    private static object Usd(decimal amount) => new { amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), currency = "USD" };

    private static object Call(string requestId, string model, long input, long output) =>
        new { requestId, tokenName = "key-1", model, inputTokens = input, outputTokens = output, occurredAt = "2026-03-10T09:30:00Z" };

    private static string TransferBody(string transferId, string reference, decimal amount) =>
        JsonSerializer.Serialize(new { transferId, reference, amount = Usd(amount), receivedAt = "2026-03-10T10:00:00Z" });

    // The dispatcher delivers in the background, a round a second: waits for what it does, failing after 30 s.
    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var waited = TimeSpan.Zero; !done(); waited += TimeSpan.FromMilliseconds(100))
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), "the event dispatcher did not deliver within 30 s");
            await Task.Delay(100);
        }
    }

    private static decimal Amount(JsonNode? money) => decimal.Parse((string)money!["amount"]!, System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<string> Ids(JsonObject page, string field) => page["items"]!.AsArray().Select(i => (string)i![field]!);

    private static async Task<(HttpStatusCode Status, string Code)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (response.StatusCode, (string)problem!["code"]!);
    }

    private async Task OpenAsync(string accountId, string name, string type)
    {
        var opened = await _client.PutAsJsonAsync($"/accounts/{accountId}", new { name, type, timeZone = "Europe/Paris", currency = "USD" });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
    }

    private async Task TopUpAsync(string accountId, string orderId, decimal amount)
    {
        var created = await PostAsync($"/accounts/{accountId}/top-ups", new { orderId, amount = Usd(amount), paymentAmount = Usd(amount) });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
    }

    // Signs the notification as the bank does: HMAC-SHA256 of the body under the shared secret.
    private async Task<JsonObject> TransferAsync(string transferId, string reference, decimal amount)
    {
        var body = TransferBody(transferId, reference, amount);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        content.Headers.Add("X-Bank-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        var response = await _client.PostAsync("/webhooks/bank-transfers", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private Task<HttpResponseMessage> PostAsync(string path, object body) => _client.PostAsJsonAsync(path, body);

    private async Task<JsonObject> GetJsonAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
