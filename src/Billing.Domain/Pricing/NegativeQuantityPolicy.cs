namespace Billing.Domain.Pricing;

/// <summary>What a price does with a negative quantity from a meter or a gateway (<see cref="PriceComponent.NegativeQuantities"/>).</summary>
public enum NegativeQuantityPolicy
{
    /// <summary>Refuse it: <see cref="NegativeQuantityException"/> (<c>pricing.negative_quantity</c>), nothing priced. The default.</summary>
    Refuse = 0,

    /// <summary>Price it as zero: a meter's correction below zero charges nothing and credits nothing.</summary>
    ClampToZero = 1,
}
