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

/// <summary>How far a period close of many accounts (either <c>PrepayInvoicing.CloseAllAsync</c>) has come: reported after each account.</summary>
/// <param name="Done">The accounts closed so far, this one included (made, already made or failed).</param>
/// <param name="Last">The answer for the account just done.</param>
public sealed record PrepayCloseProgress(int Done, PrepayCloseResult Last)
{
    /// <summary>Gets the answer for the account just done.</summary>
    public PrepayCloseResult Last { get; } = Preconditions.CheckNotNull(Last);
}
