using System.Diagnostics;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Diagnostics;
using Billing.Domain.Invoices;
using Billing.Domain.Payments;
using Billing.Domain.Tests.Invoices;
using Billing.Domain.Tests.Prepaid;
using Billing.Domain.TopUps;
using Microsoft.Extensions.Logging;
using static Billing.Domain.Diagnostics.BillingTelemetry;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Diagnostics;

[Collection(TelemetryRunsAlone.Name)]
public sealed class BillingTelemetryTests : IDisposable
{
    private readonly TelemetryCapture _capture = new();

    public void Dispose() => _capture.Dispose();

    [Fact]
    public void TheMeterAndTheActivitySource_AreNamedAfterTheLibrary()
    {
        Assert.Equal("Billing.Domain", Name);
        Assert.Equal(Name, Meter.Name);
        Assert.Equal(Name, Source.Name);
    }

    [Fact]
    public async Task RecordingCalls_CountsEachOutcome_TheDebitsPerCurrency_AndTheRefusalByCode()
    {
        var h = new PrepaidHarness();
        await h.FundAsync("acc", 10m);

        Assert.Equal(ConsumptionOutcome.Recorded, (await h.Consumption.RecordAsync(Call("acc", "r1", 2.50m))).Outcome);
        Assert.Equal(ConsumptionOutcome.AlreadyRecorded, (await h.Consumption.RecordAsync(Call("acc", "r1", 2.50m))).Outcome);
        var refused = await h.Consumption.RecordAsync(Call("acc", "r2", 100m));

        Assert.Equal("consumption.over_credit_limit", refused.RefusalCode);
        Assert.Equal([1m], _capture.Of(Instruments.Calls, Tags.Outcome, "recorded"));
        Assert.Equal([1m], _capture.Of(Instruments.Calls, Tags.Outcome, "already_recorded"));
        Assert.Equal([1m], _capture.Of(Instruments.Calls, Tags.Outcome, "refused_over_credit_limit"));
        Assert.Equal([2.50m], _capture.Of(Instruments.Debited, Tags.Currency, "USD"));
        Assert.Equal([10m], _capture.Of(Instruments.Credited, Tags.Currency, "USD"));
        Assert.Equal([1m], _capture.Of(Instruments.Refusals, Tags.Code, "consumption.over_credit_limit"));
        Assert.Equal(3, _capture.Spans.Count(s => s.OperationName == "consumption.record" && (string?)s.GetTagItem(Tags.Command) == "consumption.record"));
    }

    [Fact]
    public async Task RecordingManyCalls_CountsEachCallsOutcome()
    {
        var h = new PrepaidHarness();
        await h.FundAsync("acc", 5m);

        await h.Consumption.RecordManyAsync([Call("acc", "r1", 1m), Call("acc", "r1", 1m), Call("acc", "r2", 9m)]);

        Assert.Equal([1m], _capture.Of(Instruments.Calls, Tags.Outcome, "recorded"));
        Assert.Equal([1m], _capture.Of(Instruments.Calls, Tags.Outcome, "already_recorded"));
        Assert.Equal([1m], _capture.Of(Instruments.Calls, Tags.Outcome, "refused_over_credit_limit"));
        Assert.Equal([1m], _capture.Of(Instruments.Debited, Tags.Currency, "USD"));
        Assert.Single(_capture.Spans, s => s.OperationName == "consumption.record_many");
    }

    [Fact]
    public async Task ARuleBrokenByAnException_MarksTheSpanAndCountsTheRefusal()
    {
        var h = new PrepaidHarness();
        await h.FundAsync("acc", 5m);
        var euros = Call("acc", "r1", 1m) with { Cost = new Money(1m, Eur) };

        await Assert.ThrowsAsync<CurrencyMismatchException>(() => h.Consumption.RecordAsync(euros));

        var span = Assert.Single(_capture.Spans, s => s.OperationName == "consumption.record");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("money.currency_mismatch", span.GetTagItem("error.type"));
        Assert.Equal([1m], _capture.Of(Instruments.Refusals, Tags.Code, "money.currency_mismatch"));
    }

    [Fact]
    public async Task PaymentsReceived_AreCountedByOutcome_AndAMismatchIsLogged()
    {
        var logger = new ListLogger();
        var h = new PrepaidHarness();
        var topUps = new TopUpService(h.Store, h.Gateway, h.Clock, h.Retry, logger);
        await h.Accounts.OpenAsync("acc", Usd);
        await topUps.CreateAsync("o1", "acc", Dollars(10m), Dollars(10m), "card");
        await topUps.CreateAsync("o2", "acc", Dollars(10m), Dollars(10m), "card");

        await topUps.ConfirmAsync(new PaymentConfirmation("o1", "pay-1", Dollars(10m), Start));
        await topUps.ConfirmAsync(new PaymentConfirmation("o1", "pay-1", Dollars(10m), Start));
        await topUps.ConfirmAsync(new PaymentConfirmation("o2", "pay-2", Dollars(9m), Start));

        Assert.Equal([1m], _capture.Of(Instruments.TopUps, Tags.Outcome, "credited"));
        Assert.Equal([1m], _capture.Of(Instruments.TopUps, Tags.Outcome, "replayed"));
        Assert.Equal([1m], _capture.Of(Instruments.TopUps, Tags.Outcome, "mismatched"));
        Assert.Contains("o2", Assert.Single(logger.Named("TopUpAbnormal")), StringComparison.Ordinal);
        Assert.Contains("pay-1", Assert.Single(logger.Named("Replayed")), StringComparison.Ordinal);
        Assert.Equal(new EventId(1201, "TopUpAbnormal"), logger.Events.Single(e => e.Id.Name == "TopUpAbnormal").Id);
    }

    [Fact]
    public async Task APrepayClose_RecordsItsDuration_AndLogsThePeriodClosed()
    {
        var h = new InvoiceHarness();
        var logger = new ListLogger();
        var prepay = new PrepayInvoicing(
            h.Invoices, h.Prepaid.Store, new ChargeEngine(ChargePolicy.PerLine), InvoiceNumbering.OneSeries(InvoiceHarness.Series), h.Prepaid.Clock, h.Prepaid.Retry, logger);
        await h.Prepaid.FundAsync("acc", 10m);
        await h.Prepaid.Consumption.RecordAsync(Call("acc", "r1", 2m));
        h.Prepaid.Clock.Reset(Instant.FromUtc(2026, 4, 2, 0, 0));

        var results = await prepay.CloseAllAsync([InvoiceHarness.PeriodOf("acc"), InvoiceHarness.PeriodOf("acc")]);

        Assert.Equal([PrepayCloseOutcome.Made, PrepayCloseOutcome.AlreadyMade], results.Select(r => r.Outcome));
        Assert.Single(_capture.Of(Instruments.CloseDuration, Tags.Outcome, "made"), seconds => seconds >= 0m);
        Assert.Single(_capture.Of(Instruments.CloseDuration, Tags.Outcome, "already_made"));
        Assert.Contains(results[0].Invoice!.Number!, Assert.Single(logger.Named("PeriodClosed")), StringComparison.Ordinal);
        Assert.StartsWith("Prepay close of 2 accounts (0 failed)", Assert.Single(logger.Named("CloseCompleted")), StringComparison.Ordinal);
    }
}
