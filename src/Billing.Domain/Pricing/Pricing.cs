using Billing.Domain.Utility;

namespace Billing.Domain.Pricing;

/// <summary>Argument checks shared by the price components, and the negative cost policy every reader of a rated cost applies.</summary>
internal static class Pricing
{
    /// <summary>Checks a price: it has a currency, is not negative, and is at most <paramref name="max"/> (<see cref="Money.MaxAmount"/> when null).</summary>
    public static void CheckNotNegative(Money amount, string paramName, decimal? max = null)
    {
        Preconditions.CheckInitialized(amount.Currency, paramName);
        if (amount.Amount > (max ?? Money.MaxAmount))
        {
            throw new ArgumentOutOfRangeException(paramName, amount, $"A price is at most {max ?? Money.MaxAmount:N0}.");
        }

        if (amount.IsNegative)
        {
            throw new ArgumentOutOfRangeException(paramName, amount, "A price is not negative.");
        }
    }

    /// <summary>Returns a cost a gateway or provider rated as a policy reads it: itself when not negative; else zero, or <see cref="NegativeCostException"/>.</summary>
    public static Money CostUnder(NegativeQuantityPolicy negativeCosts, Money cost) =>
        cost.Amount >= 0m ? cost
        : negativeCosts == NegativeQuantityPolicy.ClampToZero ? Money.Zero(cost.Currency)
        : throw new NegativeCostException(cost);

    public static IReadOnlyList<PriceTier> CheckTiers(IReadOnlyList<PriceTier> tiers, string paramName)
    {
        Preconditions.CheckNotNull(tiers, paramName);
        Preconditions.CheckArgument(tiers.Count > 0, paramName, "At least one tier is needed.");
        for (var i = 0; i < tiers.Count; i++)
        {
            Preconditions.CheckNotNull(tiers[i], paramName);
            Preconditions.CheckArgument(tiers[i].UnitPrice.Currency == tiers[0].UnitPrice.Currency, paramName, "Every tier is in one currency.");
            var last = i == tiers.Count - 1;
            Preconditions.CheckArgument(last == tiers[i].UpTo is null, paramName, "Only the last tier is open-ended, and it must be.");
            Preconditions.CheckArgument(i == 0 || last || tiers[i].UpTo > tiers[i - 1].UpTo, paramName, "Tier bounds rise strictly.");
        }

        return [.. tiers];
    }
}
