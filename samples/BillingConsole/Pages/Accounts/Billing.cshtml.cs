using Billing.Domain.Consumption;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.TopUps;
using Microsoft.AspNetCore.Mvc;

namespace BillingConsole.Pages.Accounts;

/// <summary>
/// Seed 000's Billing and Invoices: the billing records (top-up orders) with their status and payment amount, narrowed
/// by date, order status and amount; and the consumption records of the same date range with their totals.
/// </summary>
public sealed class BillingModel : DatedPageModel
{
    private const int PageSize = 50;

    /// <summary>Initializes the page.</summary>
    public BillingModel(IPrepaidStore store)
        : base(store)
    {
    }

    /// <summary>Gets or sets the order status shown (snake_case), or all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Gets or sets the smallest order amount shown, or none.</summary>
    [BindProperty(SupportsGet = true)]
    public decimal? MinAmount { get; set; }

    /// <summary>Gets or sets the largest order amount shown, or none.</summary>
    [BindProperty(SupportsGet = true)]
    public decimal? MaxAmount { get; set; }

    /// <summary>Gets the billing records, newest first.</summary>
    public Page<TopUpOrder> Orders { get; private set; } = null!;

    /// <summary>Gets the consumption records of calls made in the range, newest first.</summary>
    public Page<ConsumptionRecord> Consumption { get; private set; } = null!;

    /// <summary>Gets what was booked in the range, by model and token.</summary>
    public IReadOnlyList<ConsumptionTotal> Totals { get; private set; } = [];

    /// <summary>Shows the account's records.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        var range = RangeAsked();
        if (MinAmount > MaxAmount)
        {
            ModelState.AddModelError(nameof(MaxAmount), "The largest amount is below the smallest.");
        }

        var status = Filters.Enum<TopUpStatus>(Status, nameof(Status), ModelState);
        Orders = await Store.QueryOrdersAsync(
            new TopUpOrderQuery(AccountId)
            {
                Created = range,
                Statuses = status is { } s ? new HashSet<TopUpStatus> { s } : new HashSet<TopUpStatus>(),
                MinAmount = MinAmount,
                MaxAmount = MinAmount > MaxAmount ? null : MaxAmount,
                Page = new PageRequest(1, PageSize),
            },
            cancellationToken);
        Consumption = await Store.QueryConsumptionAsync(new ConsumptionQuery(AccountId) { Occurred = range, Page = new PageRequest(1, PageSize) }, cancellationToken);
        Totals = await Store.SumConsumptionAsync(AccountId, range, cancellationToken);
        return Page();
    }
}
