namespace Billing.Domain.Pricing;

/// <summary>How much of a quantity one tier priced, for a charge's explanation.</summary>
/// <param name="Tier">The tier's position, from 1.</param>
/// <param name="Quantity">The units priced in this tier.</param>
/// <param name="UnitPrice">The tier's unit price.</param>
/// <param name="FlatFee">The tier's flat fee, charged because the quantity reached the tier.</param>
/// <param name="Amount">Quantity × unit price + flat fee, unrounded.</param>
public sealed record TierCharge(int Tier, decimal Quantity, Money UnitPrice, Money FlatFee, Money Amount);
