using Billing.Domain.Invoices;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using static Billing.Domain.Tests.Invoices.InvoiceHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Invoices;

public class PostpaidInvoicingTests
{
    private readonly InvoiceHarness _h = new();

    private Task<Invoice> DraftAsync(string id = "inv-1") => _h.Postpaid.CreateDraftAsync(id, "acc-7", "Acme AI", March, Usd);

    [Fact]
    public async Task Draft_IsEditable_AndHasNoNumber()
    {
        var draft = await DraftAsync();
        var edited = await _h.Postpaid.EditAsync("acc-7", draft.InvoiceId, [Plan("Pro plan", 50m)], [new("sub-1", "Pro", SubscriptionStatus.Active)], [new(1, "cor-1", "Credit", Dollars(5m), Start)]);

        Assert.Equal((InvoiceStatus.Draft, null, PaymentModel.Postpaid), (edited.Status, edited.Number, edited.PaymentModel));
        Assert.True(edited.IsEditable);
        Assert.Equal(Dollars(55m), edited.Total);   // 50 + 20 % VAT - a ▲ 5.00 credit
        Assert.Equal(0, await _h.Invoices.LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task Finalize_TakesTheNumber_InFinalizeOrder_NotDraftOrder()
    {
        await DraftAsync("inv-1");
        await DraftAsync("inv-2");
        _h.AfterMarch();

        var second = await _h.Postpaid.FinalizeAsync("acc-7", "inv-2");
        var first = await _h.Postpaid.FinalizeAsync("acc-7", "inv-1");

        Assert.Equal(("INV-202604-000001", InvoiceStatus.Open), (second.Number, second.Status));
        Assert.Equal("INV-202604-000002", first.Number);
        Assert.Equal(second, await _h.Postpaid.FinalizeAsync("acc-7", "inv-2"));
        Assert.NotNull(second.IssuedAt);
    }

    [Fact]
    public async Task OpenInvoice_RefusesEdits_AndStaysAsItWas()
    {
        await DraftAsync();
        await _h.Postpaid.EditAsync("acc-7", "inv-1", [Plan("Pro plan", 50m)], [], []);
        var open = await _h.Postpaid.FinalizeAsync("acc-7", "inv-1");

        var refused = await Assert.ThrowsAsync<InvoiceNotEditableException>(() => _h.Postpaid.EditAsync("acc-7", "inv-1", [Plan("Other", 1m)], [], []));

        Assert.Equal(("invoice.not_editable", InvoiceStatus.Open), (refused.Code, refused.Status));
        Assert.Equal(open, await _h.Invoices.FindInvoiceAsync("inv-1"));
    }

    [Fact]
    public async Task Void_KeepsTheNumber_AndPaidOrVoidAreFinal()
    {
        await DraftAsync("inv-1");
        await DraftAsync("inv-2");
        var open = await _h.Postpaid.FinalizeAsync("acc-7", "inv-1");
        await _h.Postpaid.FinalizeAsync("acc-7", "inv-2");

        var voided = await _h.Postpaid.VoidAsync("acc-7", "inv-1", "issued by mistake");
        var paid = await _h.Postpaid.MarkPaidAsync("acc-7", "inv-2");

        Assert.Equal((InvoiceStatus.Void, open.Number, "issued by mistake"), (voided.Status, voided.Number, voided.VoidReason));
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(voided, await _h.Postpaid.VoidAsync("acc-7", "inv-1", "again"));
        Assert.Equal(voided, await _h.Postpaid.FinalizeAsync("acc-7", "inv-1"));   // replaying the finalize after voiding changes nothing
        await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.Postpaid.MarkPaidAsync("acc-7", "inv-1"));
        await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.Postpaid.VoidAsync("acc-7", "inv-2", "too late"));
        await Assert.ThrowsAsync<InvoiceNotEditableException>(() => _h.Postpaid.EditAsync("acc-7", "inv-2", [], [], []));
    }

    [Fact]
    public async Task Uncollectible_CanStillBePaid()
    {
        await DraftAsync();
        await _h.Postpaid.FinalizeAsync("acc-7", "inv-1");

        var writtenOff = await _h.Postpaid.MarkUncollectibleAsync("acc-7", "inv-1");
        var paid = await _h.Postpaid.MarkPaidAsync("acc-7", "inv-1");

        Assert.Equal(InvoiceStatus.Uncollectible, writtenOff.Status);
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
    }

    [Fact]
    public async Task Draft_CannotBePaid_AndIdsAreNotReused()
    {
        await DraftAsync();

        await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.Postpaid.MarkPaidAsync("acc-7", "inv-1"));
        Assert.Equal(1L, (await DraftAsync()).Version);
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Postpaid.CreateDraftAsync("inv-1", "acc-8", "Other", March, Usd));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Postpaid.CreateDraftAsync("inv-1", "acc-7", "Acme AI Ltd", March, Usd));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Postpaid.FinalizeAsync("acc-7", "nope"));
    }

    [Fact]
    public async Task CommandsOnAnInvoice_RefuseOneOfAnotherAccount_AsNotFound()
    {
        var draft = await DraftAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => _h.Postpaid.EditAsync("acc-8", "inv-1", [Plan("Pro", 50m)], [], []));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Postpaid.FinalizeAsync("acc-8", "inv-1"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Postpaid.MarkPaidAsync("acc-8", "inv-1"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Postpaid.VoidAsync("acc-8", "inv-1", "no"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Postpaid.MarkUncollectibleAsync("acc-8", "inv-1"));

        Assert.Equal(draft, await _h.Invoices.FindInvoiceAsync("inv-1"));
        Assert.Equal(0, await _h.Invoices.LastSequenceAsync("INV"));
    }

    [Fact]
    public async Task Queries_ByAccountStatusNumberAndIssueDate_WithTotalsPerCurrency()
    {
        await DraftAsync("inv-1");
        await _h.Postpaid.EditAsync("acc-7", "inv-1", [Plan("Pro", 50m)], [], []);
        await _h.Postpaid.CreateDraftAsync("inv-2", "acc-8", "Other", March, Usd);
        await _h.Postpaid.EditAsync("acc-8", "inv-2", [Plan("Basic", 10m)], [], []);
        await _h.Postpaid.CreateDraftAsync("inv-3", "acc-7", "Acme AI", March, Eur);
        var first = await _h.Postpaid.FinalizeAsync("acc-7", "inv-1");
        await _h.Postpaid.FinalizeAsync("acc-8", "inv-2");

        Assert.Equal(["inv-1", "inv-3"], (await _h.Invoices.QueryInvoicesAsync(new InvoiceQuery("acc-7"))).Items.Select(i => i.InvoiceId));
        Assert.Equal(["inv-2", "inv-1"], (await _h.Invoices.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { Status = InvoiceStatus.Open })).Items.Select(i => i.InvoiceId));
        Assert.Equal(["inv-1"], (await _h.Invoices.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { Number = first.Number })).Items.Select(i => i.InvoiceId));
        Assert.Equal(["inv-1"], (await _h.Invoices.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { Issued = new(first.IssuedAt, first.IssuedAt!.Value + Duration.FromSeconds(1)) })).Items.Select(i => i.InvoiceId));
        Assert.Equal([new Money(0m, Eur), Dollars(72m)], await _h.Invoices.TotalsByCurrencyAsync(new InvoiceQuery(AccountScope.AllAccounts)));
        Assert.Equal([Dollars(60m)], await _h.Invoices.TotalsByCurrencyAsync(new InvoiceQuery("acc-7") { PaymentModel = PaymentModel.Postpaid, Status = InvoiceStatus.Open }));
    }
}
