using System.Text;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Utility;

namespace Billing.Domain.Charging;

/// <summary>How one discount changed a line.</summary>
/// <param name="Discount">The discount.</param>
/// <param name="Amount">What it took off, unrounded.</param>
public sealed record DiscountStep(Discount Discount, Money Amount)
{
    /// <summary>Gets the discount.</summary>
    public Discount Discount { get; } = Preconditions.CheckNotNull(Discount);
}

/// <summary>How one tax of a line was computed.</summary>
/// <param name="Rate">The tax rate.</param>
/// <param name="Base">The net the tax is on.</param>
/// <param name="Unrounded">The tax before rounding: base × rate for exclusive taxes; the line's exact share for inclusive or per-document taxes.</param>
/// <param name="Rounded">The tax on the line.</param>
public sealed record TaxStep(TaxRate Rate, Money Base, Money Unrounded, Money Rounded)
{
    /// <summary>Gets the tax rate.</summary>
    public TaxRate Rate { get; } = Preconditions.CheckNotNull(Rate);

    /// <summary>Gets what rounding added to the tax: <see cref="Rounded"/> − <see cref="Unrounded"/>.</summary>
    public Money Residue => Rounded - Unrounded;
}

/// <summary>
/// The derivation of a charge line's amounts, step by step, as data: what the engine did and why the line
/// shows what it shows.
/// </summary>
/// <param name="Component">The pricing model, such as <c>graduated tiers</c>.</param>
/// <param name="Quantity">The quantity priced.</param>
/// <param name="Tiers">What each tier priced; empty for components without tiers.</param>
/// <param name="Price">The component's price of the quantity, unrounded.</param>
/// <param name="Proration">The proration factor applied to the price.</param>
/// <param name="Prorated">The price × the proration factor, unrounded.</param>
/// <param name="Minimum">The line's minimum, when it has one.</param>
/// <param name="MinimumApplied">True when the minimum replaced a lower prorated price.</param>
/// <param name="Discounts">Each discount in the order applied.</param>
/// <param name="UnroundedNet">The amount after discounts, before rounding (for inclusive taxes, the gross).</param>
/// <param name="RoundedNet">That amount rounded by the policy.</param>
/// <param name="TaxMode">Whether the prices include the taxes.</param>
/// <param name="TaxRounding">Where the taxes were rounded.</param>
/// <param name="Taxes">Each tax.</param>
public sealed record ChargeExplanation(
    string Component,
    decimal Quantity,
    IReadOnlyList<TierCharge> Tiers,
    Money Price,
    ProrationFactor Proration,
    Money Prorated,
    Money? Minimum,
    bool MinimumApplied,
    IReadOnlyList<DiscountStep> Discounts,
    Money UnroundedNet,
    Money RoundedNet,
    TaxMode TaxMode,
    TaxRounding TaxRounding,
    IReadOnlyList<TaxStep> Taxes)
{
    /// <summary>Gets the pricing model, such as <c>graduated tiers</c>.</summary>
    public string Component { get; } = Preconditions.CheckNotNull(Component);

    /// <summary>Gets what each tier priced; empty for components without tiers.</summary>
    public IReadOnlyList<TierCharge> Tiers { get; } = Preconditions.CheckNotNull(Tiers);

    /// <summary>Gets each discount in the order applied.</summary>
    public IReadOnlyList<DiscountStep> Discounts { get; } = Preconditions.CheckNotNull(Discounts);

    /// <summary>Gets each tax.</summary>
    public IReadOnlyList<TaxStep> Taxes { get; } = Preconditions.CheckNotNull(Taxes);

    /// <summary>Gets what rounding the line's amount after discounts added: <see cref="RoundedNet"/> − <see cref="UnroundedNet"/>.</summary>
    public Money RoundingResidue => RoundedNet - UnroundedNet;

    /// <summary>Returns the derivation as indented lines of text, as the document renderer and the sample print it.</summary>
    /// <returns>The text, one step a line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("  ").Append(Component).Append(": quantity ").Append(Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" -> ").Append(Price).Append('\n');
        foreach (var tier in Tiers)
        {
            text.Append("    tier ").Append(tier.Tier).Append(": ").Append(tier.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(" x ").Append(tier.UnitPrice).Append(" + flat ").Append(tier.FlatFee).Append(" = ").Append(tier.Amount).Append('\n');
        }

        if (!Proration.IsOne)
        {
            text.Append("  prorated by ").Append(Proration).Append(" -> ").Append(Prorated).Append('\n');
        }

        if (MinimumApplied)
        {
            text.Append("  minimum ").Append(Minimum).Append(" applies\n");
        }

        foreach (var step in Discounts)
        {
            text.Append("  discount ").Append(step.Discount).Append(" -> -").Append(step.Amount).Append('\n');
        }

        text.Append("  rounded ").Append(UnroundedNet).Append(" -> ").Append(RoundedNet).Append(" (residue ").Append(RoundingResidue).Append(")\n");
        foreach (var tax in Taxes)
        {
            text.Append("  ").Append(tax.Rate.Name).Append(' ').Append(TaxMode == TaxMode.Inclusive ? "included" : "on").Append(' ').Append(tax.Base)
                .Append(": ").Append(tax.Unrounded).Append(" -> ").Append(tax.Rounded).Append(" (").Append(TaxRounding == TaxRounding.PerDocument && TaxMode == TaxMode.Exclusive ? "per document" : "per line").Append(")\n");
        }

        return text.ToString();
    }
}
