using Billing.Domain.Utility;
namespace Billing.Domain.Charging;

/// <summary>The tax of one rate on a line or a document.</summary>
/// <param name="Rate">The tax rate.</param>
/// <param name="Base">The net amount the tax is on.</param>
/// <param name="Amount">The tax, rounded.</param>
public sealed record TaxAmount(TaxRate Rate, Money Base, Money Amount)
{
    /// <summary>Gets the tax rate.</summary>
    public TaxRate Rate { get; } = Preconditions.CheckNotNull(Rate);
}
