using Billing.Domain;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Microsoft.AspNetCore.Mvc;

namespace BillingConsole.Pages.Accounts;

/// <summary>
/// Seed 002's Invoice page: the summary card (invoiceable, invoiced), the application form (header, amount, email,
/// remarks) with its refusals shown on the form, the list of applications with status and date filters, and Download
/// for the issued ones, which returns the document stored at issue.
/// </summary>
public sealed class InvoiceModel : DatedPageModel
{
    private readonly InvoiceApplicationService _applications;
    private readonly InvoiceHeaderService _headers;

    /// <summary>Initializes the page.</summary>
    public InvoiceModel(IPrepaidStore store, InvoiceApplicationService applications, InvoiceHeaderService headers)
        : base(store)
    {
        _applications = applications;
        _headers = headers;
    }

    /// <summary>Gets or sets the application form.</summary>
    [BindProperty]
    public ApplicationForm Form { get; set; } = new();

    /// <summary>Gets or sets the status listed (snake_case), or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Gets or sets the application just submitted, to confirm it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Applied { get; set; }

    /// <summary>Gets the summary card's amounts.</summary>
    public InvoicingTotals Totals { get; private set; }

    /// <summary>Gets the account's invoice headers, the default first.</summary>
    public IReadOnlyList<InvoiceHeader> Headers { get; private set; } = [];

    /// <summary>Gets the applications listed, newest first.</summary>
    public Page<InvoiceApplicationRow> Applications { get; private set; } = null!;

    /// <summary>Shows the page with an empty form.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        await LoadAsync(cancellationToken);
        Form = new ApplicationForm { ApplicationId = NewApplicationId(), HeaderId = Headers.FirstOrDefault(h => h.IsDefault)?.HeaderId };
        return Page();
    }

    /// <summary>Submits the form: a Pending application, or the page again with the refusal on the field it concerns.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            await ApplyAsync(cancellationToken);
            if (ModelState.IsValid)
            {
                return RedirectToPage(new { accountId = AccountId, applied = Form.ApplicationId });
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Downloads an issued application's document, the bytes stored when it was issued.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string applicationId, CancellationToken cancellationToken)
    {
        try
        {
            var document = await _applications.DownloadAsync(AccountId, applicationId, cancellationToken);
            return File(document.Content.ToArray(), document.ContentType, document.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ApplicationNotIssuedException notIssued)
        {
            return new ConflictObjectResult(notIssued.Message);
        }
    }

    private async Task ApplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var amount = new Money(Form.Amount!.Value, Account.Currency);
            var result = await _applications.ApplyAsync(Form.ApplicationId, AccountId, amount, Form.Email!, Form.Remarks, Form.HeaderId, cancellationToken);
            if (result.Refusal is { } refusal)
            {
                ModelState.AddModelError(FieldOf(refusal.Rule), $"{refusal.Message} ({refusal.Code})");
            }
        }
        catch (ArgumentException invalid)
        {
            ModelState.AddModelError(string.Empty, invalid.Message);
        }
        catch (IdempotencyKeyReusedException reused)
        {
            ModelState.AddModelError(string.Empty, $"{reused.Message} ({reused.Code})");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Totals = await _applications.SummaryAsync(AccountId, cancellationToken);
        Headers = [.. (await _headers.ListAsync(AccountId, cancellationToken)).OrderByDescending(h => h.IsDefault)];
        var range = RangeAsked();
        Applications = await _applications.ListAsync(
            new InvoiceApplicationQuery(AccountId)
            {
                Status = Filters.Enum<InvoiceApplicationStatus>(Status, nameof(Status), ModelState),
                Applied = range,
                Page = new PageRequest(1, 100),
            },
            cancellationToken);
    }

    private static string FieldOf(ApplicationRule rule) => rule switch
    {
        ApplicationRule.NoInvoiceHeader or ApplicationRule.UnknownInvoiceHeader => $"{nameof(Form)}.{nameof(ApplicationForm.HeaderId)}",
        ApplicationRule.InvalidEmail => $"{nameof(Form)}.{nameof(ApplicationForm.Email)}",
        ApplicationRule.RemarksTooLong => $"{nameof(Form)}.{nameof(ApplicationForm.Remarks)}",
        ApplicationRule.NotResubmittable => string.Empty,
        _ => $"{nameof(Form)}.{nameof(ApplicationForm.Amount)}",
    };

    // Made with the form, so that submitting it twice (a double click, a refresh) is the same application, not two.
    private static string NewApplicationId() => $"app-{Guid.NewGuid():N}"[..16];

    /// <summary>The application form's fields.</summary>
    public sealed class ApplicationForm
    {
        /// <summary>Gets or sets the application's id, made when the form is shown.</summary>
        [System.ComponentModel.DataAnnotations.Required]
        public string ApplicationId { get; set; } = "";

        /// <summary>Gets or sets the invoice header; the default when none.</summary>
        public string? HeaderId { get; set; }

        /// <summary>Gets or sets the amount, in the account's currency.</summary>
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Enter the invoice amount.")]
        public decimal? Amount { get; set; }

        /// <summary>Gets or sets the receiving email.</summary>
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Enter the receiving email.")]
        public string? Email { get; set; }

        /// <summary>Gets or sets the remarks for the finance team.</summary>
        public string? Remarks { get; set; }
    }
}
