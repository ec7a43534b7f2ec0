namespace Billing.Domain.Charging;

/// <summary>The rounded amounts of one batch line, in the batch's currency.</summary>
/// <param name="Net">The amount after discount, rounded.</param>
/// <param name="Discount">The discount: the rounded price before discount − <paramref name="Net"/>.</param>
/// <param name="Tax">The tax on the net, rounded.</param>
public readonly record struct ChargeAmounts(decimal Net, decimal Discount, decimal Tax)
{
    /// <summary>Gets the line's amount: net + tax.</summary>
    public decimal Amount => Net + Tax;
}
