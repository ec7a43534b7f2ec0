namespace Billing.Domain.Pricing;

/// <summary>A fee per unit for each period of <see cref="PeriodMonths"/> months, such as 120.00 USD a year per seat.</summary>
/// <remarks>The price is for a whole period; a charge for part of one is prorated by the charge's proration factor.</remarks>
public sealed record RecurringFee : PriceComponent
{
    /// <summary>Initializes a recurring fee.</summary>
    /// <param name="pricePerPeriod">The price of one unit for one whole period; not negative.</param>
    /// <param name="periodMonths">The length of the period the price is for, in months: 1, 3, 12...</param>
    /// <exception cref="ArgumentOutOfRangeException">The price is negative or <paramref name="periodMonths"/> is not positive.</exception>
    public RecurringFee(Money pricePerPeriod, int periodMonths = 1)
    {
        Pricing.CheckNotNegative(pricePerPeriod, nameof(pricePerPeriod));
        PricePerPeriod = pricePerPeriod;
        PeriodMonths = Utility.Preconditions.CheckRange(periodMonths, 1, 1200);
    }

    /// <summary>Gets the price of one unit for one whole period.</summary>
    public Money PricePerPeriod { get; }

    /// <summary>Gets the length of the period the price is for, in months.</summary>
    public int PeriodMonths { get; }

    /// <inheritdoc />
    public override Currency Currency => PricePerPeriod.Currency;

    /// <inheritdoc />
    public override Money? UnitPrice => PricePerPeriod;

    /// <inheritdoc />
    public override string Describe() => $"recurring fee per {PeriodMonths} month(s)";

    private protected override decimal Amount(decimal quantity, List<TierCharge>? tiers) => quantity * PricePerPeriod.Amount;
}
