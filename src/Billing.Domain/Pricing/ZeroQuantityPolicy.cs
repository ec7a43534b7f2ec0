namespace Billing.Domain.Pricing;

/// <summary>What tiers charge for a quantity of zero (<see cref="TieredPrice.ZeroQuantity"/>): the systems a host migrates from disagree.</summary>
public enum ZeroQuantityPolicy
{
    /// <summary>
    /// Nothing, flat fees included: zero reaches no tier. The default, and Lago's graduated and volume models until
    /// mid-2026 (lago-api's graduated spec: "does not apply the flat amount for 0").
    /// </summary>
    ChargesNothing = 0,

    /// <summary>
    /// The first tier's flat fee: tiers start at zero, so a period without usage still pays it. Stripe's tiers, OpenMeter's
    /// (and Kong's, on it), and Lago's graduated and volume models since lago-api pull request 5760.
    /// </summary>
    ChargesFirstTierFlatFee = 1,
}
