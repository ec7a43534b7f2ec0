using Billing.Domain.EInvoicing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Billing.Domain.Tests.EInvoicing;

/// <summary>EN 16931 document totals and VAT breakdown, against the official UBL examples to the cent, and the norm's calculation rules as laws.</summary>
public class EInvoiceTotalsTests
{
    private static readonly Currency Eur = Currency.FromCode("EUR");

    public static TheoryData<string, string, (string Id, decimal Net, string Category, decimal Rate)[], (bool IsCharge, decimal Amount, string Category, decimal Rate)[], decimal, (string Category, decimal Rate, decimal Taxable, decimal Tax)[], decimal[]> Documents =>
        En16931Examples.Documents;

    public static TheoryData<string, string, string, decimal, decimal, decimal, (bool IsCharge, decimal Amount)[], string, decimal, decimal> PricedLines => En16931Examples.PricedLines;

    [Theory]
    [MemberData(nameof(Documents))]
    public void TheOfficialExamples_TotalsAndVatBreakdown_AreTheFilesToTheCent(
        string file,
        string currencyCode,
        (string Id, decimal Net, string Category, decimal Rate)[] lines,
        (bool IsCharge, decimal Amount, string Category, decimal Rate)[] adjustments,
        decimal paid,
        (string Category, decimal Rate, decimal Taxable, decimal Tax)[] breakdown,
        decimal[] totals)
    {
        var currency = Currency.FromCode(currencyCode);
        Money In(decimal amount) => new(amount, currency);

        var calculated = EInvoiceTotals.Calculate(
            currency,
            [.. lines.Select(l => EInvoiceLine.OfNet(l.Id, In(l.Net), new VatCategory(l.Category, l.Rate)))],
            [.. adjustments.Select(a => a.IsCharge
                ? AllowanceOrCharge.DocumentCharge(In(a.Amount), new VatCategory(a.Category, a.Rate), "charge")
                : AllowanceOrCharge.DocumentAllowance(In(a.Amount), new VatCategory(a.Category, a.Rate), "allowance"))],
            paid == 0m ? null : In(paid));

        Assert.True(
            totals.SequenceEqual([
                calculated.SumOfLineNets.Amount, calculated.AllowanceTotal.Amount, calculated.ChargeTotal.Amount, calculated.TotalWithoutVat.Amount,
                calculated.VatTotal.Amount, calculated.TotalWithVat.Amount, calculated.AmountDue.Amount]),
            $"{file}: BT-106..115 {string.Join(", ", totals)} stated, {calculated} calculated");
        Assert.Equal(
            breakdown.Select(b => (b.Category, b.Rate, b.Taxable, b.Tax)).OrderBy(b => b.Category, StringComparer.Ordinal).ThenBy(b => b.Rate),
            calculated.VatBreakdown.Select(b => (b.Category.Code, b.Category.RatePercent, b.TaxableAmount.Amount, b.TaxAmount.Amount)).OrderBy(b => b.Code, StringComparer.Ordinal).ThenBy(b => b.RatePercent));
    }

    [Theory]
    [MemberData(nameof(PricedLines))]
    public void TheOfficialExamples_LineNets_AreQuantityTimesPricePerBaseQuantity_LessAllowancesPlusCharges(
        string file, string line, string currencyCode, decimal quantity, decimal price, decimal baseQuantity, (bool IsCharge, decimal Amount)[] adjustments, string category, decimal rate, decimal net)
    {
        var currency = Currency.FromCode(currencyCode);

        var priced = EInvoiceLine.Priced(
            line, quantity, new Money(price, currency), new VatCategory(category, rate), baseQuantity,
            [.. adjustments.Select(a => a.IsCharge ? AllowanceOrCharge.LineCharge(new Money(a.Amount, currency), "charge") : AllowanceOrCharge.LineAllowance(new Money(a.Amount, currency), "allowance"))]);

        Assert.True(priced.Net == new Money(net, currency), $"{file} line {line}: {net} stated, {priced.Net} calculated");
    }

    [Fact]
    public void APercentageAllowance_IsItsBaseTimesThePercentage_ToTheCent()
    {
        // ubl-tc434-example5: a document allowance of 10 % of 1,500.00 is 150.00; 10 % of 0.25 is 0.025, 0.03 half away from zero.
        Assert.Equal(new Money(150.00m, Eur), AllowanceOrCharge.PercentOf(new Money(1_500.00m, Eur), 10m));
        Assert.Equal(new Money(0.03m, Eur), AllowanceOrCharge.PercentOf(new Money(0.25m, Eur), 10m));
        Assert.Throws<ArgumentOutOfRangeException>("percent", () => AllowanceOrCharge.PercentOf(new Money(1m, Eur), 101m));
    }

    [Fact]
    public void TheVatOfACategory_IsRoundedOncePerDocument_NotPerLine()
    {
        // Three lines of 0.10 at 25 %: 0.30 × 25 % = 0.075 -> 0.08 once (BR-CO-17), where each line would give 0.03.
        var lines = Enumerable.Range(1, 3).Select(i => EInvoiceLine.Priced($"{i}", 1m, new Money(0.10m, Eur), VatCategory.Standard(25m))).ToArray();

        var totals = EInvoiceTotals.Calculate(Eur, lines, [], paidAmount: new Money(0.30m, Eur));

        Assert.Equal(new Money(0.08m, Eur), totals.VatTotal);
        Assert.Equal((new Money(0.38m, Eur), new Money(0.08m, Eur)), (totals.TotalWithVat, totals.AmountDue));   // BT-113: the prepaid 0.30 comes off
    }

