using Billing.Domain.Ledger;
using Billing.Domain.Utility;

namespace Billing.Domain.Consumption;

/// <summary>The answer to recording a call's consumption; callers branch on <see cref="Outcome"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Account">The ledger head after the command (unchanged unless recorded).</param>
/// <param name="Debit">The ledger debit of the call: new when recorded, the first one when already recorded, null when refused.</param>
public sealed record ConsumptionResult(ConsumptionOutcome Outcome, PrepaidAccount Account, LedgerEntry? Debit)
{
    /// <summary>Gets the ledger head after the command (unchanged unless recorded).</summary>
    public PrepaidAccount Account { get; } = Preconditions.CheckNotNull(Account);

    /// <summary>Gets a value indicating whether the call is on the ledger (now or from before).</summary>
    public bool IsRecorded => Outcome != ConsumptionOutcome.RefusedOverCreditLimit;

    /// <summary>Gets the stable code of the refusal (<see cref="OverCreditLimitCode"/>), or null when the call is recorded.</summary>
    public string? RefusalCode => IsRecorded ? null : OverCreditLimitCode;

    /// <summary>The code of a call refused over the credit limit: <c>consumption.over_credit_limit</c>.</summary>
    public const string OverCreditLimitCode = "consumption.over_credit_limit";
}
