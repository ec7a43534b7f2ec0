using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BillingConsole.Pages;

/// <summary>A page of one account (the route's <c>{accountId}</c>): loads it, or answers 404 when the store has no such account.</summary>
public abstract class AccountPageModel : PageModel
{
    private readonly IPrepaidStore _store;

    /// <summary>Initializes the page.</summary>
    protected AccountPageModel(IPrepaidStore store)
    {
        _store = store;
    }

    /// <summary>Gets the store the page reads.</summary>
    protected IPrepaidStore Store => _store;

    /// <summary>Gets or sets the account's id, from the route.</summary>
    [BindProperty(SupportsGet = true)]
    public string AccountId { get; set; } = "";

    /// <summary>Gets the account, once loaded.</summary>
    public PrepaidAccount Account { get; private set; } = null!;

    /// <summary>Loads the account; false when there is none (the page then answers <see cref="PageModel.NotFound()"/>).</summary>
    protected async Task<bool> LoadAccountAsync(CancellationToken cancellationToken)
    {
        if (await _store.FindAccountAsync(AccountId, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        ViewData["AccountId"] = account.AccountId;
        ViewData["AccountName"] = account.Profile.Name;
        return true;
    }
}
