using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace BillingConsole.Pages;

/// <summary>A page of one account narrowed to a range of days (the query's <c>from</c> and <c>to</c>, in the account's time zone).</summary>
public abstract class DatedPageModel : AccountPageModel
{
    /// <summary>Initializes the page.</summary>
    protected DatedPageModel(IPrepaidStore store)
        : base(store)
    {
    }

    /// <summary>Gets or sets the range's first day, or none.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Gets or sets the range's last day, or none.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The days asked for; each null when not given or not a day (an error on its field).</summary>
    protected (LocalDate? From, LocalDate? To) DaysAsked() => (Filters.Day(From, nameof(From), ModelState), Filters.Day(To, nameof(To), ModelState));

    /// <summary>The instants of the days asked for, in the account's zone; an end not given is open.</summary>
    protected InstantRange RangeAsked()
    {
        var (from, to) = DaysAsked();
        return Filters.Days(from, to, Account.Profile.TimeZone);
    }
}
