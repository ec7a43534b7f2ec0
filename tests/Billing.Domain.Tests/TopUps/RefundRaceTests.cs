using Billing.Domain.InvoiceApplications;
using Billing.Domain.Tests.InvoiceApplications;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.TopUps;

/// <summary>Refunds where they meet other commands: an application racing the gateway call, and a second refund of the same order.</summary>
public class RefundRaceTests
{
    private readonly ApplicationHarness _h = new();

    [Fact]
    public async Task Refund_RacingAnApplication_NeverLeavesTheInvoiceableNegative()
    {
        await _h.RechargedAsync("acc", 50m, 50m);
        ApplyResult? raced = null;
        _h.Prepaid.Gateway.BeforeRefund(async _ => raced ??= await _h.Applications.ApplyAsync("app-1", "acc", Dollars(100m), "finance@acme.example"));

        await _h.Prepaid.TopUps.RefundAsync("acc", "ord-acc-0", "support", "asked");

        var totals = await _h.Applications.SummaryAsync("acc");
        Assert.True(totals.Invoiced + totals.Held <= totals.Recharged - totals.Refunded, totals.ToString());
        Assert.Equal(ApplicationRule.AmountOverInvoiceable, raced!.Refusal?.Rule);
        Assert.Equal(Dollars(50m), totals.Invoiceable);
    }

    [Fact]
    public async Task TwoRefundsOfOneOrderAtOnce_AskTheGatewayOnce()
    {
        await _h.RechargedAsync("acc", 50m);
        Task<Billing.Domain.TopUps.TopUpRefundResult>? second = null;
        _h.Prepaid.Gateway.BeforeRefund(_ =>
        {
            _h.Prepaid.Gateway.BeforeRefund(null);
            return second = _h.Prepaid.TopUps.RefundAsync("acc", "ord-acc-0", "support", "asked twice");
        });

        var first = await _h.Prepaid.TopUps.RefundAsync("acc", "ord-acc-0", "support", "asked");
        await second!;

        Assert.Single(_h.Prepaid.Gateway.RefundRequests);
        Assert.Equal(Dollars(0m), (await _h.Prepaid.Accounts.GetAsync("acc")).Balance);
        Assert.Equal(Billing.Domain.TopUps.TopUpStatus.Refunded, first.Order.Status);
    }
}
