using System.Net;

namespace BillingConsole.Tests.Pages;

/// <summary>Seed 000 on the sample month: the accounts, billing records and consumption, usage logs and the reconciliation.</summary>
public sealed class BillingPagesTests : ConsolePageTests
{
    [Fact]
    public async Task Accounts_ListsEveryAccountWithItsBalanceAndInvoiceableAmount()
    {
        var page = await Console.GetAsync("/");

        Assert.Equal(
            [
                "acc-42 | Acme AI | Reseller | 22.56 USD | 40.00 USD | Invoice", "acc-77 | Li's studio | Customer | 19.51 USD | 30.00 USD | Invoice",
                "acc-88 | Nova Labs | Customer | 18.00 USD | 20.00 USD | Invoice",   // its trial credit spent and expired, never invoiceable
            ],
            ConsoleSession.Rows(page, "#accounts"));
    }

    [Fact]
    public async Task Billing_ShowsEachOrdersStatusAndPaymentAmount_AndTheConsumptionOfTheRange()
    {
        var page = await Console.GetAsync("/accounts/acc-42/billing");

        Assert.Equal(
            [
                "ord-1003 | 2026-03-01 08:35 | Completed | 10.00 USD | 20.60 USD | 10.30 USD | customer confirmed the half payment",
                "ord-1002 | 2026-03-01 08:28 | Failed | 50.00 USD | 51.50 USD |  | card declined",
                "ord-1001 | 2026-03-01 08:14 | Completed | 100.00 USD | 103.00 USD | 103.00 USD |",
            ],
            ConsoleSession.Rows(page, "#orders"));
        Assert.Equal(["2026-03-03 09:16 | req-2 | gpt-x | prod-key | 5,400,000 | 1,100,000 | 24.50 USD", "2026-03-03 09:15 | req-1 | gpt-x | prod-key | 1,200,000 | 350,000 | 6.50 USD"],
            ConsoleSession.Rows(page, "#consumption"));
        Assert.Equal(["gpt-x | prod-key | 2 | 31.00 USD"], ConsoleSession.Rows(page, "#consumption-totals"));
        Assert.Equal("22.56 USD", page.QuerySelector("#balance")!.TextContent);
    }

    [Theory]
    [InlineData("?status=completed", new[] { "ord-1003", "ord-1001" })]
    [InlineData("?status=failed", new[] { "ord-1002" })]
    [InlineData("?minAmount=30", new[] { "ord-1002", "ord-1001" })]
    [InlineData("?minAmount=20&maxAmount=60", new[] { "ord-1003", "ord-1002" })]   // an order's amount is the credit ordered
    [InlineData("?status=completed&maxAmount=50", new[] { "ord-1003" })]
    [InlineData("?from=2026-03-02", new string[0])]
    [InlineData("?from=2026-03-01&to=2026-03-01", new[] { "ord-1003", "ord-1002", "ord-1001" })]
    public async Task Billing_NarrowsTheRecordsByDateStatusAndAmount(string query, string[] orders)
    {
        var page = await Console.GetAsync("/accounts/acc-42/billing" + query);

        Assert.Equal(orders, ConsoleSession.Rows(page, "#orders").Select(r => r.Split(" | ")[0]));
        Assert.Empty(ConsoleSession.Errors(page));
    }

    [Theory]
    [InlineData("?from=2026-03-03&to=2026-03-03", new[] { "req-2", "req-1" })]
    [InlineData("?from=2026-03-04", new string[0])]   // req-3 was refused over the credit limit: no consumption record
    [InlineData("?to=2026-03-02", new string[0])]
    public async Task Billing_ReconcilesConsumptionByDateRange(string query, string[] calls)
    {
        var page = await Console.GetAsync("/accounts/acc-42/billing" + query);

        Assert.Equal(calls, ConsoleSession.Rows(page, "#consumption").Select(r => r.Split(" | ")[1]));
    }

    [Theory]
    [InlineData("?from=March", "March is not a day such as 2026-03-01.")]
    [InlineData("?status=paid", "paid is not one of: pending, processing, completed, failed, abnormal, refunding, partially_refunded, refunded, cancelled.")]
    [InlineData("?minAmount=60&maxAmount=10", "The largest amount is below the smallest.")]
    public async Task Billing_ABadFilter_IsShownOnThePage(string query, string error)
    {
        var page = await Console.GetAsync("/accounts/acc-42/billing" + query);

        Assert.Contains(error, ConsoleSession.Errors(page));
    }

