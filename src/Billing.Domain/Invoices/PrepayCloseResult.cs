using Billing.Domain.Utility;
namespace Billing.Domain.Invoices;

/// <summary>The answer for one account of a period close.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Invoice">The invoice, when made or already made.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record PrepayCloseResult(string AccountId, PrepayCloseOutcome Outcome, Invoice? Invoice, Exception? Error = null)
{
    /// <summary>Gets the account.</summary>
    public string AccountId { get; } = Preconditions.CheckNotNull(AccountId);
}
