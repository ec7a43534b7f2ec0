using Billing.Domain.Utility;

namespace Billing.Domain.Pricing;

/// <summary>
/// Lago's graduated percentage charge model, transaction by transaction: tiers of the period's running total of
/// transaction amounts, each with its rate and a flat fee charged once, with the transaction that first reaches the tier.
/// </summary>
/// <remarks>
/// With tiers up to 1,000 at 1 % with a 200 flat fee, up to 10,000 at 2 % with 300 and above at 3 % with 400 (Lago's
/// documentation, "Graduated percentage"), a first transaction of 500 costs 500 × 1 % + 200 = 205; a second of 550
/// costs 500 × 1 % + 50 × 2 % + 300 = 306; a third of 4,000 costs 4,000 × 2 % = 80. The charges are unrounded.
/// </remarks>
public sealed record GraduatedPercentagePrice
{
    /// <summary>Initializes the price.</summary>
    /// <param name="tiers">The tiers, in rising order of bound, the last open-ended, all in one currency.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is null.</exception>
    /// <exception cref="ArgumentException">The tiers are empty, out of order, mixed in currency, or the last has a bound.</exception>
    public GraduatedPercentagePrice(IReadOnlyList<PercentageTier> tiers)
    {
        Preconditions.CheckNotNull(tiers);
        Preconditions.CheckArgument(tiers.Count > 0, nameof(tiers), "At least one tier is needed.");
        for (var i = 0; i < tiers.Count; i++)
        {
            Preconditions.CheckNotNull(tiers[i], nameof(tiers));
            Preconditions.CheckArgument(tiers[i].FlatFee.Currency == tiers[0].FlatFee.Currency, nameof(tiers), $"Tier {i + 1} is in {tiers[i].FlatFee.Currency}, the first in {tiers[0].FlatFee.Currency}.");
            Preconditions.CheckArgument((tiers[i].UpTo is null) == (i == tiers.Count - 1), nameof(tiers), "Every tier but the last has a bound; the last is open-ended.");
            Preconditions.CheckArgument(i == 0 || tiers[i].UpTo is not { } upTo || upTo > tiers[i - 1].UpTo, nameof(tiers), $"Tier {i + 1}'s bound is not above tier {i}'s.");
        }

        Tiers = [.. tiers];
    }

    /// <summary>Gets the tiers, in order.</summary>
    public IReadOnlyList<PercentageTier> Tiers { get; }

    /// <summary>Gets the currency of the transactions and fees.</summary>
    public Currency Currency => Tiers[0].FlatFee.Currency;

    /// <summary>Returns what each transaction of a period costs, in order, unrounded.</summary>
    /// <param name="transactions">The transactions' amounts, in the order they happened, each zero or more, in <see cref="Currency"/>.</param>
    /// <returns>One charge per transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">A transaction is negative or in another currency.</exception>
    public IReadOnlyList<Money> Charges(IReadOnlyList<Money> transactions)
    {
        Preconditions.CheckNotNull(transactions);
        var charges = new Money[transactions.Count];
        var runningTotal = 0m;
        var reached = 0;   // the tiers whose flat fee is charged
        for (var t = 0; t < charges.Length; t++)
        {
            var amount = transactions[t];
            Preconditions.CheckArgument(amount.Currency == Currency, nameof(transactions), $"Transaction {t} is in {amount.Currency}, the price in {Currency}.");
            Preconditions.CheckArgument(amount.Amount >= 0m, nameof(transactions), $"Transaction {t} is negative: {amount}.");
            var cost = 0m;
            var from = runningTotal;
            var to = runningTotal + amount.Amount;
            var below = 0m;
            for (var i = 0; i < Tiers.Count && below < to; i++)
            {
                var tier = Tiers[i];
                var top = tier.UpTo ?? to;
                var inTier = Math.Min(top, to) - Math.Max(below, from);
                if (inTier > 0m)
                {
                    cost += inTier * tier.Percent / 100m;
                    if (i >= reached)
                    {
                        cost += tier.FlatFee.Amount;
                        reached = i + 1;
                    }
                }

                below = top;
            }

            charges[t] = new Money(cost, Currency);
            runningTotal = to;
        }

        return charges;
    }
}
