using Billing.Domain.Charging;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing;
using Billing.Domain.Testing.Payments;
using Billing.Domain.Tests.Invoices;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Invoices.InvoiceHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests;

/// <summary>Every number and text a host passes has a range, checked where it enters: typed errors, nothing written, no sum that can overflow.</summary>
public class InputBoundsTests
{
    public static TheoryData<string> BadIds => ["ord\0", "ord\u202E1", "ord\u200B1", "ord\n1", " ord", "ord ", "\uFEFFord", new string('o', 257)];

    [Fact]
    public async Task ATopUpOfDecimalMaxValue_IsRefused_AndTheNextTopUpStillWorks()
    {
        var h = new InvoiceHarness().Prepaid;
        await h.Accounts.OpenAsync("acc", Usd);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("amount", () => h.TopUps.CreateAsync("ord-huge", "acc", Dollars(decimal.MaxValue), Dollars(1m), "card"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("paymentAmount", () => h.TopUps.CreateAsync("ord-huge", "acc", Dollars(1m), Dollars(Money.MaxAmount + 0.01m), "card"));
        var next = await h.FundAsync("acc", 10m, "ord-next");

        Assert.Null(await h.Store.FindOrderAsync("ord-huge"));
        Assert.Equal((TopUpStatus.Completed, Dollars(10m)), (next.Status, (await h.Accounts.GetAsync("acc")).Balance));
    }

    [Fact]
    public void SplittingIntoMoreThanAMillionShares_IsRefused_NeverOutOfMemory()
    {
        Assert.Throws<ArgumentOutOfRangeException>("parts", () => Dollars(1m).Split(int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>("ratios", () => Dollars(1m).Allocate(new decimal[Money.MaxShares + 1]));
        Assert.Equal(Money.MaxShares, Dollars(1m).Split(Money.MaxShares).Length);
        Assert.Equal([Dollars(0.50m), Dollars(0.50m)], Dollars(1m).Allocate(decimal.MaxValue, decimal.MaxValue));   // ratios are summed exactly, never overflowing
    }

    [Fact]
    public void EveryRange_IsCheckedWhereTheValueEnters()
    {
        Assert.Throws<ArgumentOutOfRangeException>("inputTokens", () => new UsageRecord("r", "a", "k", "m", UsageRecord.MaxTokens + 1, 0, Start));
        Assert.Equal(UsageRecord.MaxTokens, new UsageRecord("r", "a", "k", "m", UsageRecord.MaxTokens, 0, Start).InputTokens);
        Assert.Throws<ArgumentOutOfRangeException>("Quantity", () => ChargeSpec.For("x", PriceComponent.MaxQuantity + 1, new PerUnitPrice(Dollars(1m))));
        Assert.Throws<ArgumentOutOfRangeException>("unitPrice", () => new PerUnitPrice(Dollars(Money.MaxAmount + 1)));
        Assert.Throws<ArgumentOutOfRangeException>("numerator", () => new ProrationFactor(ProrationFactor.MaxTerm + 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("creditLimit", () => PrepaidAccount.Open("a", Usd, Start, Dollars(decimal.MaxValue)));
        Assert.Throws<ArgumentOutOfRangeException>("Cost", () => new ConsumptionRecord(new UsageRecord("r", "a", "k", "m", 1, 1, Start), Dollars(-Money.MaxAmount - 1), "v1"));
        Assert.Throws<ArgumentOutOfRangeException>("amountPaid", () => new PaymentConfirmation("o", "p", Dollars(decimal.MaxValue), Start));
        var engine = new ChargeEngine(ChargePolicy.PerLine);
        Assert.Throws<ArgumentOutOfRangeException>("spec", () => engine.Calculate(ChargeSpec.For("big", PriceComponent.MaxQuantity, new PerUnitPrice(Dollars(Money.MaxAmount)))));
        Assert.Equal(Dollars(ChargeEngine.MaxLineAmount), engine.Calculate(ChargeSpec.For("the most", PriceComponent.MaxQuantity, new PerUnitPrice(Dollars(1_000_000_000_000m)))).Amount);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task IdsAndNames_WithControlOrInvisibleCharacters_AreRefused_AndNothingWritten(string id)
    {
        var h = new InvoiceHarness().Prepaid;
        await h.Accounts.OpenAsync("acc", Usd);

        await Assert.ThrowsAsync<ArgumentException>("orderId", () => h.TopUps.CreateAsync(id, "acc", Dollars(1m), Dollars(1m), "card"));
        await Assert.ThrowsAsync<ArgumentException>("accountId", () => h.Accounts.OpenAsync(id, Usd));
        Assert.Throws<ArgumentException>("requestId", () => new UsageRecord(id, "acc", "k", "m", 1, 1, Start));
        Assert.Throws<ArgumentException>("model", () => new UsageRecord("r", "acc", "k", id, 1, 1, Start));
        Assert.Throws<ArgumentException>("name", () => new NumberSeries(id, "INV-{seq}"));
        Assert.Throws<ArgumentException>("paymentReference", () => new PaymentConfirmation("o", id, Dollars(1m), Start));
        Assert.Empty((await h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).Items);
    }

    [Theory]
    [InlineData("INV\0-{seq}")]
    [InlineData("INV\u202E-{seq}")]
    [InlineData("INV\u200B-{seq}")]
    [InlineData("INV\n{seq}")]
    [InlineData("{seq} ")]
    public void NumberSeriesFormats_WithControlOrInvisibleCharacters_AreRefused(string format) =>
        Assert.Throws<ArgumentException>("format", () => new NumberSeries("INV", format));

    [Fact]
    public void FreeText_RefusesNulAndControls_ButKeepsLineBreaks()
    {
        Assert.Throws<ArgumentException>("description", () => Billing.Domain.Corrections.Correction.Request("c", "a", Dollars(1m), "fix\0", "alice", Start));
        Assert.Throws<ArgumentException>("description", () => Billing.Domain.Corrections.Correction.Request("c", "a", Dollars(1m), "fix\u0007", "alice", Start));
        Assert.Equal("line one\nline two", Billing.Domain.Corrections.Correction.Request("c", "a", Dollars(1m), "line one\nline two", "alice", Start).Description);
    }

    [Fact]
    public async Task AClose_OverTheLargestAcceptedValues_Succeeds_ToTheMinorUnit()
    {
        var h = new InvoiceHarness();
        await h.Prepaid.Accounts.OpenAsync("acc", Usd, Dollars(Money.MaxAmount));
        for (var i = 0; i < 3; i++)
        {
            await h.Prepaid.TopUps.CreateAsync($"ord-{i}", "acc", Dollars(Money.MaxAmount), Dollars(Money.MaxAmount), "card");
            h.Prepaid.Gateway.Script($"ord-{i}", PaymentScript.SucceedAtOnce());
            await h.Prepaid.TopUps.StartPaymentAsync($"ord-{i}");
        }

        for (var i = 0; i < 2; i++)
        {
            var call = new ConsumptionRecord(
                new UsageRecord($"req-{i}", "acc", "key", "gpt-x", UsageRecord.MaxTokens, UsageRecord.MaxTokens, Instant.FromUtc(2026, 3, 5, 0, 0), UsageRecord.MaxTokens), Dollars(Money.MaxAmount), "v1");
            await h.Prepaid.Consumption.RecordAsync(call);
        }

        await h.Prepaid.Corrections.RequestAsync("cor-1", "acc", Dollars(-Money.MaxAmount), "Largest fee", "alice");
        await h.Prepaid.Corrections.ApproveAsync("acc", "cor-1", "bob");
        var biggest = ChargeSpec.For("Largest plan", 1m, new PerUnitPrice(Dollars(Money.MaxAmount / 2))) with { Taxes = [new TaxRate("VAT", 100m)] };
        await BilledSubscriptions.ChargeAsync(h.Prepaid.Store, "acc", "sub", biggest, March, Instant.FromUtc(2026, 3, 20, 0, 0));
        h.AfterMarch();

        var invoice = (await h.Prepay.CloseAsync(PeriodOf("acc"))).Invoice!;

        Assert.Equal(Dollars(Money.MaxAmount + 2 * Money.MaxAmount + Money.MaxAmount), invoice.Total);   // the fee + 100 % VAT, 2 calls, a ▼ fee
        Assert.True(invoice.Total.IsInMinorUnits);
        Assert.Equal(Dollars(-Money.MaxAmount), (await h.Prepaid.Accounts.GetAsync("acc")).Balance);   // 3 top-ups − 2 calls − the fee − the charge
    }
}
