using Billing.Domain;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Microsoft.AspNetCore.Mvc;

namespace BillingConsole.Pages.Accounts;

/// <summary>
/// The finance team's side of seed 002: the account's open applications, each approved or rejected with a reason, and
/// an approved one issued (numbered, its PDF rendered once and stored). A rule the action breaks is shown on the page.
/// </summary>
public sealed class ReviewModel : AccountPageModel
{
    private readonly InvoiceApplicationService _applications;

    /// <summary>Initializes the page.</summary>
    public ReviewModel(IPrepaidStore store, InvoiceApplicationService applications)
        : base(store)
    {
        _applications = applications;
    }

    /// <summary>Gets or sets who reviews (recorded on approval and rejection).</summary>
    [BindProperty]
    public string Reviewer { get; set; } = "finance";

    /// <summary>Gets or sets the reason of a rejection.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Gets or sets what the last action did, to confirm it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>Gets the Pending and Approved applications, newest first.</summary>
    public IReadOnlyList<InvoiceApplication> Open { get; private set; } = [];

    /// <summary>Lists the open applications.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    /// <summary>Approves a Pending application.</summary>
    public Task<IActionResult> OnPostApproveAsync(string applicationId, CancellationToken cancellationToken) =>
        ActAsync(applicationId, "approved", () => _applications.ApproveAsync(AccountId, applicationId, Reviewer, cancellationToken), cancellationToken);

    /// <summary>Rejects a Pending application with its reason.</summary>
    public Task<IActionResult> OnPostRejectAsync(string applicationId, CancellationToken cancellationToken) =>
        ActAsync(applicationId, "rejected", () => _applications.RejectAsync(AccountId, applicationId, Reviewer, Reason ?? "", cancellationToken), cancellationToken);

    /// <summary>Issues an Approved application.</summary>
    public Task<IActionResult> OnPostIssueAsync(string applicationId, CancellationToken cancellationToken) =>
        ActAsync(applicationId, "issued", () => _applications.IssueAsync(AccountId, applicationId, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(string applicationId, string what, Func<Task<InvoiceApplication>> act, CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var application = await act();
            return RedirectToPage(new { accountId = AccountId, done = $"{applicationId} {what}{(application.Number is { } number ? $" as {number}" : "")}" });
        }
        catch (ArgumentException invalid)
        {
            ModelState.AddModelError(string.Empty, invalid.Message);
        }
        catch (BillingException refused)
        {
            ModelState.AddModelError(string.Empty, $"{refused.Message} ({refused.Code})");
        }

        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        var all = await Store.QueryApplicationsAsync(new InvoiceApplicationQuery(AccountId) { Page = new PageRequest(1, PageRequest.MaxSize) }, cancellationToken);
        Open = [.. all.Items.Where(a => a.Status is InvoiceApplicationStatus.Pending or InvoiceApplicationStatus.Approved)];
        return Page();
    }
}
