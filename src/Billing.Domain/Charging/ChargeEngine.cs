using System.Numerics;
using Billing.Domain.Pricing;
using Billing.Domain.Utility;

namespace Billing.Domain.Charging;

/// <summary>
/// Turns charge specs into charge lines and documents, exactly: amounts keep every decimal until the policy
/// rounds them, once, where stated.
/// </summary>
/// <remarks>
/// <para>Per line, in this order: price the quantity; multiply by the proration factor; raise to the minimum;
/// apply the discounts in the order listed, never below zero; round (this is the line's net, or for inclusive
/// taxes its gross); compute the taxes.</para>
/// <para>Exclusive taxes: each rate's tax is net × rate, rounded on the line (<see cref="TaxRounding.PerLine"/>),
/// or computed once per document on the sum of its lines' nets, rounded, and shared back to the lines in
/// proportion to their nets (<see cref="TaxRounding.PerDocument"/>, as EN 16931). Inclusive taxes: the net is
/// gross / (1 + Σ rates), rounded; the tax is gross − net, shared between the rates in proportion to their
/// percentages; so net + taxes = gross to the minor unit. Shares go by the largest remainder, the earlier first
/// on a tie.</para>
/// </remarks>
public sealed class ChargeEngine
{
    /// <summary>
    /// The most a charge line may come to, priced and prorated: 10^24. A quantity (at most 10^12) at a price (at most
    /// 10^15) can reach 10^27; a line is refused above this bound so that its taxes and a document of tens of
    /// thousands of lines stay inside the range of <see cref="decimal"/>.
    /// </summary>
    public const decimal MaxLineAmount = 1_000_000_000_000_000_000_000_000m;

    /// <summary>Initializes an engine that rounds by <paramref name="policy"/>.</summary>
    /// <param name="policy">How amounts and taxes are rounded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public ChargeEngine(ChargePolicy policy)
    {
        Policy = Preconditions.CheckNotNull(policy);
    }

    /// <summary>Gets how the engine rounds.</summary>
    public ChargePolicy Policy { get; }

    /// <summary>Calculates one line on its own (a document of one line).</summary>
    /// <param name="spec">What to charge.</param>
    /// <param name="number">The line's number, from 1.</param>
    /// <returns>The line.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    /// <exception cref="ArgumentException">A minimum or fixed discount is in another currency than the component.</exception>
    public ChargeLine Calculate(ChargeSpec spec, int number = 1)
    {
        Preconditions.CheckNotNull(spec);
        Preconditions.CheckRange(number, 1, int.MaxValue);
        return CalculateDocument([spec]).Lines[0] with { Number = number };
    }

    /// <summary>Calculates the lines of a document, with taxes rounded as the policy says.</summary>
    /// <param name="specs">The lines' specs, in order; at least one, all in one currency.</param>
    /// <returns>The document: lines numbered from 1, totals and the tax per rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="specs"/> is null or holds null.</exception>
    /// <exception cref="ArgumentException"><paramref name="specs"/> is empty, or mixes currencies, or a spec's amounts are in another currency than its component.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A line comes to more than <see cref="MaxLineAmount"/>.</exception>
    public ChargeDocument CalculateDocument(IReadOnlyList<ChargeSpec> specs)
    {
        Preconditions.CheckNotNull(specs);
        Preconditions.CheckArgument(specs.Count > 0, nameof(specs), "A document has at least one line.");
        var currency = Preconditions.CheckNotNull(specs[0], nameof(specs)).Component.Currency;
        var scale = Policy.ScaleFor(currency);
        var drafts = new LineDraft[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = Preconditions.CheckNotNull(specs[i], nameof(specs));
            Preconditions.CheckArgument(spec.Component.Currency == currency, nameof(specs), $"Line {i + 1} is in {spec.Component.Currency.Code}, not {currency.Code}: a document has one currency.");
            spec.CheckCurrencies();
            drafts[i] = Price(spec, scale);
        }

        if (Policy.TaxRounding == TaxRounding.PerDocument)
        {
            TaxPerDocument(drafts, currency, scale);
        }

        var lines = new ChargeLine[drafts.Length];
        for (var i = 0; i < drafts.Length; i++)
        {
            lines[i] = drafts[i].ToLine(i + 1, currency, Policy.TaxRounding);
        }

        return ChargeDocument.Of(currency, lines);
    }

