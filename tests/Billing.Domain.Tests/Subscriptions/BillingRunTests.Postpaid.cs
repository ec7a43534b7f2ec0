using Billing.Domain.Charging;
using Billing.Domain.Invoices;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.InMemory;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Subscriptions;

// Postpaid subscriptions: the run makes their charges open, and the account's next draft invoice takes them as lines.
public partial class BillingRunTests
{
    private readonly InMemoryInvoiceStore _invoices = new();

    private PostpaidInvoicing Postpaid => new(
        _invoices, new ChargeEngine(ChargePolicy.PerLine), Numbering, _h.Clock, subscriptions: _store);

    private Task<Invoice> DraftAsync(string invoiceId, int month) =>
        Postpaid.CreateDraftAsync(invoiceId, "acc", "Acme", BillingPeriod.OfMonth(new YearMonth(2026, month)), Usd);

    [Fact]
    public async Task Postpaid_ChargesAreMadeOpen_OffTheBalance_AndBecomeTheFirstLinesOfTheNextDraft()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m, PaymentModel.Postpaid);

        var made = await Run.RunAsync(On(3, 10));
        _h.Clock.Reset(On(4, 2));
        var march = await DraftAsync("inv-3", 3);
        await Run.RunAsync(On(4, 10));
        var edited = await Postpaid.EditAsync("acc", "inv-3", [ChargeSpec.For("Support", 1m, new PerUnitPrice(Dollars(5m)))], [], []);
        _h.Clock.Reset(On(5, 2));
        var april = await DraftAsync("inv-4", 4);

        Assert.Equal((1, 0, 0), (made.ChargesMade, made.ChargesPaid, made.Graced));
        Assert.Equal(Dollars(100m), (await _h.Store.FindAccountAsync("acc"))!.Balance);   // a postpaid charge never touches a balance
        Assert.Equal([("Pro Fee", 24.20m)], march.Charges.Select(c => (c.Description, c.Amount.Amount)));
        Assert.Equal([("sub-1", SubscriptionStatus.Active)], march.Subscriptions.Select(s => (s.Id, s.Status)));
        Assert.Equal([("Pro Fee", 1), ("Support", 2)], edited.Charges.Select(c => (c.Description, c.Number)));
        Assert.Equal(Dollars(29.20m), edited.Total);
        Assert.Equal(["Pro Fee"], april.Charges.Select(c => c.Description));   // April's charge, made after March's draft, is on April's
        var charges = await ChargesAsync();
        Assert.Equal([("inv-3", SubscriptionChargeStatus.Closed), ("inv-4", SubscriptionChargeStatus.Closed)], charges.Select(c => (c.InvoiceId, c.Status)));
        Assert.Equal("inv-3", (await DraftAsync("inv-3", 3)).InvoiceId);   // starting it again returns it, taking nothing more
    }

    [Fact]
    public async Task Postpaid_AnExpiredPaymentBlocks_TheRestOfThePeriodIsCredited_AndPayingActivatesAgain()
    {
        _h.Clock.Reset(On(3, 10) - Duration.FromHours(6));
        await ActivateAsync("sub-1", "pro", 100m, PaymentModel.Postpaid);
        await Run.RunAsync(On(3, 10));
        _h.Clock.Reset(On(3, 15));
        await DraftAsync("inv-1", 3);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Postpaid.ExpirePaymentAsync("acc", "inv-1"));   // a draft is not due
        await Postpaid.FinalizeAsync("acc", "inv-1");

        var blocked = await Postpaid.ExpirePaymentAsync("acc", "inv-1");
        var again = await Postpaid.ExpirePaymentAsync("acc", "inv-1");
        await Run.RunAsync(On(3, 16));

        Assert.Contains("Draft", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["sub-1"], blocked);
        Assert.Empty(again);
        Assert.Equal(SubscriptionStatus.Blocked, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);
        var credit = (await ChargesAsync()).Single(c => c.Credits is not null);
        Assert.Equal(("sub-1/2026-03-10/Fee/credit-2026-03-15", SubscriptionChargeStatus.Open, -20.29m), (credit.ChargeId, credit.Status, credit.Amount.Amount));   // 20.00 x 26/31 = 16.77 + 3.52 VAT, given back

        await Postpaid.MarkPaidAsync("acc", "inv-1");

        Assert.Equal(SubscriptionStatus.Activating, (await _h.Store.FindSubscriptionAsync("sub-1"))!.Status);
    }
}
