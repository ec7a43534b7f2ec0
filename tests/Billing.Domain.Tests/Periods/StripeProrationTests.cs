using Billing.Domain.Periods;

namespace Billing.Domain.Tests.Periods;

/// <summary>
/// Stripe's proration, to the cent: the worked examples of its Prorations page
/// (https://docs.stripe.com/billing/subscriptions/prorations: "How prorations work", "Calculation logic with no
/// prorations", "Calculation logic for coupons applied to multiple subscription items" and the preview invoice of
/// "Preview a proration"). Stripe prorates by the second over the current period's start and end and rounds each
/// proration line on its own: <c>Proration.Factor(covered, full)</c> over instants, then
/// <c>factor.Apply(price, RoundingPolicy.Commercial)</c> per line, a credit negated.
/// </summary>
public class StripeProrationTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");

    // April 2026, 30 days, as the page's April 1 subscription.
    private static readonly Interval April = new(Utc(4, 1), Utc(5, 1));

    [Fact]
    public void Preview_SilverToGold_OnSeptember1_CreditsAndChargesBySecond()
    {
        // The preview invoice: period_start 1596749288, period_end 1599427688, proration_date 1598982148. Lines: unused
        // time on Silver (unit_amount 1000) -166, remaining time on Gold (3252) 541, the next period's Gold 3252;
        // subtotal, total and amount_due 3627.
        var period = new Interval(Instant.FromUnixTimeSeconds(1596749288), Instant.FromUnixTimeSeconds(1599427688));
        var factor = Proration.Factor(new Interval(Instant.FromUnixTimeSeconds(1598982148), period.End), period);

        var unusedSilver = -Line(factor, 10.00m);
        var remainingGold = Line(factor, 32.52m);

        Assert.Equal(new ProrationFactor(445540, 2678400), factor);
        Assert.Equal(M(-1.66m), unusedSilver);       // 166.345 cents
        Assert.Equal(M(5.41m), remainingGold);       // 540.953 cents: to the nearest cent, not down
        Assert.Equal(M(36.27m), unusedSilver + remainingGold + M(32.52m));
    }

    [Fact]
    public void ClassicMode_DowngradeAfterAnUnproratedUpgrade_RoundsEachLineOnItsOwn()
    {
        // 10 USD from April 1, upgraded to 20 USD on April 11 without prorations, downgraded to 10 USD on April 21:
        // classic mode credits a third of a month at 20 USD (-6.67) and debits a third at 10 USD (3.33); total -334.
        var factor = Proration.Factor(new Interval(Utc(4, 21), April.End), April);

        var credit = -Line(factor, 20.00m);
        var debit = Line(factor, 10.00m);

        Assert.Equal(new ProrationFactor(1, 3), factor);
        Assert.Equal((M(-6.67m), M(3.33m), M(-3.34m)), (credit, debit, credit + debit));
        Assert.Equal(M(-3.33m), -Line(factor, 20.00m - 10.00m));   // rounding the net instead would miss Stripe's total by a cent
    }

    [Fact]
    public void FlexibleMode_DowngradeAfterAnUnproratedUpgrade_CreditsTheLastPriceBilled()
    {
        // Flexible mode credits a third of the 10 USD billed on April 1 (3.33) and debits a third of 10 USD: total 0.
        var factor = Proration.Factor(new Interval(Utc(4, 21), April.End), April);

        Assert.Equal(M(0m), -Line(factor, 10.00m) + Line(factor, 10.00m));
    }

    [Fact]
    public void Upgrade_HalfwayThroughThePeriod_CreditsHalfTheOldPriceAndChargesHalfTheNew()
    {
        // "If a customer upgrades from a 10 USD monthly plan to a 20 USD option ... halfway through the billing period,
        // the customer is billed an additional 5 USD: -5 USD for unused time on the initial price, and 10 USD for the
        // remaining time on the new price."
        var factor = Proration.Factor(new Interval(Utc(4, 16), April.End), April);

        Assert.Equal((M(-5.00m), M(10.00m)), (-Line(factor, 10.00m), Line(factor, 20.00m)));
    }

    [Fact]
    public void CouponOnTwoItems_CancellingTheCheaperHalfway_CreditsItsShareOfTheCoupon()
    {
        // A 5 USD coupon on a 10 USD and a 20 USD item: the first invoice's discount_amounts are 166 and 334 (total 2500).
        // Cancelling the 10 USD item halfway: flexible mode credits -0.5 x (10 USD - 1.66 USD) = -4.17 USD; classic mode
        // takes the whole coupon, -0.5 x (10 USD - 5 USD) = -2.50 USD.
        var shares = M(5.00m).Allocate(AllocationStyle.RoundedRemainderLast, [10.00m, 20.00m], RoundingMode.TowardZero);
        var half = Proration.Factor(new Interval(Utc(4, 16), April.End), April);

        Assert.Equal(new[] { M(1.66m), M(3.34m) }, shares);
        Assert.Equal(M(25.00m), M(10.00m) + M(20.00m) - shares[0] - shares[1]);
        Assert.Equal(M(-4.17m), -Line(half, 10.00m - shares[0].Amount));
        Assert.Equal(M(-2.50m), -Line(half, 10.00m - 5.00m));
    }

    private static Money Line(ProrationFactor factor, decimal price) => factor.Apply(M(price), RoundingPolicy.Commercial);

    private static Money M(decimal amount) => new(amount, Usd);

    private static Instant Utc(int month, int day) => Instant.FromUtc(2026, month, day, 0, 0);
}
