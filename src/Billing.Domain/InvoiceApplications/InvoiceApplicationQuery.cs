using Billing.Domain.Storage;
using Billing.Domain.Utility;

namespace Billing.Domain.InvoiceApplications;

/// <summary>Seed 002's invoice list: an account's applications by status and application date, newest first.</summary>
public sealed record InvoiceApplicationQuery
{
    /// <summary>Initializes a query of one account's applications.</summary>
    /// <param name="accountId">The account.</param>
    /// <exception cref="ArgumentException">The id is empty.</exception>
    public InvoiceApplicationQuery(string accountId)
    {
        AccountId = Preconditions.CheckId(accountId);
    }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the status wanted, or null for all.</summary>
    public InvoiceApplicationStatus? Status { get; init; }

    /// <summary>Gets the range of application dates wanted.</summary>
    public InstantRange Applied { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether an application matches every filter; stores may use it or translate it.</summary>
    /// <param name="application">The application.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(InvoiceApplication application) =>
        Preconditions.CheckNotNull(application).AccountId == AccountId && (Status is null || application.Status == Status) && Applied.Contains(application.AppliedAt);

    /// <summary>Orders matching applications newest first (then id descending) and cuts the page.</summary>
    /// <param name="applications">Candidate applications.</param>
    /// <returns>The page.</returns>
    public Page<InvoiceApplication> Apply(IEnumerable<InvoiceApplication> applications) =>
        Page.Cut([.. Preconditions.CheckNotNull(applications).Where(Matches).OrderByDescending(a => a.AppliedAt).ThenByDescending(a => a.ApplicationId, StringComparer.Ordinal)]);
}
