using System.Net;
using UglyToad.PdfPig;

namespace BillingConsole.Tests.Pages;

/// <summary>
/// Seed 002 on the sample month: the summary card, the application form and its refusals, the list with its filters,
/// the finance team's review, and Download of an issued invoice's PDF.
/// </summary>
public sealed class InvoicePageTests : ConsolePageTests
{
    private const string Page = "/accounts/acc-42/invoice";
    private const string Review = "/accounts/acc-42/invoice/review";
    [Fact]
    public async Task SummaryCard_ShowsTheInvoiceableAndInvoicedAmounts()
    {
        var page = await Console.GetAsync(Page);

        Assert.Equal("40.00 USD", page.QuerySelector("#invoiceable")!.TextContent);   // 110.00 recharged - 30.00 held by app-3 - 40.00 issued
        Assert.Equal("40.00 USD", page.QuerySelector("#invoiced")!.TextContent);
    }

    [Fact]
    public async Task List_ShowsEachApplicationsNumberHeaderAmountStatusAndDates_WithDownloadForTheIssuedOne()
    {
        var page = await Console.GetAsync(Page);

        var rows = ConsoleSession.Rows(page, "#applications");
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("- | Acme AI Ltd | 30.00 USD | Pending | 2026-04-01 ", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("- | Acme AI Ltd | 30.00 USD | Rejected | 2026-04-01 ", rows[1], StringComparison.Ordinal);
        Assert.Matches(@"^FP-2026-00001 \| Acme AI Ltd \| 40\.00 USD \| Issued \| 2026-04-01 \d\d:\d\d \| 2026-04-01 \d\d:\d\d \| Download$", rows[2]);
        Assert.Single(page.QuerySelectorAll("#applications a.download"));
    }

    [Theory]
    [InlineData("?status=pending", new[] { "app-3" })]
    [InlineData("?status=issued", new[] { "app-1" })]
    [InlineData("?status=approved", new string[0])]
    [InlineData("?from=2026-04-01&to=2026-04-01", new[] { "app-3", "app-2", "app-1" })]
    [InlineData("?from=2026-04-02", new string[0])]
    [InlineData("?to=2026-03-31", new string[0])]
    public async Task List_IsFilteredByStatusAndApplicationDate(string query, string[] applications)
    {
        var page = await Console.GetAsync(Page + query);

        Assert.Equal(applications, page.QuerySelectorAll("#applications tbody tr").Select(r => r.GetAttribute("data-application")));
    }

    [Fact]
    public async Task Download_OfTheIssuedApplication_ReturnsThePdfStoredAtIssue()
    {
        var page = await Console.GetAsync(Page);

        using var response = await Console.Client.GetAsync(page.QuerySelector("#applications a.download")!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("FP-2026-00001.pdf", response.Content.Headers.ContentDisposition!.FileName);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("FP-2026-00001", text, StringComparison.Ordinal);
        Assert.Contains("40.00", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app-3", HttpStatusCode.Conflict)]   // Pending: nothing issued to download
    [InlineData("app-404", HttpStatusCode.NotFound)]
    public async Task Download_OfAnApplicationNotIssued_IsRefused(string applicationId, HttpStatusCode status)
    {
        using var response = await Console.Client.GetAsync($"{Page}?handler=Download&applicationId={applicationId}");

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task Apply_WithinTheInvoiceableAmount_IsPending_AndHoldsTheAmount()
    {
        var page = await Console.GetAsync(Page);
        var id = page.QuerySelector("#apply input[name='Form.ApplicationId']")!.GetAttribute("value")!;

        var answered = await Console.SubmitAsync(page, "#apply", Fields("25.00", "finance@acme.example", "April"), Page);

        Assert.Equal($"Application {id} submitted: it is Pending review by the finance team.", answered.QuerySelector("#applied")!.TextContent);
        Assert.StartsWith("- | Acme AI Ltd | 25.00 USD | Pending | 2026-04-10 10:00 | -", ConsoleSession.Rows(answered, "#applications")[0], StringComparison.Ordinal);
        Assert.Equal("15.00 USD", answered.QuerySelector("#invoiceable")!.TextContent);
    }

    [Fact]
    public async Task Apply_SubmittedTwice_IsOneApplication()
    {
        var page = await Console.GetAsync(Page);

        await Console.SubmitAsync(page, "#apply", Fields("25.00", "finance@acme.example"), Page);
        var again = await Console.SubmitAsync(page, "#apply", Fields("25.00", "finance@acme.example"), Page);   // the same form: a double click, a refresh

        Assert.Equal(4, ConsoleSession.Rows(again, "#applications").Count);
        Assert.Equal("15.00 USD", again.QuerySelector("#invoiceable")!.TextContent);
    }

    [Theory]
    [InlineData("40.01", "finance@acme.example", "application.amount_over_invoiceable")]
    [InlineData("0", "finance@acme.example", "application.amount_not_positive")]
    [InlineData("-5", "finance@acme.example", "application.amount_not_positive")]
    [InlineData("10.005", "finance@acme.example", "application.amount_not_in_minor_units")]
    [InlineData("10.00", "finance at acme", "application.invalid_email")]
    public async Task Apply_BreakingARule_ShowsTheRefusalOnTheForm_AndWritesNothing(string amount, string email, string code)
    {
        var page = await Console.GetAsync(Page);

        var answered = await Console.SubmitAsync(page, "#apply", Fields(amount, email), Page);

        Assert.Contains(ConsoleSession.Errors(answered), e => e.EndsWith($"({code})", StringComparison.Ordinal));
        Assert.Equal(3, ConsoleSession.Rows(answered, "#applications").Count);
        Assert.Equal("40.00 USD", answered.QuerySelector("#invoiceable")!.TextContent);
        Assert.Equal(email, answered.QuerySelector("#apply input[name='Form.Email']")!.GetAttribute("value"));   // the form keeps what was typed
    }

    [Fact]
    public async Task Apply_WithRemarksTooLong_IsRefusedOnTheRemarksField()
    {
        var page = await Console.GetAsync(Page);

        var answered = await Console.SubmitAsync(page, "#apply", Fields("10.00", "finance@acme.example", new string('r', 2_000)), Page);

        Assert.Contains(ConsoleSession.Errors(answered), e => e.EndsWith("(application.remarks_too_long)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_WithoutAmountOrEmail_AsksForThem()
    {
        var page = await Console.GetAsync(Page);

        var answered = await Console.SubmitAsync(page, "#apply", Fields("", ""), Page);

        Assert.Contains("Enter the invoice amount.", ConsoleSession.Errors(answered));
        Assert.Contains("Enter the receiving email.", ConsoleSession.Errors(answered));
    }

    [Fact]
    public async Task Apply_ForAnAccountWithoutAHeader_PromptsForOne_AndIsRefused()
    {
        var page = await Console.GetAsync("/accounts/acc-77/invoice");

        var answered = await Console.SubmitAsync(page, "#apply", Fields("10.00", "li@studio.example"), "/accounts/acc-77/invoice");

        Assert.NotNull(page.QuerySelector("#no-header"));
        Assert.Contains(ConsoleSession.Errors(answered), e => e.EndsWith("(application.no_invoice_header)", StringComparison.Ordinal));
        Assert.Empty(ConsoleSession.Rows(answered, "#applications"));
    }

    [Fact]
    public async Task Review_ApproveThenIssue_NumbersTheInvoice_AndTheCustomerDownloadsIt()
    {
        var review = await Console.GetAsync(Review);
        Assert.Equal(["app-3"], review.QuerySelectorAll("#open-applications tbody tr").Select(r => r.GetAttribute("data-application")));

        var approved = await Console.SubmitAsync(review, "#open-applications tr[data-application='app-3'] form:has(button.approve)");
        Assert.Equal("app-3 approved.", approved.QuerySelector("#done")!.TextContent);
        Assert.Equal("Approved", approved.QuerySelector("#open-applications tr[data-application='app-3'] .status")!.TextContent);

        var issued = await Console.SubmitAsync(approved, "#open-applications tr[data-application='app-3'] form:has(button.issue)");
        Assert.Equal("app-3 issued as FP-2026-00002.", issued.QuerySelector("#done")!.TextContent);
        Assert.Empty(issued.QuerySelectorAll("#open-applications tbody tr"));

        var page = await Console.GetAsync(Page + "?status=issued");
        Assert.Equal("70.00 USD", page.QuerySelector("#invoiced")!.TextContent);
        var download = page.QuerySelector("#applications tr[data-application='app-3'] a.download")!.GetAttribute("href");
        var pdf = Text(await Console.Client.GetByteArrayAsync(download));
        Assert.Contains("FP-2026-00002", pdf, StringComparison.Ordinal);
        Assert.Contains("30.00", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_Reject_WithAReason_ClosesTheApplication_AndFreesItsAmount()
    {
        var review = await Console.GetAsync(Review);

        var rejected = await Console.SubmitAsync(review, "#open-applications tr[data-application='app-3'] form:has(button.reject)", new Dictionary<string, string> { ["reason"] = "wrong header" });

        Assert.Equal("app-3 rejected.", rejected.QuerySelector("#done")!.TextContent);
        Assert.Equal("70.00 USD", (await Console.GetAsync(Page)).QuerySelector("#invoiceable")!.TextContent);
    }

    [Fact]
    public async Task Review_Reject_WithoutAReason_IsShownAndChangesNothing()
    {
        var review = await Console.GetAsync(Review);

        var answered = await Console.SubmitAsync(review, "#open-applications tr[data-application='app-3'] form:has(button.reject)", new Dictionary<string, string> { ["reason"] = "" });

        Assert.NotEmpty(ConsoleSession.Errors(answered));
        Assert.Equal("Pending", answered.QuerySelector("#open-applications tr[data-application='app-3'] .status")!.TextContent);
    }

    [Fact]
    public async Task Review_IssuingAPendingApplication_IsRefusedWithItsCode()
    {
        var review = await Console.GetAsync(Review);
        var approve = review.QuerySelector("#open-applications tr[data-application='app-3'] form:has(button.approve)")!.GetAttribute("action")!;

        var answered = await Console.SubmitAsync(review, "#open-applications tr[data-application='app-3'] form:has(button.approve)", action: approve.Replace("handler=Approve", "handler=Issue", StringComparison.Ordinal));

        Assert.Contains("application: Issue is not permitted in Pending. (application.transition_refused)", ConsoleSession.Errors(answered));
        Assert.Equal("Pending", answered.QuerySelector("#open-applications tr[data-application='app-3'] .status")!.TextContent);
    }

    private static Dictionary<string, string> Fields(string amount, string email, string remarks = "") =>
        new() { ["Form.Amount"] = amount, ["Form.Email"] = email, ["Form.Remarks"] = remarks };

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }
}
