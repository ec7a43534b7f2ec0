namespace Billing.Domain.Pricing;

/// <summary>
/// Thrown when a cost rated elsewhere (a gateway's, a provider's bill) is negative and the policy it is read with,
/// <see cref="RatedAmount.ForCost(Money, NegativeQuantityPolicy)"/>, refuses it; nothing is priced.
/// </summary>
public sealed class NegativeCostException : BillingException
{
    /// <summary>The stable code of this rule: <c>pricing.negative_cost</c>.</summary>
    public const string ErrorCode = "pricing.negative_cost";

    /// <summary>Initializes a new instance for the cost refused.</summary>
    /// <param name="cost">The negative cost.</param>
    public NegativeCostException(Money cost)
        : base(ErrorCode, $"The cost {cost} is negative, and it is read with NegativeQuantityPolicy.Refuse; read it with ClampToZero to charge nothing, or correct its source.")
    {
        Cost = cost;
    }

    /// <summary>Gets the negative cost refused.</summary>
    public Money Cost { get; }
}
