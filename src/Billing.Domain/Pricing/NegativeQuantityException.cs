namespace Billing.Domain.Pricing;

/// <summary>
/// Thrown when a price whose <see cref="PriceComponent.NegativeQuantities"/> is <see cref="NegativeQuantityPolicy.Refuse"/>
/// is given a negative quantity, as a meter or a gateway can report; nothing is priced.
/// </summary>
public sealed class NegativeQuantityException : BillingException
{
    /// <summary>The stable code of this rule: <c>pricing.negative_quantity</c>.</summary>
    public const string ErrorCode = "pricing.negative_quantity";

    /// <summary>Initializes a new instance for the quantity refused.</summary>
    /// <param name="quantity">The negative quantity.</param>
    /// <param name="price">The price's model, as <see cref="PriceComponent.Describe"/> names it.</param>
    public NegativeQuantityException(decimal quantity, string price)
        : base(ErrorCode, $"The quantity {quantity.ToString(System.Globalization.CultureInfo.InvariantCulture)} is negative, and the {price} price refuses negative quantities; clamp them to zero with NegativeQuantityPolicy.ClampToZero, or correct the meter.")
    {
        Quantity = quantity;
    }

    /// <summary>Gets the negative quantity refused.</summary>
    public decimal Quantity { get; }
}
