using Billing.Domain;
using Billing.Domain.AspNetCore;
using Billing.Domain.Hosting;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using NodaTime;
using NodaTime.Text;

namespace PrepaidApi;

/// <summary>The month-end close, the invoice list (seed 001), and invoice headers and applications against the invoiceable amount (seed 002).</summary>
internal static class Invoicing
{
    public static void MapInvoicing(this IEndpointRouteBuilder app)
    {
        // Closes a month for every account the store holds, each in its own time zone; run it again and each answers already_made.
        app.MapPost("/billing-periods/{month}/close", async (string month, PrepayInvoicing invoicing, CancellationToken cancellationToken) =>
        {
            var parsed = YearMonthPattern.Iso.Parse(month);
            var period = parsed.Success ? BillingPeriod.OfMonth(parsed.Value) : throw new ArgumentException($"{month} is not a month such as 2026-03.", nameof(month));
            var results = await invoicing.CloseAllAsync(period, cancellationToken: cancellationToken);
            return results.Select(r => new Closed(
                r.AccountId, r.Outcome, r.Invoice?.Number, r.Invoice?.Total, r.Error is null ? null : BillingProblems.FromException(r.Error)?.Code ?? "unexpected"));
        });

        app.MapGet("/invoices", (
            string? accountType, string? status, string? paymentModel, string? number, string? from, string? to, int? page, int? size, IInvoiceStore store,
            CancellationToken cancellationToken) =>
            store.QueryInvoicesAsync(
                new InvoiceQuery(AccountScope.AllAccounts)
                {
                    AccountType = QueryParameters.Enum<AccountType>(accountType, nameof(accountType)),
                    Status = QueryParameters.Enum<InvoiceStatus>(status, nameof(status)),
                    PaymentModel = QueryParameters.Enum<Billing.Domain.Subscriptions.PaymentModel>(paymentModel, nameof(paymentModel)),
                    Number = string.IsNullOrEmpty(number) ? null : number,
                    Issued = QueryParameters.Range(from, to),
                    Page = QueryParameters.Page(page, size),
                },
                cancellationToken));

        var headers = app.MapGroup("/accounts/{accountId}/invoice-headers");
        headers.MapPut("/{headerId}", (string accountId, string headerId, AddHeader request, InvoiceHeaderService service, CancellationToken cancellationToken) =>
            service.AddAsync(headerId, accountId, request.Details, request.MakeDefault, cancellationToken));
        headers.MapGet("/", (string accountId, InvoiceHeaderService service, CancellationToken cancellationToken) => service.ListAsync(accountId, cancellationToken));

        var applications = app.MapGroup("/accounts/{accountId}/invoice-applications");
        applications.MapPost("/", async (string accountId, Apply request, InvoiceApplicationService service, CancellationToken cancellationToken) =>
        {
            var applied = await service.ApplyAsync(request.ApplicationId, accountId, request.Amount, request.Email, request.Remarks, request.HeaderId, cancellationToken);
            return BillingProblems.FromResult(applied) is { } refused
                ? (IResult)refused.ToHttpResult()
                : Results.Created($"/accounts/{accountId}/invoice-applications/{request.ApplicationId}", applied.Application);
        });
        // The finance team's side: approve, then issue (the PDF is rendered once and stored), or reject with a reason.
        applications.MapPost("/{applicationId}/approve", (string accountId, string applicationId, Decision decision, InvoiceApplicationService service, CancellationToken cancellationToken) =>
            service.ApproveAsync(accountId, applicationId, decision.By, cancellationToken));
        applications.MapPost("/{applicationId}/reject", (string accountId, string applicationId, Decision decision, InvoiceApplicationService service, CancellationToken cancellationToken) =>
            service.RejectAsync(accountId, applicationId, decision.By, decision.Reason ?? throw new ArgumentException("A rejection gives its reason.", nameof(decision)), cancellationToken));
        applications.MapPost("/{applicationId}/issue", (string accountId, string applicationId, InvoiceApplicationService service, CancellationToken cancellationToken) =>
            service.IssueAsync(accountId, applicationId, cancellationToken));
        applications.MapGet("/{applicationId}/document", async (string accountId, string applicationId, InvoiceApplicationService service, CancellationToken cancellationToken) =>
        {
            var document = await service.DownloadAsync(accountId, applicationId, cancellationToken);
            return Results.File(document.Content.ToArray(), document.ContentType, document.FileName);
        });
        applications.MapGet("/", (string accountId, string? status, string? from, string? to, int? page, int? size, IPrepaidStore store, CancellationToken cancellationToken) =>
            store.QueryApplicationsAsync(
                new InvoiceApplicationQuery(accountId)
                {
                    Status = QueryParameters.Enum<InvoiceApplicationStatus>(status, nameof(status)),
                    Applied = QueryParameters.Range(from, to),
                    Page = QueryParameters.Page(page, size),
                },
                cancellationToken));
    }

    /// <summary>How an account's close went: made or already made with the invoice's number and total, or failed with the error's code.</summary>
    internal sealed record Closed(string AccountId, PrepayCloseOutcome Outcome, string? InvoiceNumber, Money? Total, string? ErrorCode);

    /// <summary>An invoice header: what the invoice shows, and whether it becomes the account's default.</summary>
    internal sealed record AddHeader(InvoiceHeaderDetails Details, bool MakeDefault = false);

    /// <summary>A finance decision: who decides, and why when rejecting.</summary>
    internal sealed record Decision(string By, string? Reason = null);

    /// <summary>An invoice application: its id, the amount (at most the invoiceable amount), where the invoice goes, remarks, the header (the default when null).</summary>
    internal sealed record Apply(string ApplicationId, Money Amount, string Email, string? Remarks = null, string? HeaderId = null);
}
