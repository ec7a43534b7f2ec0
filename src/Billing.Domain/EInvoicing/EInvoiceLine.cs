using Billing.Domain.Utility;

namespace Billing.Domain.EInvoicing;

/// <summary>
/// A line of an EN 16931 invoice or credit note (BG-25): its net amount (BT-131) is the invoiced quantity times the
/// net price per base quantity, rounded to two decimals, less its allowances and plus its charges; a return is a
/// negative quantity. Prices may have any number of decimals (0.00880 per unit, 15.24 per 12).
/// </summary>
public sealed record EInvoiceLine
{
    private EInvoiceLine(string id, decimal quantity, Money? netPrice, decimal baseQuantity, IReadOnlyList<AllowanceOrCharge> adjustments, VatCategory vat, Money net)
    {
        Id = id;
        Quantity = quantity;
        NetPrice = netPrice;
        BaseQuantity = baseQuantity;
        Adjustments = adjustments;
        Vat = vat;
        Net = net;
    }

    /// <summary>Gets the line's identifier (BT-126).</summary>
    public string Id { get; }

    /// <summary>Gets the invoiced quantity (BT-129), negative on a return line.</summary>
    public decimal Quantity { get; }

    /// <summary>Gets the net price (BT-146) per <see cref="BaseQuantity"/>, or null for a line given by its net amount.</summary>
    public Money? NetPrice { get; }

    /// <summary>Gets the base quantity the price is for (BT-149), 1 unless said.</summary>
    public decimal BaseQuantity { get; }

    /// <summary>Gets the line's allowances and charges (BG-27, BG-28).</summary>
    public IReadOnlyList<AllowanceOrCharge> Adjustments { get; }

    /// <summary>Gets the line's VAT category (BT-151, BT-152).</summary>
    public VatCategory Vat { get; }

    /// <summary>Gets the line net amount (BT-131), two decimals.</summary>
    public Money Net { get; }

    /// <summary>Returns a priced line: its net is quantity × price / base quantity, rounded half away from zero to two decimals, less allowances plus charges.</summary>
    /// <param name="id">The line's identifier.</param>
    /// <param name="quantity">The quantity, negative on a return.</param>
    /// <param name="netPrice">The net price per base quantity, zero or more, any number of decimals.</param>
    /// <param name="vat">The VAT category.</param>
    /// <param name="baseQuantity">The base quantity of the price, above zero.</param>
    /// <param name="adjustments">The line's allowances and charges (made with <see cref="AllowanceOrCharge.LineAllowance"/> or <see cref="AllowanceOrCharge.LineCharge"/>), in the price's currency.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The id is empty, the price is negative, an adjustment is a document's or in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The base quantity is not above zero.</exception>
    public static EInvoiceLine Priced(string id, decimal quantity, Money netPrice, VatCategory vat, decimal baseQuantity = 1m, IReadOnlyList<AllowanceOrCharge>? adjustments = null)
    {
        Preconditions.CheckArgument(netPrice.Amount >= 0m, nameof(netPrice), "A net price is zero or more (BR-27); a return has a negative quantity.");
        if (baseQuantity <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(baseQuantity), baseQuantity, "A base quantity is above zero.");
        }

        adjustments = CheckAdjustments(adjustments ?? [], netPrice.Currency);
        var net = EInvoiceTotals.Round(quantity * netPrice.Amount / baseQuantity) + adjustments.Sum(a => a.Signed);
        return new EInvoiceLine(Preconditions.CheckId(id), quantity, netPrice, baseQuantity, adjustments, Preconditions.CheckNotNull(vat), new Money(net, netPrice.Currency));
    }

    /// <summary>Returns a line given by its net amount (BT-131), as a document states it.</summary>
    /// <param name="id">The line's identifier.</param>
    /// <param name="net">The net amount, two decimals at most, negative on a return.</param>
    /// <param name="vat">The VAT category.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The id is empty or the amount has more than two decimals (BR-DEC-23).</exception>
    public static EInvoiceLine OfNet(string id, Money net, VatCategory vat)
    {
        Preconditions.CheckArgument(EInvoiceTotals.HasTwoDecimalsAtMost(net), nameof(net), "A line net amount has at most two decimals (BR-DEC-23).");
        return new EInvoiceLine(Preconditions.CheckId(id), 0m, null, 1m, [], Preconditions.CheckNotNull(vat), net);
    }

    private static AllowanceOrCharge[] CheckAdjustments(IReadOnlyList<AllowanceOrCharge> adjustments, Currency currency)
    {
        foreach (var adjustment in adjustments)
        {
            Preconditions.CheckNotNull(adjustment, nameof(adjustments));
            Preconditions.CheckArgument(adjustment.Vat is null, nameof(adjustments), "A line's allowances and charges are taxed as the line; a document-level one goes on the document.");
            Preconditions.CheckArgument(adjustment.Amount.Currency == currency, nameof(adjustments), $"An adjustment is in {adjustment.Amount.Currency}, the line in {currency}.");
        }

        return [.. adjustments];
    }
}
