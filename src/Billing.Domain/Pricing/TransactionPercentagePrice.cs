using Billing.Domain.Utility;

namespace Billing.Domain.Pricing;

/// <summary>
/// Lago's percentage charge model over a period's transactions: a rate on their amounts and a fixed fee per
/// transaction, with free transactions, a free amount, and a minimum and maximum per transaction.
/// </summary>
/// <remarks>
/// Computed as Lago computes it (lago-api, <c>ChargeModels::PercentageService</c>, with the running totals of
/// <c>BillableMetrics::Aggregations::SumService</c>), exactly:
/// <list type="bullet">
/// <item>Without a minimum or maximum: the rate applies to the amounts less the free amount, the fixed fee to the
/// transactions after the free ones. With both free transactions (N) and a free amount (F), what is free is the first N
/// transactions or F, whichever comes first, and the fixed fee is waived for the transactions before the running total
/// reaches F, at most N.</item>
/// <item>With a minimum or maximum, transaction by transaction: a free transaction costs nothing; the free amount comes
/// off the transactions in order; each paying transaction costs its amount × rate + the fixed fee, raised to the
/// minimum or capped at the maximum.</item>
/// </list>
/// The charge is unrounded; round it where the invoice rounds.
/// </remarks>
public sealed record TransactionPercentagePrice
{
    /// <summary>Initializes the price.</summary>
    /// <param name="percent">The rate, 0 to 100: 1.3 for 1.3 %.</param>
    /// <param name="currency">The currency of the transactions and fees.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0 to 100.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public TransactionPercentagePrice(decimal percent, Currency currency)
    {
        Percent = percent is >= 0m and <= 100m ? percent : throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is between 0 and 100.");
        Currency = Preconditions.CheckInitialized(currency);
    }

    /// <summary>Gets the rate, 0 to 100.</summary>
    public decimal Percent { get; }

    /// <summary>Gets the currency of the transactions and fees.</summary>
    public Currency Currency { get; }

    /// <summary>Gets the fee per paying transaction; none when null.</summary>
    public Money? FixedFee { get; init => field = Checked(value, nameof(FixedFee)); }

    /// <summary>Gets how many transactions, the first ones, are free (Lago's free units per events); 0 for none.</summary>
    public int FreeTransactions { get; init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FreeTransactions), value, "A count of free transactions is 0 or more."); }

    /// <summary>Gets the amount of the transactions that is free of the rate (Lago's free units per total aggregation); none when null.</summary>
    public Money? FreeAmount { get; init => field = Checked(value, nameof(FreeAmount)); }

    /// <summary>Gets the least a paying transaction costs; none when null. Setting it (or <see cref="MaximumPerTransaction"/>) prices transaction by transaction.</summary>
    public Money? MinimumPerTransaction { get; init => field = Checked(value, nameof(MinimumPerTransaction)); }

    /// <summary>Gets the most a paying transaction costs; none when null.</summary>
    public Money? MaximumPerTransaction { get; init => field = Checked(value, nameof(MaximumPerTransaction)); }

    /// <summary>Returns what the transactions of a period cost, unrounded.</summary>
    /// <param name="transactions">The transactions' amounts, in the order they happened, each zero or more, in <see cref="Currency"/>.</param>
    /// <returns>The charge.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">A transaction is negative or in another currency, or the minimum is above the maximum.</exception>
    public Money Charge(IReadOnlyList<Money> transactions)
    {
        Preconditions.CheckNotNull(transactions);
        var amounts = new decimal[transactions.Count];
        for (var i = 0; i < amounts.Length; i++)
        {
            Preconditions.CheckArgument(transactions[i].Currency == Currency, nameof(transactions), $"Transaction {i} is in {transactions[i].Currency}, the price in {Currency}.");
            Preconditions.CheckArgument(transactions[i].Amount >= 0m, nameof(transactions), $"Transaction {i} is negative: {transactions[i]}.");
            amounts[i] = transactions[i].Amount;
        }

        Preconditions.CheckArgument(
            MinimumPerTransaction is not { } min || MaximumPerTransaction is not { } max || min <= max, nameof(transactions), "The minimum per transaction is above the maximum.");
        return new Money(MinimumPerTransaction is null && MaximumPerTransaction is null ? Overall(amounts) : PerTransaction(amounts), Currency);
    }

    // PercentageService#compute_percentage_amount + #compute_fixed_amount, over SumService's running totals.
    private decimal Overall(decimal[] amounts)
    {
        var units = amounts.Sum();
        var freeAmount = FreeAmount?.Amount ?? 0m;
        var runningTotals = RunningTotals(amounts, freeAmount);
        var last = runningTotals.Count == 0 ? 0m : runningTotals[^1];
        // Lago's first case (the running total after N transactions when there are more than N) cannot arise: with free
        // transactions the running totals stop after the first N.
        var freeUnits = last == 0m ? 0m : freeAmount == 0m || last <= freeAmount ? last : freeAmount;
        var percentage = freeUnits > units ? 0m : (units - freeUnits) * Percent / 100m;

        var belowFreeAmount = runningTotals.Count(total => total < freeAmount);
        var freeCount = new[] { FreeTransactions, belowFreeAmount }.Where(c => c != 0).DefaultIfEmpty(0).Min();
        var fixedFees = units == 0m || FixedFee is not { } fee || freeCount >= amounts.Length ? 0m : (amounts.Length - freeCount) * fee.Amount;
        return percentage + fixedFees;
    }

    // SumService#running_total: none without free units; the first N transactions' running totals with free
    // transactions; else the running totals up to the first that passes the free amount.
    private List<decimal> RunningTotals(decimal[] amounts, decimal freeAmount)
    {
        var totals = new List<decimal>();
        if (FreeTransactions == 0 && freeAmount == 0m)
        {
            return totals;
        }

        var total = 0m;
        for (var i = 0; i < amounts.Length; i++)
        {
            if (FreeTransactions > 0 ? i >= FreeTransactions : freeAmount < total)
            {
                break;
            }

            total += amounts[i];
            totals.Add(total);
        }

        return totals;
    }

    // PercentageService#compute_amount_with_transaction_min_max.
    private decimal PerTransaction(decimal[] amounts)
    {
        var freeLeft = FreeTransactions;
        var freeAmountLeft = FreeAmount?.Amount ?? 0m;
        var total = 0m;
        foreach (var amount in amounts)
        {
            var value = amount;
            if (freeLeft > 0 || freeAmountLeft > 0m)
            {
                freeLeft--;
                if (freeAmountLeft <= 0m)
                {
                    continue;   // a free transaction
                }

                if (freeAmountLeft > value)
                {
                    freeAmountLeft -= value;
                    continue;
                }

                value -= freeAmountLeft;
                (freeAmountLeft, freeLeft) = (0m, 0);
            }

            var cost = (value * Percent / 100m) + (FixedFee?.Amount ?? 0m);
            total += MinimumPerTransaction is { } min && cost < min.Amount ? min.Amount
                : MaximumPerTransaction is { } max && cost > max.Amount ? max.Amount
                : cost;
        }

        return total;
    }

    private Money? Checked(Money? amount, string name)
    {
        if (amount is { } value)
        {
            Preconditions.CheckArgument(value.Currency == Currency, name, $"{name} is in {value.Currency}, the price in {Currency}.");
            Pricing.CheckNotNegative(value, name);
        }

        return amount;
    }
}
