using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Billing.Domain.AspNetCore;
using Billing.Domain.InvoiceApplications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Domain.Hosting.Tests.AspNetCore;

public sealed class BillingProblemDetailsTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    [Fact]
    public async Task ABillingException_IsAnsweredAsProblemDetails_WithItsStatusTypeTitleAndCode()
    {
        await using var app = await App(endpoints => endpoints.MapGet("/", () => new Money(1m, Usd) + new Money(1m, Currency.FromCode("EUR"))));

        var (status, contentType, problem) = await Get(app, "/");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "application/problem+json"), (status, contentType));
        Assert.Equal("money.currency_mismatch", problem.GetProperty("code").GetString());
        Assert.Equal(BillingProblems.TypeBase + "money.currency_mismatch", problem.GetProperty("type").GetString());
        Assert.Equal("Amounts in different currencies cannot be combined", problem.GetProperty("title").GetString());
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        Assert.Contains("EUR", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnArgumentError_IsABadRequest()
    {
        await using var app = await App(endpoints => endpoints.MapGet("/", () => new Money(1m, Usd).Split(0)));

        var (status, _, problem) = await Get(app, "/");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(BillingProblems.InvalidArgumentCode, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnyOtherException_IsLeftToTheHostsHandlers()
    {
        await using var app = await App(endpoints => endpoints.MapGet("/", string () => throw new InvalidOperationException("a bug")));

        var (status, _, problem) = await Get(app, "/");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.False(problem.TryGetProperty("code", out _));
    }

    [Fact]
    public async Task ARefusalReturnedAsData_IsAnsweredByToHttpResult()
    {
        var refused = new ApplyResult(null, new ApplicationRefusal(ApplicationRule.AmountOverInvoiceable, "At most 40.00 USD can be invoiced."));
        await using var app = await App(endpoints => endpoints.MapGet("/", () => BillingProblems.FromResult(refused)!.ToHttpResult()));

        var (status, contentType, problem) = await Get(app, "/");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "application/problem+json"), (status, contentType));
        Assert.Equal("application.amount_over_invoiceable", problem.GetProperty("code").GetString());
        Assert.Equal("At most 40.00 USD can be invoiced.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void NullArguments_AreRefused()
    {
        Assert.Throws<ArgumentNullException>(() => BillingProblemDetails.AddBillingProblemDetails(null!));
        Assert.Throws<ArgumentNullException>(() => BillingProblemDetails.ToProblemDetails(null!));
        Assert.Throws<ArgumentNullException>(() => BillingProblemDetails.ToHttpResult(null!));
    }

    private static async Task<WebApplication> App(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddBillingProblemDetails();
        var app = builder.Build();
        app.UseExceptionHandler();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Problem)> Get(WebApplication app, string path)
    {
        using var response = await app.GetTestClient().GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
