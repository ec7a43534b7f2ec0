using System.Net;

namespace BillingConsole.Tests.Pages;

/// <summary>Seed 001 on the sample month: the invoice list with its account type filter, and an invoice's details page.</summary>
public sealed class InvoicesPagesTests : ConsolePageTests
{
    [Theory]
    [InlineData("", new[] { "INV-202604-000003", "INV-202604-000002", "INV-202604-000001" })]
    [InlineData("?accountType=reseller", new[] { "INV-202604-000001" })]
    [InlineData("?accountType=customer", new[] { "INV-202604-000003", "INV-202604-000002" })]
    public async Task List_IsFilteredByAccountType_WhichHasNoColumn(string query, string[] numbers)
    {
        var page = await Console.GetAsync("/invoices" + query);

        Assert.Equal(numbers, ConsoleSession.Rows(page, "#invoices").Select(r => r.Split(" | ")[0]));
        Assert.Equal(
            ["Number", "Account", "Payment model", "Status", "From", "To", "Total"],
            page.QuerySelectorAll("#invoices th").Select(h => h.TextContent));
    }

    [Fact]
    public async Task List_ShowsEachInvoicesAccountModelStatusPeriodAndTotal()
    {
        var page = await Console.GetAsync("/invoices");

        Assert.Contains("INV-202604-000001 | Acme AI | Prepay | Closed | 2026-03-01 | 2026-04-01 | 87.44 USD", ConsoleSession.Rows(page, "#invoices"));
    }

    [Fact]
    public async Task List_OfAnUnknownAccountType_SaysSo()
    {
        var page = await Console.GetAsync("/invoices?accountType=partner");

        Assert.Contains("partner is not one of: customer, reseller.", ConsoleSession.Errors(page));
    }

    [Fact]
    public async Task Details_ShowTheInvoiceDetailsGroupAndItsThreeTables()
    {
        var list = await Console.GetAsync("/invoices?accountType=reseller");
        var details = await Console.GetAsync(list.QuerySelector("#invoices a")!.GetAttribute("href")!);

        Assert.Equal(
            ["Invoice number", "INV-202604-000001", "Account", "Acme AI", "Total", "87.44 USD", "Payment model", "Prepay", "Status", "Closed", "From", "2026-03-01", "To", "2026-04-01"],
            details.QuerySelectorAll("#invoice-details dt, #invoice-details dd").Select(e => e.TextContent));
        var charges = ConsoleSession.Rows(details, "#charges");
        Assert.Equal("1 | Support Fee | 1 | 1 | 15.00 USD | 0.00 USD | 3.15 USD | 18.15 USD", charges[0]);
        Assert.Equal("3 | Credit: Support Fee, 2026-03-16 to 2026-04-01 | 1 | 0.548 | 15.00 USD | 0.00 USD | -1.73 USD | -9.96 USD", charges[2]);
        Assert.Contains(charges, c => c.StartsWith("5 | Usage gpt-x (prod-key)", StringComparison.Ordinal) && c.EndsWith("| - | - | 0.00 USD | 0.00 USD | 31.00 USD", StringComparison.Ordinal));
        Assert.Equal(["sub-7 | Support plan | Active", "sub-10 | Onboarding | Delivered"], ConsoleSession.Rows(details, "#subscriptions"));
        Assert.Equal(["1 | Duplicate charge reversal | ▲ 2.50 USD | 2026-03-01 10:13 UTC"], ConsoleSession.Rows(details, "#corrections"));
        Assert.Contains("Total 87.44 USD", details.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_OfNoInvoice_IsNotFound()
    {
        using var response = await Console.Client.GetAsync("/invoices/inv-404");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
