using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Utility;

namespace Billing.Domain.Charging;

/// <summary>
/// What to charge on one line: a quantity priced by a component, then prorated, held to a minimum, discounted
/// and taxed, in that order.
/// </summary>
/// <remarks>Build one with <see cref="For"/> and refine it with <c>with</c> expressions.</remarks>
public sealed record ChargeSpec
{
    private readonly decimal _quantity;
    private readonly IReadOnlyList<Discount> _discounts = [];
    private readonly IReadOnlyList<TaxRate> _taxes = [];

    private ChargeSpec(string description, PriceComponent component)
    {
        Description = description;
        Component = component;
    }

    /// <summary>Gets the line's description, as the invoice shows it.</summary>
    public string Description { get; init; }

    /// <summary>Gets how the quantity is priced.</summary>
    public PriceComponent Component { get; init; }

    /// <summary>Gets the quantity: 0 or more, with up to three decimals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative quantity.</exception>
    /// <exception cref="ArgumentException">Set to a quantity with more than three decimals.</exception>
    public decimal Quantity
    {
        get => _quantity;
        init
        {
            if (value < 0m || value > PriceComponent.MaxQuantity)
            {
                throw new ArgumentOutOfRangeException(nameof(Quantity), value, $"A quantity is 0 to {PriceComponent.MaxQuantity:N0}.");
            }

            Preconditions.CheckArgument(decimal.Round(value, 3) == value, nameof(Quantity), $"A quantity has up to three decimals; got {value}.");
            _quantity = value;
        }
    }

    /// <summary>Gets the share of the component's period this line covers; 1 (no proration) by default.</summary>
    public ProrationFactor Proration { get; init; } = ProrationFactor.One;

    /// <summary>Gets the covered period in months, the invoice's Duration column; null when not shown.</summary>
    public decimal? DurationMonths { get; init; }

    /// <summary>Gets the least the line costs before discounts, if any.</summary>
    public Money? Minimum { get; init; }

    /// <summary>Gets the discounts, applied in this order.</summary>
    public IReadOnlyList<Discount> Discounts
    {
        get => _discounts;
        init => _discounts = [.. Preconditions.CheckNotNull(value)];
    }

    /// <summary>Gets the taxes on the line, each applied to the net (none compounds on another).</summary>
    public IReadOnlyList<TaxRate> Taxes
    {
        get => _taxes;
        init => _taxes = [.. Preconditions.CheckNotNull(value)];
    }

    /// <summary>Gets whether the prices include the taxes.</summary>
    public TaxMode TaxMode { get; init; } = TaxMode.Exclusive;

    /// <summary>Gets a value indicating whether the line is for a Pay as you go (external) plan, whose lines show no duration and no unit price.</summary>
    public bool IsPayAsYouGoExternal { get; init; }

    /// <summary>Returns a spec of <paramref name="quantity"/> priced by <paramref name="component"/>.</summary>
    /// <param name="description">The line's description.</param>
    /// <param name="quantity">The quantity as measured, up to three decimals; a negative one as the component's <see cref="PriceComponent.NegativeQuantities"/> says.</param>
    /// <param name="component">How it is priced.</param>
    /// <returns>The spec, with no proration, minimum, discount or tax.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="description"/> or <paramref name="component"/> is null.</exception>
    /// <exception cref="Pricing.NegativeQuantityException"><paramref name="quantity"/> is negative and the component refuses negative quantities (a component that clamps them prices zero).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantity"/> is above <see cref="PriceComponent.MaxQuantity"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="quantity"/> has more than three decimals.</exception>
    public static ChargeSpec For(string description, decimal quantity, PriceComponent component) =>
        new(Preconditions.CheckText(description), Preconditions.CheckNotNull(component)) { Quantity = component.QuantityFor(quantity) };

    /// <summary>Returns a copy prorated over <paramref name="covered"/> of <paramref name="full"/>, showing the covered months as its duration.</summary>
    /// <param name="covered">The part of the period charged.</param>
    /// <param name="full">The period the component's price is for.</param>
    /// <param name="method">By days or by months.</param>
    /// <returns>The prorated spec.</returns>
    /// <exception cref="ArgumentException"><paramref name="covered"/> is not within <paramref name="full"/>.</exception>
    public ChargeSpec ProratedOver(BillingPeriod covered, BillingPeriod full, ProrationMethod method) =>
        this with
        {
            Proration = Periods.Proration.Factor(covered, full, method),
            DurationMonths = Periods.Proration.DurationInMonths(covered).ToDecimal(3),
        };

    internal void CheckCurrencies()
    {
        var currency = Component.Currency;
        if (Minimum is { } minimum)
        {
            Pricing.Pricing.CheckNotNegative(minimum, "spec");
            Preconditions.CheckArgument(minimum.Currency == currency, "spec", $"The minimum {minimum} is not in the line's currency {currency.Code}.");
        }

        foreach (var discount in Discounts)
        {
            Preconditions.CheckArgument(discount.IsIn(currency), "spec", $"The discount {discount} is not in the line's currency {currency.Code}.");
        }
    }
}
