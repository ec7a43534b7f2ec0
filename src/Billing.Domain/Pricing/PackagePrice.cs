using Billing.Domain.Utility;

namespace Billing.Domain.Pricing;

/// <summary>
/// A price per package of units, the quantity rounded up to whole packages, after an optional number of free units.
/// </summary>
/// <remarks>
/// At 5.00 per 100 units with the first 100 free, 201 units cost 0 + 5 + 5 = 10.00. At 1.25 per 1,000,000
/// tokens, 10 tokens cost one package (1.25) and 1,500,000 cost two (2.50). Zero chargeable units cost nothing.
/// </remarks>
public sealed record PackagePrice : PriceComponent
{
    /// <summary>Initializes a package price.</summary>
    /// <param name="packagePrice">The price of one package; not negative.</param>
    /// <param name="unitsPerPackage">The units in one package; positive.</param>
    /// <param name="freeUnits">The units given free before packages are counted; 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">The price or free units are negative, or the package size is not positive.</exception>
    public PackagePrice(Money packagePrice, decimal unitsPerPackage, decimal freeUnits = 0m)
    {
        Pricing.CheckNotNegative(packagePrice, nameof(packagePrice));
        if (unitsPerPackage <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(unitsPerPackage), unitsPerPackage, "A package holds at least one unit.");
        }

        if (freeUnits < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(freeUnits), freeUnits, "Free units are not negative.");
        }

        PackageAmount = packagePrice;
        UnitsPerPackage = unitsPerPackage;
        FreeUnits = freeUnits;
    }

    /// <summary>Gets the price of one package.</summary>
    public Money PackageAmount { get; }

    /// <summary>Gets the number of units in one package.</summary>
    public decimal UnitsPerPackage { get; }

    /// <summary>Gets the units given free before packages are counted.</summary>
    public decimal FreeUnits { get; }

    /// <inheritdoc />
    public override Currency Currency => PackageAmount.Currency;

    /// <inheritdoc />
    public override Money? UnitPrice => PackageAmount;

    /// <inheritdoc />
    public override string Describe() => $"package of {UnitsPerPackage} units";

    /// <summary>Returns the number of packages charged for <paramref name="quantity"/>: the chargeable units divided by the package size, rounded up.</summary>
    /// <param name="quantity">The quantity.</param>
    /// <returns>The whole number of packages.</returns>
    public decimal PackagesFor(decimal quantity) =>
        quantity <= FreeUnits ? 0m : decimal.Ceiling((quantity - FreeUnits) / UnitsPerPackage);

    private protected override decimal Amount(decimal quantity, List<TierCharge>? tiers) => PackagesFor(quantity) * PackageAmount.Amount;
}
