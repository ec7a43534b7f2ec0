using Billing.Domain.Invoices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BillingConsole.Pages.Invoices;

/// <summary>Seed 001's invoice details page: the Invoice details group, and the Charges, Subscriptions and Corrections tables.</summary>
public sealed class DetailsModel : PageModel
{
    private readonly IInvoiceStore _store;

    /// <summary>Initializes the page.</summary>
    public DetailsModel(IInvoiceStore store)
    {
        _store = store;
    }

    /// <summary>Gets the invoice.</summary>
    public Invoice Invoice { get; private set; } = null!;

    /// <summary>Shows the invoice, or 404.</summary>
    public async Task<IActionResult> OnGetAsync(string invoiceId, CancellationToken cancellationToken)
    {
        if (await _store.FindInvoiceAsync(invoiceId, cancellationToken) is not { } invoice)
        {
            return NotFound();
        }

        Invoice = invoice;
        return Page();
    }
}