    [Fact]
    public async Task TheErrorPage_SaysTheRequestFailed_WithoutItsDetails()
    {
        var page = await Console.GetAsync("/error");

        Assert.Equal("The request failed; the console's log has the details.", page.QuerySelector("main p")!.TextContent);
    }

    [Theory]
    [InlineData("/accounts/acc-404/billing")]
    [InlineData("/accounts/acc-404/usage-logs")]
    [InlineData("/accounts/acc-404/reconciliation")]
    [InlineData("/accounts/acc-404/invoice")]
    [InlineData("/accounts/acc-404/invoice/review")]
    public async Task AnAccountPage_OfNoAccount_IsNotFound(string url)
    {
        using var response = await Console.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("acc-42", "", new[] { "req-5", "req-3", "req-2", "req-2", "req-1" })]
    [InlineData("acc-42", "?model=gpt-x&token=batch-key", new[] { "req-3" })]
    [InlineData("acc-42", "?token=key", new string[0])]
    [InlineData("acc-42", "?requestId=req-1", new[] { "req-1" })]
    [InlineData("acc-42", "?requestId=req-4", new string[0])]   // another account's call
    [InlineData("acc-42", "?from=2026-03-04&to=2026-03-31", new[] { "req-5", "req-3" })]
    [InlineData("acc-42", "?model=gpt-y", new string[0])]
    [InlineData("acc-77", "", new[] { "req-4" })]
    public async Task UsageLogs_AreSearchedByDateModelTokenAndRequestId_OfTheAccountAlone(string account, string query, string[] calls)
    {
        var page = await Console.GetAsync($"/accounts/{account}/usage-logs" + query);

        Assert.Equal(calls, ConsoleSession.Rows(page, "#usage-logs").Select(r => r.Split(" | ")[1]));
    }

    [Fact]
    public async Task UsageLogs_ShowEachCallsTokensAndRatedCost_AndARepeatedRequestTwice()
    {
        var page = await Console.GetAsync("/accounts/acc-42/usage-logs?requestId=req-2");

        Assert.Equal(
            ["2026-03-03 09:16 | req-2 | gpt-x | prod-key | 5,400,000 | 0 | 1,100,000 | 24.50 USD", "2026-03-03 09:16 | req-2 | gpt-x | prod-key | 5,400,000 | 0 | 1,100,000 | 24.50 USD"],
            ConsoleSession.Rows(page, "#usage-logs"));
    }

    [Fact]
    public async Task Reconciliation_OfMarch_ShowsEachDayAndEveryDiscrepancy()
    {
        var page = await Console.GetAsync("/accounts/acc-42/reconciliation?from=2026-03-01&to=2026-03-31");

        Assert.Equal("4 discrepancies.", page.QuerySelector("#verdict")!.TextContent);
        Assert.Contains("2026-03-03 | 0 | 0.00 USD |  | 0.00 USD | 0.00 USD | 0.00 USD | 2 | 31.00 USD | 3 | 55.50 USD", ConsoleSession.Rows(page, "#days"));
        Assert.Equal(
            ["Missing req-3", "Missing req-5", "Duplicate req-2", "AmountMismatch ord-1003"],
            ConsoleSession.Rows(page, "#discrepancies").Select(r => string.Join(" ", r.Split(" | ")[..2])));
    }

    [Fact]
    public async Task Reconciliation_OfARangeWithoutDiscrepancies_SaysItIsBalanced()
    {
        var page = await Console.GetAsync("/accounts/acc-42/reconciliation?from=2026-03-05&to=2026-03-19");

        Assert.Equal("Balanced: every side agrees.", page.QuerySelector("#verdict")!.TextContent);
    }

    [Theory]
    [InlineData("?from=2026-03-01", "A reconciliation needs both days of its range.")]
    [InlineData("?from=2026-03-31&to=2026-03-01", "The last day is before the first.")]
    [InlineData("?from=x&to=2026-03-01", "x is not a day such as 2026-03-01.")]
    public async Task Reconciliation_OfABadRange_ShowsWhyAndNoReport(string query, string error)
    {
        var page = await Console.GetAsync("/accounts/acc-42/reconciliation" + query);

        Assert.Contains(error, ConsoleSession.Errors(page));
        Assert.Null(page.QuerySelector("#days"));
    }
}