    [Fact]
    public void BadDocuments_AreRefused_WithTheRuleTheyBreak()
    {
        var line = EInvoiceLine.Priced("1", 1m, new Money(10m, Eur), VatCategory.Standard(21m));

        Assert.Throws<ArgumentException>("lines", () => EInvoiceTotals.Calculate(Eur, [], []));
        Assert.Throws<ArgumentException>("documentAdjustments", () => EInvoiceTotals.Calculate(Eur, [line], [AllowanceOrCharge.LineAllowance(new Money(1m, Eur), "no category")]));
        Assert.Throws<ArgumentException>("lines", () => EInvoiceTotals.Calculate(Currency.FromCode("USD"), [line], []));
        Assert.Throws<ArgumentException>("paidAmount", () => EInvoiceTotals.Calculate(Eur, [line], [], new Money(0.001m, Eur)));
        Assert.Throws<ArgumentException>("code", () => new VatCategory("X", 0m));
        Assert.Throws<ArgumentException>("ratePercent", () => new VatCategory("S", 0m));
        Assert.Throws<ArgumentException>("ratePercent", () => new VatCategory("E", 5m));
        Assert.Throws<ArgumentOutOfRangeException>("baseQuantity", () => EInvoiceLine.Priced("1", 1m, new Money(10m, Eur), VatCategory.Standard(21m), baseQuantity: 0m));
        Assert.Throws<ArgumentException>("netPrice", () => EInvoiceLine.Priced("1", 1m, new Money(-10m, Eur), VatCategory.Standard(21m)));
        Assert.Throws<ArgumentException>("net", () => EInvoiceLine.OfNet("1", new Money(1.005m, Eur), VatCategory.Standard(21m)));
        Assert.Throws<ArgumentException>("amount", () => AllowanceOrCharge.LineCharge(new Money(-1m, Eur), "negative"));
        Assert.Equal(new VatCategory("S", 25m), new VatCategory("S", 25.00m));
    }

    /// <summary>BR-CO-10 and BR-CO-13 to BR-CO-16 hold for any lines, returns, allowances, charges and paid amount; each category's tax is its taxable amount's, rounded once.</summary>
    [Property(MaxTest = Laws.Cases)]
    public Property TheCalculationRules_Hold() =>
        Prop.ForAll(
            Arb.From(
                from lines in Gen.NonEmptyListOf(
                    from quantity in Gen.Choose(-50, 500)
                    from cents in Gen.Choose(0, 2_000_000)
                    from decimals in Gen.Choose(2, 5)
                    from rate in Gen.Elements(0m, 6m, 21m, 25m)
                    select (Quantity: (decimal)quantity, Price: cents / (decimal)Math.Pow(10, decimals), Rate: rate))
                from adjustments in Gen.ListOf(
                    from isCharge in Gen.Elements(true, false)
                    from cents in Gen.Choose(0, 100_000)
                    from rate in Gen.Elements(0m, 6m, 21m, 25m)
                    select (IsCharge: isCharge, Amount: cents / 100m, Rate: rate))
                from paidCents in Gen.Choose(0, 1_000_000)
                select (Lines: lines, Adjustments: adjustments, Paid: paidCents / 100m)),
            d =>
            {
                static VatCategory Category(decimal rate) => rate == 0m ? new VatCategory("Z", 0m) : VatCategory.Standard(rate);
                var lines = d.Lines.Select((l, i) => EInvoiceLine.Priced($"{i}", l.Quantity, new Money(l.Price, Eur), Category(l.Rate))).ToArray();
                var adjustments = d.Adjustments.Select(a => a.IsCharge
                    ? AllowanceOrCharge.DocumentCharge(new Money(a.Amount, Eur), Category(a.Rate), "c")
                    : AllowanceOrCharge.DocumentAllowance(new Money(a.Amount, Eur), Category(a.Rate), "a")).ToArray();
                var t = EInvoiceTotals.Calculate(Eur, lines, adjustments, new Money(d.Paid, Eur));
                return t.SumOfLineNets.Amount == lines.Sum(l => l.Net.Amount)                                                   // BR-CO-10
                    && t.TotalWithoutVat == t.SumOfLineNets - t.AllowanceTotal + t.ChargeTotal                                  // BR-CO-13
                    && t.VatTotal.Amount == t.VatBreakdown.Sum(b => b.TaxAmount.Amount)                                          // BR-CO-14
                    && t.TotalWithVat == t.TotalWithoutVat + t.VatTotal                                                           // BR-CO-15
                    && t.AmountDue == t.TotalWithVat - t.PaidAmount + t.RoundingAmount                                            // BR-CO-16
                    && t.VatBreakdown.Sum(b => b.TaxableAmount.Amount) == t.TotalWithoutVat.Amount                                 // every cent taxed once
                    && t.VatBreakdown.All(b => b.TaxAmount.Amount == RoundingPolicy.Commercial.Round(b.TaxableAmount.Amount * b.Category.RatePercent / 100m, 2))
                    && lines.All(l => decimal.Round(l.Net.Amount, 2) == l.Net.Amount);
            });
}
