using Billing.Domain.Utility;

namespace Billing.Domain.EInvoicing;

/// <summary>
/// The document totals of an EN 16931 invoice or credit note (BG-22) and its VAT breakdown (BG-23), computed from its
/// lines, its document-level allowances and charges, and what was paid in advance, by the norm's calculation rules.
/// </summary>
/// <remarks>
/// BR-CO-10: the sum of line nets (BT-106) is the sum of the lines' nets. BR-CO-11, BR-CO-12: the allowance and charge
/// totals (BT-107, BT-108) are the sums of the document-level ones. BR-CO-13: the total without VAT (BT-109) is
/// BT-106 − BT-107 + BT-108. Per category and rate, the taxable amount (BT-116) is its lines' nets less its allowances
/// plus its charges, and its tax (BT-117) is BT-116 × rate / 100 rounded once (BR-CO-17), never line by line.
/// BR-CO-14: the VAT total (BT-110) is the sum of the categories' taxes. BR-CO-15: the total with VAT (BT-112) is
/// BT-109 + BT-110. BR-CO-16: the amount due (BT-115) is BT-112 − the paid amount (BT-113) + the rounding amount
/// (BT-114). Every amount has two decimals, rounded half away from zero.
/// </remarks>
public sealed record EInvoiceTotals
{
    private EInvoiceTotals(
        Money sumOfLineNets, Money allowances, Money charges, Money withoutVat, Money vat, Money withVat, Money prepaid, Money roundingAmount, Money amountDue,
        IReadOnlyList<VatBreakdown> breakdown)
    {
        SumOfLineNets = sumOfLineNets;
        AllowanceTotal = allowances;
        ChargeTotal = charges;
        TotalWithoutVat = withoutVat;
        VatTotal = vat;
        TotalWithVat = withVat;
        PaidAmount = prepaid;
        RoundingAmount = roundingAmount;
        AmountDue = amountDue;
        VatBreakdown = breakdown;
    }

    /// <summary>Gets the sum of invoice line net amounts (BT-106).</summary>
    public Money SumOfLineNets { get; }

    /// <summary>Gets the sum of allowances on document level (BT-107).</summary>
    public Money AllowanceTotal { get; }

    /// <summary>Gets the sum of charges on document level (BT-108).</summary>
    public Money ChargeTotal { get; }

    /// <summary>Gets the invoice total amount without VAT (BT-109).</summary>
    public Money TotalWithoutVat { get; }

    /// <summary>Gets the invoice total VAT amount (BT-110).</summary>
    public Money VatTotal { get; }

    /// <summary>Gets the invoice total amount with VAT (BT-112).</summary>
    public Money TotalWithVat { get; }

    /// <summary>Gets the paid amount (BT-113): what was paid in advance, such as prepaid credit.</summary>
    public Money PaidAmount { get; }

    /// <summary>Gets the rounding amount (BT-114).</summary>
    public Money RoundingAmount { get; }

    /// <summary>Gets the amount due for payment (BT-115).</summary>
    public Money AmountDue { get; }

    /// <summary>Gets the VAT breakdown (BG-23): one row per category and rate used, in the order first used (lines, then document allowances and charges).</summary>
    public IReadOnlyList<VatBreakdown> VatBreakdown { get; }

    /// <summary>Computes a document's totals and VAT breakdown.</summary>
    /// <param name="currency">The document currency (BT-5).</param>
    /// <param name="lines">The lines, at least one (BR-16).</param>
    /// <param name="documentAdjustments">The document-level allowances and charges (BG-20, BG-21), each with its VAT category.</param>
    /// <param name="paidAmount">The amount paid in advance (BT-113), or null for none.</param>
    /// <param name="roundingAmount">The rounding amount (BT-114), or null for none.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There are no lines, an amount is in another currency, an adjustment is a line's, or an amount has more than two decimals.</exception>
    public static EInvoiceTotals Calculate(
        Currency currency, IReadOnlyList<EInvoiceLine> lines, IReadOnlyList<AllowanceOrCharge> documentAdjustments, Money? paidAmount = null, Money? roundingAmount = null)
    {
        Preconditions.CheckNotNull(lines);
        Preconditions.CheckNotNull(documentAdjustments);
        Preconditions.CheckArgument(lines.Count > 0, nameof(lines), "A document has at least one line (BR-16).");
        var taxable = new Dictionary<VatCategory, decimal>();
        var order = new List<VatCategory>();
        void Add(VatCategory category, decimal amount)
        {
            if (!taxable.TryAdd(category, amount))
            {
                taxable[category] += amount;
            }
            else
            {
                order.Add(category);
            }
        }

        var sumOfNets = 0m;
        foreach (var line in lines)
        {
            Preconditions.CheckNotNull(line, nameof(lines));
            Preconditions.CheckArgument(line.Net.Currency == currency, nameof(lines), $"Line {line.Id} is in {line.Net.Currency}, the document in {currency}.");
            sumOfNets += line.Net.Amount;
            Add(line.Vat, line.Net.Amount);
        }

        var (allowances, charges) = (0m, 0m);
        foreach (var adjustment in documentAdjustments)
        {
            Preconditions.CheckNotNull(adjustment, nameof(documentAdjustments));
            var category = adjustment.Vat ?? throw new ArgumentException("A document-level allowance or charge has its VAT category (BR-32, BR-37).", nameof(documentAdjustments));
            Preconditions.CheckArgument(adjustment.Amount.Currency == currency, nameof(documentAdjustments), $"An allowance or charge is in {adjustment.Amount.Currency}, the document in {currency}.");
            (allowances, charges) = adjustment.IsCharge ? (allowances, charges + adjustment.Amount.Amount) : (allowances + adjustment.Amount.Amount, charges);
            Add(category, adjustment.Signed);
        }

        var paid = TwoDecimals(paidAmount ?? Money.Zero(currency), currency, nameof(paidAmount));
        var rounding = TwoDecimals(roundingAmount ?? Money.Zero(currency), currency, nameof(roundingAmount));
        var breakdown = order.Select(c => new VatBreakdown(c, new Money(taxable[c], currency), new Money(Round(taxable[c] * c.RatePercent / 100m), currency))).ToArray();
        var withoutVat = sumOfNets - allowances + charges;
        var vat = breakdown.Sum(b => b.TaxAmount.Amount);
        var withVat = withoutVat + vat;
        return new EInvoiceTotals(
            new Money(sumOfNets, currency), new Money(allowances, currency), new Money(charges, currency), new Money(withoutVat, currency), new Money(vat, currency),
            new Money(withVat, currency), paid, rounding, new Money(withVat - paid.Amount + rounding.Amount, currency), breakdown);
    }

    /// <summary>Rounds half away from zero to two decimals, as every EN 16931 amount is.</summary>
    internal static decimal Round(decimal amount) => RoundingPolicy.Commercial.Round(amount, 2);

    /// <summary>Returns a value indicating whether an amount has at most the two decimals EN 16931 allows (BR-DEC).</summary>
    internal static bool HasTwoDecimalsAtMost(Money amount) => decimal.Round(amount.Amount, 2) == amount.Amount;

    private static Money TwoDecimals(Money amount, Currency currency, string paramName)
    {
        Preconditions.CheckArgument(amount.Currency == currency, paramName, $"The amount is in {amount.Currency}, the document in {currency}.");
        Preconditions.CheckArgument(HasTwoDecimalsAtMost(amount), paramName, "The amount has at most two decimals.");
        return amount;
    }
}
