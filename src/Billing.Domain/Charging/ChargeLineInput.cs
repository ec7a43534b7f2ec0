namespace Billing.Domain.Charging;

/// <summary>One line of a batch: a quantity at a unit price, less a percentage discount.</summary>
/// <param name="Quantity">The quantity: 0 or more, up to three decimals.</param>
/// <param name="UnitPrice">The unit price: 0 or more.</param>
/// <param name="DiscountPercent">The percentage off, 0 to 100.</param>
public readonly record struct ChargeLineInput(decimal Quantity, decimal UnitPrice, decimal DiscountPercent = 0m);
