using Billing.Domain;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Microsoft.AspNetCore.Mvc;

namespace BillingConsole.Pages.Accounts;

/// <summary>
/// Seed 000's Operation Records &gt; Usage Logs: the model gateway's own log of calls, searchable by date, model,
/// token name and request id, each with its input, output and what the price book rates it at.
/// </summary>
public sealed class UsageLogsModel : DatedPageModel
{
    private readonly DataFolder _data;
    private readonly UsageRater _rater;

    /// <summary>Initializes the page.</summary>
    public UsageLogsModel(IPrepaidStore store, DataFolder data, UsageRater rater)
        : base(store)
    {
        _data = data;
        _rater = rater;
    }

    /// <summary>Gets or sets the model searched for, or any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Model { get; set; }

    /// <summary>Gets or sets the token (API key) name searched for, or any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>Gets or sets the request id searched for, or any.</summary>
    [BindProperty(SupportsGet = true)]
    public string? RequestId { get; set; }

    /// <summary>Gets the matching lines, newest first, with their rated cost (null when the price book has no price for the call).</summary>
    public IReadOnlyList<(UsageRecord Log, Money? Cost)> Lines { get; private set; } = [];

    /// <summary>Searches the log.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAccountAsync(cancellationToken))
        {
            return NotFound();
        }

        var range = RangeAsked();
        Lines = [.. (await _data.UsageLogsAsync(AccountId, cancellationToken))
            .Where(l => range.Contains(l.OccurredAt)
                && (string.IsNullOrEmpty(Model) || l.Model == Model)
                && (string.IsNullOrEmpty(Token) || l.TokenName == Token)
                && (string.IsNullOrEmpty(RequestId) || l.RequestId == RequestId))
            .OrderByDescending(l => l.OccurredAt)
            .Select(l => (l, _rater.TryRate(l, out var rated) ? rated.Cost : (Money?)null))];
        return Page();
    }
}
