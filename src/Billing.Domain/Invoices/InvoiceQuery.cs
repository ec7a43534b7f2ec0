using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;

namespace Billing.Domain.Invoices;

/// <summary>Invoices of one account, or of every account when said so (<see cref="AccountScope.AllAccounts"/>), by issue date, status, payment model and number; newest issue first.</summary>
public sealed record InvoiceQuery
{
    /// <summary>Initializes a query of one account's invoices.</summary>
    /// <param name="accountId">The account.</param>
    /// <exception cref="ArgumentException">The id is empty or holds a control character.</exception>
    public InvoiceQuery(string accountId)
        : this(AccountScope.Of(accountId))
    {
    }

    /// <summary>Initializes a query over a scope: one account, or <see cref="AccountScope.AllAccounts"/>.</summary>
    /// <param name="scope">The accounts read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scope"/> is null.</exception>
    public InvoiceQuery(AccountScope scope)
    {
        Scope = Preconditions.CheckNotNull(scope);
    }

    /// <summary>Gets the accounts read.</summary>
    public AccountScope Scope { get; }

    /// <summary>Gets the account wanted, or null when the query reads every account.</summary>
    public string? AccountId => Scope.AccountId;

    /// <summary>Gets the range the invoices were issued in; bounding it leaves out drafts.</summary>
    public InstantRange Issued { get; init; }

    /// <summary>Gets the status wanted, or null for all.</summary>
    public InvoiceStatus? Status { get; init; }

    /// <summary>Gets the payment model wanted, or null for both.</summary>
    public PaymentModel? PaymentModel { get; init; }

    /// <summary>Gets the account type wanted (seed 001's filter by account type), or null for all.</summary>
    public Ledger.AccountType? AccountType { get; init; }

    /// <summary>Gets the invoice number wanted, or null for all.</summary>
    public string? Number { get; init; }

    /// <summary>Gets the page.</summary>
    public PageRequest Page { get; init; } = PageRequest.First;

    /// <summary>Returns whether an invoice matches every filter; stores may use it or translate it.</summary>
    /// <param name="invoice">The invoice.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(Invoice invoice) =>
        Scope.Includes(Preconditions.CheckNotNull(invoice).AccountId)
        && (Status is null || invoice.Status == Status)
        && (PaymentModel is null || invoice.PaymentModel == PaymentModel)
        && (AccountType is null || invoice.AccountType == AccountType)
        && (Number is null || invoice.Number == Number)
        && (Issued == InstantRange.All || (invoice.IssuedAt is { } issued && Issued.Contains(issued)));

    /// <summary>Orders matching invoices newest issue first (drafts by creation), then id descending, and cuts the page.</summary>
    /// <param name="invoices">Candidate invoices.</param>
    /// <returns>The page.</returns>
    public Page<Invoice> Apply(IEnumerable<Invoice> invoices) =>
        Page.Cut([.. Preconditions.CheckNotNull(invoices).Where(Matches).OrderByDescending(i => i.IssuedAt ?? i.CreatedAt).ThenByDescending(i => i.InvoiceId, StringComparer.Ordinal)]);

    /// <summary>Sums the totals of the matching invoices per currency, over every page.</summary>
    /// <param name="invoices">Candidate invoices.</param>
    /// <returns>One total per currency, by currency code.</returns>
    public IReadOnlyList<Money> TotalsByCurrency(IEnumerable<Invoice> invoices) =>
        [.. Preconditions.CheckNotNull(invoices).Where(Matches).GroupBy(i => i.Currency).OrderBy(g => g.Key.Code, StringComparer.Ordinal).Select(g => Money.Sum(g.Select(i => i.Total), g.Key))];
}
