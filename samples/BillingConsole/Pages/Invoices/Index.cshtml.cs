using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BillingConsole.Pages.Invoices;

/// <summary>Seed 001's list of invoices, filtered by account type (a filter without a column, as the seed says).</summary>
public sealed class IndexModel : PageModel
{
    private readonly IInvoiceStore _store;

    /// <summary>Initializes the page.</summary>
    public IndexModel(IInvoiceStore store)
    {
        _store = store;
    }

    /// <summary>Gets or sets the account type shown (snake_case), or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? AccountType { get; set; }

    /// <summary>Gets the invoices, newest first.</summary>
    public Page<Invoice> Invoices { get; private set; } = null!;

    /// <summary>Lists the invoices.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Invoices = await _store.QueryInvoicesAsync(
            new InvoiceQuery(AccountScope.AllAccounts)
            {
                AccountType = Filters.Enum<AccountType>(AccountType, nameof(AccountType), ModelState),
                Page = new PageRequest(1, 100),
            },
            cancellationToken);
}
