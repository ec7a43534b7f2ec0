using Billing.Domain.Pricing;
using Billing.Domain.Utility;

namespace Billing.Domain.Plans;

/// <summary>One priced part of a plan: its fee, a resource or metered usage, and the price component that prices it.</summary>
public sealed record PlanCharge
{
    /// <summary>Initializes a plan charge.</summary>
    /// <param name="name">The charge's name, unique in its plan; charge lines show it, and a subscription's resource quantities are keyed by it.</param>
    /// <param name="kind">What it prices.</param>
    /// <param name="price">How its quantity is priced, per period of the plan.</param>
    /// <param name="defaultQuantity">For a resource, the quantity a new subscription holds; 1 for a fee; 0 for usage.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="price"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space, or <paramref name="defaultQuantity"/> does not suit the kind.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is undefined, or <paramref name="defaultQuantity"/> is negative, above <see cref="PriceComponent.MaxQuantity"/> or has more than three decimals.</exception>
    public PlanCharge(string name, PlanChargeKind kind, PriceComponent price, decimal? defaultQuantity = null)
    {
        Name = Preconditions.CheckText(name);
        Kind = Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown plan charge kind.");
        Price = Preconditions.CheckNotNull(price);
        var quantity = defaultQuantity ?? (kind == PlanChargeKind.Usage ? 0m : 1m);
        if (quantity < 0m || quantity > PriceComponent.MaxQuantity || decimal.Round(quantity, 3) != quantity)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultQuantity), defaultQuantity, $"A quantity is 0 to {PriceComponent.MaxQuantity:N0} with up to three decimals.");
        }

        Preconditions.CheckArgument(kind == PlanChargeKind.Resource || defaultQuantity is null, nameof(defaultQuantity), $"Only a resource has a quantity of its own; a {kind} has {quantity}.");
        DefaultQuantity = quantity;
    }

    /// <summary>Gets the charge's name.</summary>
    public string Name { get; }

    /// <summary>Gets what it prices.</summary>
    public PlanChargeKind Kind { get; }

    /// <summary>Gets how its quantity is priced, per period of the plan.</summary>
    public PriceComponent Price { get; }

    /// <summary>Gets the quantity a new subscription holds: a resource's default, 1 for a fee, 0 for usage.</summary>
    public decimal DefaultQuantity { get; }
}
