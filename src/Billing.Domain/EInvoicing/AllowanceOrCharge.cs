using Billing.Domain.Utility;

namespace Billing.Domain.EInvoicing;

/// <summary>
/// An allowance (a reduction) or a charge (a surcharge) of EN 16931: on a line (BG-27, BG-28), or on the document
/// (BG-20, BG-21) with the VAT category it is taxed under. Its amount is given, or is a percentage of a base amount
/// rounded to two decimals (BT-94 × BT-93, BT-101 × BT-100).
/// </summary>
public sealed record AllowanceOrCharge
{
    private AllowanceOrCharge(bool isCharge, Money amount, VatCategory? vat, string reason)
    {
        Preconditions.CheckArgument(amount.Amount >= 0m, nameof(amount), "An allowance or charge amount is zero or more; an allowance reduces, a charge adds.");
        Preconditions.CheckArgument(EInvoiceTotals.HasTwoDecimalsAtMost(amount), nameof(amount), "An allowance or charge amount has at most two decimals (BR-DEC-01, BR-DEC-05, BR-DEC-24, BR-DEC-27).");
        Preconditions.CheckNotNull(reason);
        IsCharge = isCharge;
        Amount = amount;
        Vat = vat;
        Reason = reason;
    }

    /// <summary>Gets a value indicating whether this is a charge (adds) rather than an allowance (reduces).</summary>
    public bool IsCharge { get; }

    /// <summary>Gets the amount, two decimals at most.</summary>
    public Money Amount { get; }

    /// <summary>Gets the VAT category of a document-level allowance or charge; null on a line, which is taxed as its line.</summary>
    public VatCategory? Vat { get; }

    /// <summary>Gets the reason (BT-97, BT-104, BT-139, BT-144).</summary>
    public string Reason { get; }

    /// <summary>Gets the amount as it moves a net: negative for an allowance.</summary>
    internal decimal Signed => IsCharge ? Amount.Amount : -Amount.Amount;

    /// <summary>Returns a line allowance of an amount.</summary>
    /// <param name="amount">The amount, two decimals at most.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The allowance.</returns>
    /// <exception cref="ArgumentException">The amount is negative or has more decimals.</exception>
    public static AllowanceOrCharge LineAllowance(Money amount, string reason) => new(false, amount, null, reason);

    /// <summary>Returns a line charge of an amount.</summary>
    /// <param name="amount">The amount, two decimals at most.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The charge.</returns>
    /// <exception cref="ArgumentException">The amount is negative or has more decimals.</exception>
    public static AllowanceOrCharge LineCharge(Money amount, string reason) => new(true, amount, null, reason);

    /// <summary>Returns a document-level allowance (BG-20) of an amount, taxed under a category.</summary>
    /// <param name="amount">The amount, two decimals at most.</param>
    /// <param name="vat">The category it reduces.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The allowance.</returns>
    /// <exception cref="ArgumentException">The amount is negative or has more decimals.</exception>
    public static AllowanceOrCharge DocumentAllowance(Money amount, VatCategory vat, string reason) => new(false, amount, Preconditions.CheckNotNull(vat), reason);

    /// <summary>Returns a document-level charge (BG-21) of an amount, taxed under a category.</summary>
    /// <param name="amount">The amount, two decimals at most.</param>
    /// <param name="vat">The category it adds to.</param>
    /// <param name="reason">The reason.</param>
    /// <returns>The charge.</returns>
    /// <exception cref="ArgumentException">The amount is negative or has more decimals.</exception>
    public static AllowanceOrCharge DocumentCharge(Money amount, VatCategory vat, string reason) => new(true, amount, Preconditions.CheckNotNull(vat), reason);

    /// <summary>Returns the amount a percentage of a base amount comes to, rounded half away from zero to two decimals (BT-92 = BT-93 × BT-94 / 100).</summary>
    /// <param name="baseAmount">The base amount.</param>
    /// <param name="percent">The percentage, 0 to 100.</param>
    /// <returns>The amount.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The percentage is outside 0 to 100.</exception>
    public static Money PercentOf(Money baseAmount, decimal percent) =>
        percent is >= 0m and <= 100m
            ? new Money(EInvoiceTotals.Round(baseAmount.Amount * percent / 100m), baseAmount.Currency)
            : throw new ArgumentOutOfRangeException(nameof(percent), percent, "A percentage is 0 to 100.");
}
