using Billing.Domain.Utility;
namespace Billing.Domain.Charging;

/// <summary>
/// One calculated line of an invoice's Charges table: #, description, quantity, duration, unit price, discount,
/// taxes and amount, with the net and each tax, and how they were derived.
/// </summary>
/// <param name="Number">The line's position in the document, from 1.</param>
/// <param name="Description">The line's description.</param>
/// <param name="Quantity">The quantity, up to three decimals.</param>
/// <param name="DurationMonths">The covered period in months; null for Pay as you go (external) lines, or when not given.</param>
/// <param name="UnitPrice">The unit price; null for Pay as you go (external) lines and for tiered prices.</param>
/// <param name="Discount">What the discounts took off, rounded.</param>
/// <param name="Taxes">The sum of the line's taxes.</param>
/// <param name="Amount">The line's amount: net + taxes.</param>
/// <param name="Net">The amount without taxes.</param>
/// <param name="TaxAmounts">Each tax of the line.</param>
/// <param name="Explanation">How the amounts were derived.</param>
public sealed record ChargeLine(
    int Number,
    string Description,
    decimal Quantity,
    decimal? DurationMonths,
    Money? UnitPrice,
    Money Discount,
    Money Taxes,
    Money Amount,
    Money Net,
    IReadOnlyList<TaxAmount> TaxAmounts,
    ChargeExplanation Explanation)
{
    /// <summary>Gets the line's description.</summary>
    public string Description { get; } = Preconditions.CheckNotNull(Description);

    /// <summary>Gets each tax of the line.</summary>
    public IReadOnlyList<TaxAmount> TaxAmounts { get; } = Preconditions.CheckNotNull(TaxAmounts);

    /// <summary>Gets how the amounts were derived.</summary>
    public ChargeExplanation Explanation { get; } = Preconditions.CheckNotNull(Explanation);

    /// <summary>Returns the line that gives this one back: every amount negated, the quantity, price and derivation kept.</summary>
    /// <param name="description">The credit's description.</param>
    /// <returns>The negated line.</returns>
    internal ChargeLine Negated(string description) =>
        new(Number, description, Quantity, DurationMonths, UnitPrice, -Discount, -Taxes, -Amount, -Net, [.. TaxAmounts.Select(t => t with { Base = -t.Base, Amount = -t.Amount })], Explanation);
}
