using Billing.Domain.Utility;
namespace Billing.Domain.Charging;

/// <summary>The charge lines of one document (an invoice's Charges table) with their totals and the tax per rate.</summary>
/// <param name="Currency">The currency of every line.</param>
/// <param name="Lines">The lines, numbered from 1.</param>
/// <param name="Net">The sum of the lines' nets.</param>
/// <param name="Taxes">The sum of the lines' taxes.</param>
/// <param name="Total">The sum of the lines' amounts: <see cref="Net"/> + <see cref="Taxes"/>.</param>
/// <param name="TaxSummary">Per tax rate: the nets it applies to and its tax, in order of first appearance.</param>
public sealed record ChargeDocument(
    Currency Currency,
    IReadOnlyList<ChargeLine> Lines,
    Money Net,
    Money Taxes,
    Money Total,
    IReadOnlyList<TaxAmount> TaxSummary)
{
    /// <summary>Gets the lines, numbered from 1.</summary>
    public IReadOnlyList<ChargeLine> Lines { get; } = Preconditions.CheckNotNull(Lines);

    /// <summary>Gets per tax rate: the nets it applies to and its tax, in order of first appearance.</summary>
    public IReadOnlyList<TaxAmount> TaxSummary { get; } = Preconditions.CheckNotNull(TaxSummary);

    /// <summary>Makes the document of calculated lines, numbered from 1 in the order given, with their totals and tax summary.</summary>
    /// <exception cref="CurrencyMismatchException">A line is in another currency.</exception>
    internal static ChargeDocument Of(Currency currency, IReadOnlyList<ChargeLine> lines)
    {
        var numbered = lines.Select((line, i) => line.Number == i + 1 ? line : line with { Number = i + 1 }).ToList();
        var summary = numbered
            .SelectMany(line => line.TaxAmounts)
            .GroupBy(tax => tax.Rate)
            .Select(group => new TaxAmount(group.Key, Money.Sum(group.Select(t => t.Base), currency), Money.Sum(group.Select(t => t.Amount), currency)))
            .ToList();
        return new ChargeDocument(
            currency,
            numbered,
            Money.Sum(numbered.Select(l => l.Net), currency),
            Money.Sum(numbered.Select(l => l.Taxes), currency),
            Money.Sum(numbered.Select(l => l.Amount), currency),
            summary);
    }
}