    private LineDraft Price(ChargeSpec spec, int scale)
    {
        var currency = spec.Component.Currency;
        var tiers = new List<TierCharge>();
        var price = spec.Component.Price(spec.Quantity, tiers).Amount;
        if (price > MaxLineAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), price, $"{spec.Description} comes to {price}: a line is at most {MaxLineAmount:N0}.");
        }

        var prorated = price * spec.Proration.Numerator / spec.Proration.Denominator;
        var minimumApplied = spec.Minimum is { } minimum && minimum.Amount > prorated;
        var subtotal = minimumApplied ? spec.Minimum!.Value.Amount : prorated;
        if (subtotal > MaxLineAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), subtotal, $"{spec.Description} comes to {subtotal} once prorated: a line is at most {MaxLineAmount:N0}.");
        }
        var running = subtotal;
        var steps = new List<DiscountStep>(spec.Discounts.Count);
        foreach (var discount in spec.Discounts)
        {
            var off = discount.AmountOff(running);
            running -= off;
            steps.Add(new DiscountStep(discount, new Money(off, currency)));
        }

        var rounded = Round(running, scale);
        var draft = new LineDraft(spec, tiers, price, prorated, minimumApplied, steps, running, rounded, Round(subtotal, scale) - rounded);
        if (spec.TaxMode == TaxMode.Inclusive)
        {
            TaxInclusive(draft, currency, scale);
        }
        else if (Policy.TaxRounding == TaxRounding.PerLine)
        {
            foreach (var rate in spec.Taxes)
            {
                var exact = rounded * rate.Percent / 100m;
                draft.Taxes.Add(new TaxStep(rate, new Money(rounded, currency), new Money(exact, currency), new Money(Round(exact, scale), currency)));
            }
        }

        return draft;
    }

    // Net = gross / (1 + Σ rates), rounded; the tax is the rest, shared between the rates by their percentages.
    private void TaxInclusive(LineDraft draft, Currency currency, int scale)
    {
        var gross = draft.RoundedAmount;
        var rates = draft.Spec.Taxes;
        var totalPercent = rates.Sum(r => r.Percent);
        // Stryker disable once Conditional : at 0 % the division gives the gross itself (equivalent)
        var net = totalPercent == 0m ? gross : Round(gross * 100m / (100m + totalPercent), scale);
        draft.Net = net;
        var shares = totalPercent == 0m ? new decimal[rates.Count] : Share(gross - net, scale, Allocator.WeightsOf([.. rates.Select(r => r.Percent)]));
        for (var i = 0; i < rates.Count; i++)
        {
            var exact = totalPercent == 0m ? 0m : (gross - net) * rates[i].Percent / totalPercent;
            draft.Taxes.Add(new TaxStep(rates[i], new Money(net, currency), new Money(exact, currency), new Money(shares[i], currency)));
        }
    }

    // EN 16931: per rate, the tax of the summed line nets, rounded once, then shared back to the lines by their nets.
    private void TaxPerDocument(LineDraft[] drafts, Currency currency, int scale)
    {
        var rates = drafts.Where(d => d.Spec.TaxMode == TaxMode.Exclusive).SelectMany(d => d.Spec.Taxes).Distinct().ToList();
        foreach (var rate in rates)
        {
            var lines = drafts.Where(d => d.Spec.TaxMode == TaxMode.Exclusive && d.Spec.Taxes.Contains(rate)).ToList();
            var nets = lines.Sum(d => d.Net);
            var tax = Round(nets * rate.Percent / 100m, scale);
            var weights = lines.Select(d => new BigInteger(d.Net / DecimalMath.Unit(scale))).ToArray(); // nets are rounded to scale: whole units
            var shares = nets == 0m ? new decimal[lines.Count] : Share(tax, scale, weights);
            for (var i = 0; i < lines.Count; i++)
            {
                var exact = lines[i].Net * rate.Percent / 100m;
                lines[i].Taxes.Add(new TaxStep(rate, new Money(lines[i].Net, currency), new Money(exact, currency), new Money(shares[i], currency)));
            }
        }

        // Keep each line's taxes in the order its spec lists them.
        foreach (var draft in drafts)
        {
            draft.Taxes.Sort((a, b) => IndexOf(draft.Spec.Taxes, a.Rate).CompareTo(IndexOf(draft.Spec.Taxes, b.Rate)));
        }
    }

    // Every step's rate is on its line, so the search ends within the list.
    private static int IndexOf(IReadOnlyList<TaxRate> rates, TaxRate rate)
    {
        var i = 0;
        while (rates[i] != rate)
        {
            i++;
        }

        return i;
    }

    // Shares an amount already rounded to scale, in whole units of that scale, by weights.
    private static decimal[] Share(decimal amount, int scale, ReadOnlySpan<BigInteger> weights)
    {
        var unit = DecimalMath.Unit(scale);
        var units = Allocator.Allocate(amount / unit, weights);
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = DecimalMath.WithScale(units[i] * unit, scale);
        }

        return units;
    }

    private decimal Round(decimal value, int scale) => Policy.Rounding.Round(value, scale);

    private sealed class LineDraft(
        ChargeSpec spec,
        IReadOnlyList<TierCharge> tiers,
        decimal price,
        decimal prorated,
        bool minimumApplied,
        IReadOnlyList<DiscountStep> discounts,
        decimal unrounded,
        decimal rounded,
        decimal discount)
    {
        public ChargeSpec Spec { get; } = spec;

        public decimal RoundedAmount { get; } = rounded;

        public decimal Net { get; set; } = rounded;

        public List<TaxStep> Taxes { get; } = [];

        public ChargeLine ToLine(int number, Currency currency, TaxRounding taxRounding)
        {
            var taxes = Money.Sum(Taxes.Select(t => t.Rounded), currency);
            var net = new Money(Net, currency);
            var explanation = new ChargeExplanation(
                Spec.Component.Describe(), Spec.Quantity, tiers, new Money(price, currency), Spec.Proration, new Money(prorated, currency),
                Spec.Minimum, minimumApplied, discounts, new Money(unrounded, currency), new Money(RoundedAmount, currency), Spec.TaxMode, taxRounding, [.. Taxes]);
            return new ChargeLine(
                number,
                Spec.Description,
                Spec.Quantity,
                Spec.IsPayAsYouGoExternal ? null : Spec.DurationMonths,
                Spec.IsPayAsYouGoExternal ? null : Spec.Component.UnitPrice,
                new Money(discount, currency),
                taxes,
                net + taxes,
                net,
                [.. Taxes.Select(t => new TaxAmount(t.Rate, t.Base, t.Rounded))],
                explanation);
        }
    }
}
