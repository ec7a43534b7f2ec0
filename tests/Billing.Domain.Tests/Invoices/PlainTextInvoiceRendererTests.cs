using System.Text;
using Billing.Domain.Invoices;
using Billing.Domain.Subscriptions;
using static Billing.Domain.Tests.Invoices.InvoiceHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Invoices;

public class PlainTextInvoiceRendererTests
{
    [Fact]
    public async Task Render_PrintsTheDetailsAndTheThreeTables()
    {
        var h = new InvoiceHarness();
        await h.Prepaid.FundAsync("acc-42", 100m);
        await h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-1", 1.25m, at: Instant.FromUtc(2026, 3, 3, 9, 0)));
        await h.Prepaid.Corrections.RequestAsync("cor-1", "acc-42", Dollars(-2.50m), "Late payment fee", "alice");
        await h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-1", "bob");
        await h.Prepaid.Corrections.RequestAsync("cor-2", "acc-42", Dollars(5m), "Outage credit", "alice");
        await h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-2", "bob");
        await h.ChargedAsync("acc-42", "sub-1", 10m);
        h.AfterMarch();
        var invoice = (await h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice!;

        var document = await new PlainTextInvoiceRenderer().RenderAsync(invoice);
        var lines = Encoding.UTF8.GetString(document.Content.Span).Split('\n');

        Assert.Equal(("INV-202604-000001.txt", "text/plain; charset=utf-8"), (document.FileName, document.ContentType));
        Assert.Equal(
            ["Invoice INV-202604-000001", "Account        Account acc-42 (acc-42)", "Total          10.75 USD", "Payment model  Prepay", "Status         Closed", "From           2026-03-01", "To             2026-04-01"],
            lines[..7]);
        Assert.Contains("#  Description                                                   Quantity  Duration  Unit price  Discount     Taxes     Amount", lines);
        Assert.Contains("1  Plan of sub-1                                                        1         1   10.00 USD  0.00 USD  2.00 USD  12.00 USD", lines);
        Assert.Contains("     VAT on 10.00 USD: 2.00 USD -> 2.00 USD (per line)", lines);
        Assert.Contains("2  Usage gpt-x (key-1): 1 calls, 1,000 input, 200 output tokens         1         -           -  0.00 USD  0.00 USD   1.25 USD", lines);
        Assert.Contains("Charges total 13.25 USD (taxes 2.00 USD)", lines);
        Assert.Contains("sub-1  Plan of sub-1  Active", lines);
        Assert.Contains("1  Late payment fee      ▼ -2.50 USD  2026-03-01 00:06", lines);
        Assert.Contains("2  Outage credit          ▲ 5.00 USD  2026-03-01 00:08", lines);
        Assert.Contains("Corrections total 2.50 USD", lines);
        Assert.Contains("Total 10.75 USD", lines);
    }

    [Fact]
    public void Render_EmptyTables_SayNone_AndExplanationsCanBeLeftOut()
    {
        var draft = Invoice.Draft("inv-9", "acc-1", "Acme", March, Usd, Start).Edit(
            new Billing.Domain.Charging.ChargeEngine(Billing.Domain.Charging.ChargePolicy.PerLine).CalculateDocument([Plan("Pro", 1m)]), [new("s", "S", SubscriptionStatus.WaitingForManualApprove)], []);

        var text = new PlainTextInvoiceRenderer(withExplanations: false).Render(draft);

        Assert.StartsWith("Invoice (draft)\n", text, StringComparison.Ordinal);
        Assert.Contains("Payment model  Postpaid\n", text, StringComparison.Ordinal);
        Assert.Contains("Waiting for manual approve", text, StringComparison.Ordinal);
        Assert.Contains("Corrections\n(none)\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n   ", text, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>("invoice", () => new PlainTextInvoiceRenderer().Render(null!));
    }
}
