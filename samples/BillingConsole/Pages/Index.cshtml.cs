using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BillingConsole.Pages;

/// <summary>The accounts the file holds, each with its balance and invoiceable amount.</summary>
public sealed class IndexModel : PageModel
{
    private readonly IPrepaidStore _store;
    private readonly DataFolder _data;

    /// <summary>Initializes the page.</summary>
    public IndexModel(IPrepaidStore store, DataFolder data)
    {
        _store = store;
        _data = data;
    }

    /// <summary>Gets the SQLite file the console reads.</summary>
    public string Database => _data.Database;

    /// <summary>Gets the accounts, first page.</summary>
    public IReadOnlyList<PrepaidAccount> Accounts { get; private set; } = [];

    /// <summary>Lists the accounts.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Accounts = (await _store.ListAccountsAsync(new AccountQuery { Page = new PageRequest(1, PageRequest.MaxSize) }, cancellationToken)).Items;
}
