namespace Billing.Domain.EInvoicing;

/// <summary>One row of an EN 16931 VAT breakdown (BG-23): a category and rate, what is taxed under it, and its tax.</summary>
/// <param name="Category">The VAT category and rate (BT-118, BT-119).</param>
/// <param name="TaxableAmount">The sum of its lines' nets less its document allowances plus its document charges (BT-116; BR-S-08, BR-Z-08, BR-E-08 and the like for each category).</param>
/// <param name="TaxAmount">The taxable amount × the rate, rounded half away from zero to two decimals once per category (BT-117, BR-CO-17).</param>
public sealed record VatBreakdown(VatCategory Category, Money TaxableAmount, Money TaxAmount)
{
    /// <summary>Gets the VAT category and rate.</summary>
    public VatCategory Category { get; } = Utility.Preconditions.CheckNotNull(Category);
}
