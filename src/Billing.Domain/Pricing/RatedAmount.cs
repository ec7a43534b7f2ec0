namespace Billing.Domain.Pricing;

/// <summary>
/// An amount rated elsewhere, charged as it is whatever the quantity: usage already rated call by call with the
/// token price book, whose quantity (tokens, calls) is shown for information.
/// </summary>
public sealed record RatedAmount : PriceComponent
{
    /// <summary>Initializes a rated amount.</summary>
    /// <param name="amount">The amount, 0 to <see cref="Charging.ChargeEngine.MaxLineAmount"/>, as exact as it was rated: a period's calls summed may pass <see cref="Money.MaxAmount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="amount"/> has no currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative or above <see cref="Charging.ChargeEngine.MaxLineAmount"/>.</exception>
    public RatedAmount(Money amount)
    {
        Pricing.CheckNotNegative(amount, nameof(amount), Charging.ChargeEngine.MaxLineAmount);
        Rated = amount;
    }

    /// <summary>Returns the rated amount of a cost a gateway or provider reported, whose sign is not in the caller's hands: a negative one is refused or charged as zero, as <paramref name="negativeCosts"/> says.</summary>
    /// <param name="cost">The cost reported, up to <see cref="Charging.ChargeEngine.MaxLineAmount"/>.</param>
    /// <param name="negativeCosts">What a negative cost does.</param>
    /// <returns>The rated amount: the cost, or zero for a negative one that is clamped.</returns>
    /// <exception cref="NegativeCostException"><paramref name="cost"/> is negative and <paramref name="negativeCosts"/> is <see cref="NegativeQuantityPolicy.Refuse"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="cost"/> has no currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cost"/> is above <see cref="Charging.ChargeEngine.MaxLineAmount"/>, or <paramref name="negativeCosts"/> is not a policy.</exception>
    public static RatedAmount ForCost(Money cost, NegativeQuantityPolicy negativeCosts)
    {
        Utility.Preconditions.CheckDefined(negativeCosts);
        Utility.Preconditions.CheckInitialized(cost.Currency, nameof(cost));
        return new RatedAmount(Pricing.CostUnder(negativeCosts, cost));
    }

    /// <summary>The name <see cref="Describe"/> gives, which a charge line's explanation carries: how a usage line is told from the others.</summary>
    public const string ComponentName = "rated usage";

    /// <summary>Gets the amount charged.</summary>
    public Money Rated { get; }

    /// <inheritdoc/>
    public override Currency Currency => Rated.Currency;

    /// <inheritdoc/>
    public override Money? UnitPrice => null;

    /// <inheritdoc/>
    public override string Describe() => ComponentName;

    /// <inheritdoc/>
    private protected override decimal Amount(decimal quantity, List<TierCharge>? tiers) => Rated.Amount;
}
