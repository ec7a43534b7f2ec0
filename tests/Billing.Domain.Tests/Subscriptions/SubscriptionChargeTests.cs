using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionChargeTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    private static readonly ChargeLine Line = new ChargeEngine(ChargePolicy.PerLine).Calculate(ChargeSpec.For("Fee", 1m, new PerUnitPrice(new Money(20m, Currency.FromCode("USD")))));

    private static SubscriptionCharge Open(string subscription = "sub-1", string account = "acc") =>
        new(SubscriptionCharge.KeyFor(subscription, March, "Fee"), account, subscription, "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Open, At, null, 0);

    [Fact]
    public void KeyFor_IsTheSubscriptionThePeriodsFirstDayAndTheCharge()
    {
        Assert.Equal("sub-1/2026-03-01/Fee", SubscriptionCharge.KeyFor("sub-1", March, "Fee"));
        Assert.NotEqual(SubscriptionCharge.KeyFor("sub-1", March, "Fee"), SubscriptionCharge.KeyFor("sub-1", March, "Seats"));
        Assert.Throws<ArgumentException>("subscriptionId", () => SubscriptionCharge.KeyFor(" ", March, "Fee"));
        Assert.Throws<ArgumentException>("chargeName", () => SubscriptionCharge.KeyFor("sub-1", March, ""));
    }

    [Fact]
    public void KeyFor_APartOfThePeriod_NamesItsFirstDayTermsAndAttempt_AndCreditKeysNameTheirDay()
    {
        var day = new LocalDate(2026, 3, 16);

        Assert.Equal("sub-1/2026-03-01/Fee", SubscriptionCharge.KeyFor("sub-1", March, "Fee", March.Start, 0, 1));
        Assert.Equal("sub-1/2026-03-01/Fee/from-2026-03-16/terms-2/3", SubscriptionCharge.KeyFor("sub-1", March, "Fee", day, 2, 3));
        Assert.Equal("sub-1/2026-03-01/Fee/credit-2026-03-16", SubscriptionCharge.CreditKeyFor("sub-1/2026-03-01/Fee", day));
        Assert.Throws<ArgumentException>("from", () => SubscriptionCharge.KeyFor("sub-1", March, "Fee", new LocalDate(2026, 4, 1)));
        Assert.Throws<ArgumentOutOfRangeException>("terms", () => SubscriptionCharge.KeyFor("sub-1", March, "Fee", day, -1));
        Assert.Throws<ArgumentOutOfRangeException>("attempt", () => SubscriptionCharge.KeyFor("sub-1", March, "Fee", day, 0, 0));
        Assert.Throws<ArgumentException>("chargeId", () => SubscriptionCharge.CreditKeyFor(" ", day));
    }

    [Fact]
    public void CloseOnto_ClosesAnOpenChargeOntoAnInvoice_OnInvoiceRestoresTheLink()
    {
        var onto = Open().CloseOnto("inv-3", At + Duration.FromDays(31));

        Assert.Equal(("inv-3", SubscriptionChargeStatus.Closed, (Instant?)(At + Duration.FromDays(31))), (onto.InvoiceId, onto.Status, onto.ClosedAt));
        Assert.Throws<ArgumentException>("invoiceId", () => onto.CloseOnto("inv-4", At + Duration.FromDays(40)));   // closed already
        Assert.Throws<ArgumentException>("invoiceId", () => Open().CloseOnto(" ", At));
        Assert.Throws<ArgumentException>("at", () => Open().CloseOnto("inv-3", At - Duration.FromSeconds(1)));
        Assert.Equal("inv-3", Open().Close(At).OnInvoice("inv-3").InvoiceId);
        Assert.Null(onto.OnInvoice(null).InvoiceId);
        Assert.Throws<ArgumentException>("invoiceId", () => Open().OnInvoice("inv-3"));                            // an open charge is on no invoice
        Assert.Throws<ArgumentException>("invoiceId", () => Open().Close(At).OnInvoice(" "));
        Assert.Equal(At, new SubscriptionCharge(Open().ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Closed, At, At, 0).ClosedAt);   // closed the instant it was made
    }

    [Fact]
    public void Close_SetsStatusAndInstantOnce()
    {
        var closed = Open().Close(At + Duration.FromDays(31));

        Assert.Equal((SubscriptionChargeStatus.Closed, (Instant?)(At + Duration.FromDays(31))), (closed.Status, closed.ClosedAt));
        Assert.Same(closed, closed.Close(At + Duration.FromDays(40)));
        Assert.Throws<ArgumentException>("at", () => Open().Close(At - Duration.FromSeconds(1)));
        Assert.Equal(Line.Amount, closed.Amount);
    }

    [Fact]
    public void Constructor_RefusesInconsistentParts()
    {
        var charge = Open();

        Assert.Throws<ArgumentException>("ClosedAt", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Closed, At, null, 0));
        Assert.Throws<ArgumentException>("ClosedAt", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Open, At, At, 0));
        Assert.Throws<ArgumentException>("ClosedAt", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Closed, At, At - Duration.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>("Status", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, Line, (SubscriptionChargeStatus)7, At, null, 0));
        Assert.Throws<ArgumentOutOfRangeException>("PlanVersion", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 0, "Fee", March, Line, SubscriptionChargeStatus.Open, At, null, 0));
        Assert.Throws<ArgumentOutOfRangeException>("Version", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Open, At, null, -1));
        Assert.Throws<ArgumentNullException>("Line", () => new SubscriptionCharge(charge.ChargeId, "acc", "sub-1", "pro", 1, "Fee", March, null!, SubscriptionChargeStatus.Open, At, null, 0));
        Assert.Throws<ArgumentException>("AccountId", () => new SubscriptionCharge(charge.ChargeId, " ", "sub-1", "pro", 1, "Fee", March, Line, SubscriptionChargeStatus.Open, At, null, 0));
    }

    [Fact]
    public void Query_MatchesEveryFilter()
    {
        var open = Open();
        var closed = open.Close(At + Duration.FromDays(31));

        Assert.True(new SubscriptionChargeQuery("acc").Matches(open));
        Assert.False(new SubscriptionChargeQuery("other").Matches(open));
        Assert.False(new SubscriptionChargeQuery("acc") { SubscriptionId = "sub-2" }.Matches(open));
        Assert.False(new SubscriptionChargeQuery("acc") { Status = SubscriptionChargeStatus.Closed }.Matches(open));
        Assert.False(new SubscriptionChargeQuery("acc") { Closed = new InstantRange(At, null) }.Matches(open));
        Assert.True(new SubscriptionChargeQuery("acc") { Closed = new InstantRange(At, null) }.Matches(closed));
        Assert.False(new SubscriptionChargeQuery("acc") { Closed = new InstantRange(null, At + Duration.FromDays(31)) }.Matches(closed));
        Assert.Throws<ArgumentNullException>("charge", () => new SubscriptionChargeQuery("acc").Matches(null!));
        Assert.Throws<ArgumentException>("accountId", () => new SubscriptionChargeQuery(""));
    }
}
