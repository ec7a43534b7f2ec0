using Billing.Domain.Prepaid;
using Billing.Domain.Reconciliation;
using Microsoft.AspNetCore.Mvc;

namespace BillingConsole.Pages.Accounts;

/// <summary>
/// Seed 000's periodic reconciliation of one date range: billing records, the ledger, consumption records and the
/// gateway's usage logs side by side per day, and every discrepancy between them.
/// </summary>
public sealed class ReconciliationModel : DatedPageModel
{
    private readonly DataFolder _data;
    private readonly Reconciler _reconciler;

    /// <summary>Initializes the page.</summary>
    public ReconciliationModel(IPrepaidStore store, DataFolder data, Reconciler reconciler)
        : base(store)
    {
        _data = data;
        _reconciler = reconciler;
    }

    /// <summary>Gets the report, once both days are given.</summary>
    public ReconciliationReport? Report { get; private set; }

    /// <summary>Reconciles the range.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        if (From is null && To is null)
        {
            return Page();   // the form alone: a reconciliation needs its range
        }

        var (from, to) = DaysAsked();
        if (ModelState.IsValid && (from is null || to is null))
        {
            ModelState.AddModelError(from is null ? nameof(From) : nameof(To), "A reconciliation needs both days of its range.");
        }

        if (ModelState.IsValid && to < from)
        {
            ModelState.AddModelError(nameof(To), "The last day is before the first.");
        }

        if (ModelState.IsValid)
        {
            var zone = Account.Profile.TimeZone;
            Report = await _reconciler.ReconcileAsync(AccountId, Filters.Days(from, to, zone), zone, await _data.UsageLogsAsync(AccountId, cancellationToken), cancellationToken);
        }

        return Page();
    }
}
