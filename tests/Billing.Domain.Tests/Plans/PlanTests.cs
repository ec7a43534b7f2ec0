using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Plans;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Plans;

public class PlanTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly LocalDate Jan1 = new(2026, 1, 1);

    private static Money M(decimal amount) => new(amount, Usd);

    private static PlanCharge Fee(decimal amount) => new("Fee", PlanChargeKind.Fee, new PerUnitPrice(M(amount)));

    private static Plan Pro(int version = 1, LocalDate? from = null, decimal fee = 20m) =>
        new("pro", version, from ?? Jan1, "Pro", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance, [Fee(fee)]);

    [Fact]
    public void Plan_KeepsWhatItWasGiven()
    {
        var seats = new PlanCharge("Seats", PlanChargeKind.Resource, new PerUnitPrice(M(5m)), defaultQuantity: 3m);
        var calls = new PlanCharge("Calls", PlanChargeKind.Usage, new GraduatedPrice([new(1_000m, M(0m)), new(null, M(0.01m))]));
        var vat = new TaxRate("VAT", 21m);

        var plan = new Plan("team", 2, Jan1, "Team", BillingType.Recurring, BillingInterval.ThirtyDays, BillingMode.InArrears, [Fee(10m), seats, calls], M(15m), [vat], TaxMode.Inclusive, BillingInterval.OfDays(14));

        Assert.Equal(("team", 2, Jan1, "Team"), (plan.Id, plan.Version, plan.EffectiveFrom, plan.Name));
        Assert.Equal((BillingType.Recurring, BillingInterval.ThirtyDays, BillingMode.InArrears), (plan.BillingType, plan.Interval, plan.Mode));
        Assert.Equal(["Fee", "Seats", "Calls"], plan.Charges.Select(c => c.Name));
        Assert.Equal([1m, 3m, 0m], plan.Charges.Select(c => c.DefaultQuantity));
        Assert.Equal((Usd, (Money?)M(15m), TaxMode.Inclusive, (BillingInterval?)BillingInterval.OfDays(14)), (plan.Currency, plan.Minimum, plan.TaxMode, plan.Trial));
        Assert.Equal([vat], plan.Taxes);
        Assert.Same(seats, plan.ChargeNamed("Seats"));
        Assert.Null(plan.ChargeNamed("seats"));
    }

    [Fact]
    public void Plan_BadParts_ThrowArgument()
    {
        var eur = new PlanCharge("Other", PlanChargeKind.Fee, new PerUnitPrice(new Money(1m, Currency.FromCode("EUR"))));
        var usage = new PlanCharge("Calls", PlanChargeKind.Usage, new PerUnitPrice(M(0.01m)));
        Plan Make(BillingType type = BillingType.Recurring, BillingMode mode = BillingMode.InAdvance, PlanCharge[]? charges = null, Money? minimum = null, BillingInterval? trial = null, BillingInterval? interval = null, int version = 1) =>
            new("p", version, Jan1, "P", type, interval ?? BillingInterval.Monthly, mode, charges ?? [Fee(1m)], minimum, null, TaxMode.Exclusive, trial);

        Assert.Throws<ArgumentException>("charges", () => Make(charges: []));
        Assert.Throws<ArgumentException>("charges", () => Make(charges: [Fee(1m), Fee(2m)]));
        Assert.Contains("USD", Assert.Throws<ArgumentException>("charges", () => Make(charges: [Fee(1m), eur])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("charges", () => Make(charges: [Fee(1m), null!]));
        Assert.Throws<ArgumentException>("billingType", () => Make(BillingType.NonRecurring, BillingMode.InArrears));
        Assert.Throws<ArgumentException>("billingType", () => Make(BillingType.NonRecurring, charges: [Fee(1m), usage]));
        Assert.Throws<ArgumentException>("billingType", () => Make(BillingType.PayAsYouGoExternal, BillingMode.InAdvance, [usage]));
        Assert.Throws<ArgumentException>("billingType", () => Make(BillingType.PayAsYouGoExternal, BillingMode.InArrears, [usage, Fee(1m)]));
        Assert.Equal(BillingType.PayAsYouGoExternal, Make(BillingType.PayAsYouGoExternal, BillingMode.InArrears, [usage]).BillingType);
        Assert.Equal(BillingType.NonRecurring, Make(BillingType.NonRecurring).BillingType);
        Assert.Throws<ArgumentOutOfRangeException>("minimum", () => Make(minimum: M(-1m)));
        Assert.Throws<ArgumentException>("minimum", () => Make(minimum: new Money(1m, Currency.FromCode("EUR"))));
        Assert.Throws<ArgumentException>("trial", () => Make(BillingType.NonRecurring, trial: BillingInterval.OfDays(7)));
        Assert.Throws<ArgumentException>("trial", () => Make(trial: default(BillingInterval)));
        Assert.Throws<ArgumentException>("interval", () => Make(interval: default(BillingInterval)));
        Assert.Throws<ArgumentOutOfRangeException>("version", () => Make(version: 0));
        Assert.Throws<ArgumentOutOfRangeException>("billingType", () => Make((BillingType)9));
        Assert.Throws<ArgumentOutOfRangeException>("mode", () => Make(mode: (BillingMode)9));
        Assert.Throws<ArgumentNullException>("charges", () => new Plan("p", 1, Jan1, "P", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance, null!));
        Assert.Throws<ArgumentException>("name", () => new Plan("p", 1, Jan1, " ", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance, [Fee(1m)]));
        Assert.Throws<ArgumentException>("taxes", () => new Plan("p", 1, Jan1, "P", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance, [Fee(1m)], taxes: [null!]));
    }

    [Fact]
    public void PlanCharge_QuantityRules()
    {
        var price = new PerUnitPrice(M(1m));

        Assert.Equal(1m, new PlanCharge("Fee", PlanChargeKind.Fee, price).DefaultQuantity);
        Assert.Equal(0m, new PlanCharge("Calls", PlanChargeKind.Usage, price).DefaultQuantity);
        Assert.Equal(PriceComponent.MaxQuantity, new PlanCharge("Seats", PlanChargeKind.Resource, price, PriceComponent.MaxQuantity).DefaultQuantity);
        Assert.Throws<ArgumentException>("defaultQuantity", () => new PlanCharge("Fee", PlanChargeKind.Fee, price, 2m));
        Assert.Throws<ArgumentException>("defaultQuantity", () => new PlanCharge("Calls", PlanChargeKind.Usage, price, 0m));
        Assert.Throws<ArgumentOutOfRangeException>("defaultQuantity", () => new PlanCharge("Seats", PlanChargeKind.Resource, price, 1.0001m));
        Assert.Throws<ArgumentOutOfRangeException>("defaultQuantity", () => new PlanCharge("Seats", PlanChargeKind.Resource, price, -1m));
        Assert.Throws<ArgumentOutOfRangeException>("defaultQuantity", () => new PlanCharge("Seats", PlanChargeKind.Resource, price, PriceComponent.MaxQuantity + 1m));
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => new PlanCharge("Seats", (PlanChargeKind)5, price));
        Assert.Throws<ArgumentNullException>("price", () => new PlanCharge("Seats", PlanChargeKind.Fee, null!));
        Assert.Throws<ArgumentException>("name", () => new PlanCharge("", PlanChargeKind.Fee, price));
    }

    [Fact]
    public void Catalog_FindsTheVersionInForceOnADay()
    {
        var catalog = PlanCatalog.Empty.With(Pro(2, new LocalDate(2026, 3, 1), 25m)).With(Pro());

        Assert.Equal(1, catalog.Find("pro", Jan1).Version);
        Assert.Equal(1, catalog.Find("pro", new LocalDate(2026, 2, 28)).Version);
        Assert.Equal(2, catalog.Find("pro", new LocalDate(2026, 3, 1)).Version);
        Assert.Equal(2, catalog.Find("pro", new LocalDate(2030, 1, 1)).Version);
        Assert.Equal([1, 2], catalog.VersionsOf("pro").Select(p => p.Version));
        Assert.Empty(catalog.VersionsOf("basic"));
        Assert.Equal(2, catalog.Plans.Count);
        Assert.Empty(PlanCatalog.Empty.Plans);
    }

    [Fact]
    public void Catalog_UnknownPlanOrDayBeforeTheFirstVersion_ThrowsTyped()
    {
        var catalog = PlanCatalog.Empty.With(Pro());

        var unknown = Assert.Throws<UnknownPlanException>(() => catalog.Find("basic", Jan1));
        Assert.Equal((UnknownPlanException.ErrorCode, "basic", Jan1), (unknown.Code, unknown.PlanId, unknown.On));
        Assert.Equal("plan.unknown", UnknownPlanException.ErrorCode);
        Assert.Throws<UnknownPlanException>(() => catalog.Find("pro", Jan1.PlusDays(-1)));
        Assert.False(catalog.TryFind("pro", Jan1.PlusDays(-1), out var none));
        Assert.Null(none);
        Assert.False(catalog.TryFind(null!, Jan1, out _));
        Assert.Throws<ArgumentNullException>("planId", () => catalog.Find(null!, Jan1));
    }

    [Fact]
    public void Catalog_RefusesVersionsThatClash()
    {
        var catalog = PlanCatalog.Empty.With(Pro());
        var yearly = new Plan("pro", 2, new LocalDate(2026, 6, 1), "Pro", BillingType.NonRecurring, BillingInterval.Monthly, BillingMode.InAdvance, [Fee(1m)]);
        var euro = new Plan("pro", 2, new LocalDate(2026, 6, 1), "Pro", BillingType.Recurring, BillingInterval.Monthly, BillingMode.InAdvance,
            [new PlanCharge("Fee", PlanChargeKind.Fee, new PerUnitPrice(new Money(1m, Currency.FromCode("EUR"))))]);

        Assert.Throws<ArgumentException>("plan", () => catalog.With(Pro(1, new LocalDate(2026, 6, 1))));           // same number
        Assert.Throws<ArgumentException>("plan", () => catalog.With(Pro(2, Jan1)));                                // same day
        Assert.Throws<ArgumentException>("plan", () => catalog.With(Pro(2, Jan1.PlusDays(-1))));                  // a later number from an earlier day
        Assert.Throws<ArgumentException>("plan", () => catalog.With(yearly));
        Assert.Throws<ArgumentException>("plan", () => catalog.With(euro));
        Assert.Throws<ArgumentNullException>("plan", () => catalog.With(null!));
        Assert.Single(catalog.Plans);   // the catalog itself is unchanged
    }
}
