using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Reconciliation;

/// <summary>One billing day of a reconciliation: each side's totals.</summary>
/// <param name="Day">The billing day, in the account's time zone.</param>
/// <param name="Orders">Top-up orders completed that day.</param>
/// <param name="ToppedUp">Their credited amounts.</param>
/// <param name="Paid">Their payment amounts, one per payment currency.</param>
/// <param name="LedgerCredits">Top-up credits the ledger recorded that day.</param>
/// <param name="Granted">Credit granted without payment that day (promotions, trials, goodwill: <see cref="Ledger.LedgerEntryKind.GrantCredit"/>), never invoiceable.</param>
/// <param name="Expired">Unspent grant credit that expired that day (<see cref="Ledger.LedgerEntryKind.GrantExpiry"/>, as a positive amount).</param>
/// <param name="ConsumptionRecords">Consumption records of calls made that day.</param>
/// <param name="Consumed">Their costs.</param>
/// <param name="UsageLogs">Usage log lines of calls made that day.</param>
/// <param name="UsageLogCost">What the price book rates those calls at.</param>
public sealed record ReconciliationDay(
    LocalDate Day, int Orders, Money ToppedUp, IReadOnlyList<Money> Paid, Money LedgerCredits, Money Granted, Money Expired, int ConsumptionRecords, Money Consumed, int UsageLogs,
    Money UsageLogCost)
{
    /// <summary>Gets their payment amounts, one per payment currency.</summary>
    public IReadOnlyList<Money> Paid { get; } = Preconditions.CheckNotNull(Paid);
}
