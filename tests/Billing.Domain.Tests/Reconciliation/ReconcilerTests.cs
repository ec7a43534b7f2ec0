using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Reconciliation;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Prepaid;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Reconciliation;

public class ReconcilerTests
{
    private static readonly InstantRange March = new(Start, Instant.FromUtc(2026, 4, 1, 0, 0));
    private static readonly AccountTimeZone Utc = new(DateTimeZone.Utc);
    private static readonly UsageRater Rater = new(
        TokenPriceBook.Empty(Usd).With(new TokenPrice("gpt-x", "gpt-x/v1", Dollars(2m), Dollars(8m), Dollars(1m), Start - Duration.FromDays(30))));

    private readonly PrepaidHarness _h = new();

    private static UsageRecord Log(string requestId, long input = 1_000, long output = 200, int day = 3) =>
        new(requestId, "acc", "key-1", "gpt-x", input, output, Start + Duration.FromDays(day - 1) + Duration.FromHours(9));

    private async Task BillAsync(UsageRecord log) => await _h.Consumption.RecordAsync(Rater.Rate(log));

    [Fact]
    public async Task Agreeing_Sides_AreBalanced_WithTotalsPerDay()
    {
        await _h.FundAsync("acc", 50m, "ord-1");
        await BillAsync(Log("req-1", day: 3));
        await BillAsync(Log("req-2", day: 3));
        await BillAsync(Log("req-3", day: 4));

        var report = await new Reconciler(_h.Store, Rater).ReconcileAsync("acc", March, Utc, [Log("req-1", day: 3), Log("req-2", day: 3), Log("req-3", day: 4)]);

        Assert.True(report.IsBalanced);
        Assert.Equal([new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 3), new LocalDate(2026, 3, 4)], report.Days.Select(d => d.Day));
        var topUpDay = report.Days[0];
        Assert.Equal((1, Dollars(50m), Dollars(50m)), (topUpDay.Orders, topUpDay.ToppedUp, topUpDay.LedgerCredits));
        Assert.Equal([Dollars(50m)], topUpDay.Paid);
        var callDay = report.Days[1];
        Assert.Equal((2, Dollars(0.0072m), 2, Dollars(0.0072m)), (callDay.ConsumptionRecords, callDay.Consumed, callDay.UsageLogs, callDay.UsageLogCost));   // 1000 x 2 + 200 x 8 per million = 0.0036 a call
    }

    [Fact]
    public async Task GrantsAndExpiries_AreShownOnTheirDays_AndAreNoDiscrepancy()
    {
        await _h.FundAsync("acc", 50m, "ord-1");
        var trial = new Billing.Domain.Grants.GrantTerms(Billing.Domain.Grants.CreditSource.Trial, Start, Start + Duration.FromDays(14), priority: 0);
        await _h.Grants.GrantAsync("acc", "trial", Dollars(5m), trial, "Trial credit");
        await BillAsync(Log("req-1", day: 3));
        _h.Clock.Reset(Start + Duration.FromDays(20));
        await _h.Grants.ExpireAsync("acc", _h.Clock.GetCurrentInstant());

        var report = await new Reconciler(_h.Store, Rater).ReconcileAsync("acc", March, Utc, [Log("req-1", day: 3)]);

        Assert.True(report.IsBalanced);
        Assert.Equal([new LocalDate(2026, 3, 1), new LocalDate(2026, 3, 3), new LocalDate(2026, 3, 15)], report.Days.Select(d => d.Day));
        Assert.Equal((Dollars(50m), Dollars(5m), Dollars(0m)), (report.Days[0].LedgerCredits, report.Days[0].Granted, report.Days[0].Expired));
        Assert.Equal((Dollars(0m), Dollars(4.9964m)), (report.Days[2].Granted, report.Days[2].Expired));   // 5.00 less the 0.0036 call drawn from it
    }

    [Fact]
    public async Task Every_Kind_Of_Discrepancy_IsFound_AndTyped()
    {
        await _h.FundAsync("acc", 50m, "ord-1");
        await BillAsync(Log("req-same"));
        await BillAsync(Log("req-tokens", input: 5_000));
        await BillAsync(Log("req-unlogged"));
        await BillAsync(Log("req-twice"));
        await _h.Consumption.RecordAsync(new ConsumptionRecord(Log("req-rate"), Dollars(0.01m), "gpt-x/old"));
        var account = (await _h.Store.FindAccountAsync("acc"))!;
        var (ghost, credit) = account.Post(LedgerEntryKind.TopUpCredit, Dollars(5m), "topup:ghost", Start + Duration.FromDays(2), "ghost", "a credit without an order");
        await _h.Store.CommitAsync(new PrepaidChange(ghost, credit));
        var lonely = TopUpOrder.Create("ord-lonely", "acc", Dollars(7m), Dollars(7m), "card", Start).Complete(new PaymentConfirmation("ord-lonely", "p", Dollars(7m), Start), Start + Duration.FromDays(5));
        await _h.Store.CommitAsync(new PrepaidChange(order: lonely));
        UsageRecord[] logs = [Log("req-same"), Log("req-tokens"), Log("req-twice"), Log("req-twice"), Log("req-rate"), Log("req-unbilled"), Log("req-april", day: 40)];

        var report = await new Reconciler(_h.Store, Rater).ReconcileAsync("acc", March, Utc, logs);

        Assert.False(report.IsBalanced);
        Assert.Equal(
            [
                (DiscrepancyKind.Missing, "ghost", ReconciliationSide.Ledger, (ReconciliationSide?)ReconciliationSide.BillingRecords),
                (DiscrepancyKind.Missing, "ord-lonely", ReconciliationSide.BillingRecords, ReconciliationSide.Ledger),
                (DiscrepancyKind.Missing, "req-unbilled", ReconciliationSide.UsageLogs, ReconciliationSide.ConsumptionRecords),
                (DiscrepancyKind.Missing, "req-unlogged", ReconciliationSide.ConsumptionRecords, ReconciliationSide.UsageLogs),
                (DiscrepancyKind.Duplicate, "req-twice", ReconciliationSide.UsageLogs, null),
                (DiscrepancyKind.AmountMismatch, "req-tokens", ReconciliationSide.ConsumptionRecords, null),
                (DiscrepancyKind.RateMismatch, "req-rate", ReconciliationSide.ConsumptionRecords, null),
            ],
            report.Discrepancies.Select(d => (d.Kind, d.Reference, d.FoundIn, d.MissingFrom)));
        var rate = report.Discrepancies.Single(d => d.Kind == DiscrepancyKind.RateMismatch);
        Assert.Equal((Dollars(0.0036m), Dollars(0.01m)), (rate.Expected, rate.Actual));
        Assert.Contains("gpt-x/old", rate.Detail, StringComparison.Ordinal);
        Assert.Equal((Dollars(0.0036m), (Money?)Dollars(0.0116m)), (report.Discrepancies.Single(d => d.Reference == "req-tokens").Expected!.Value, report.Discrepancies.Single(d => d.Reference == "req-tokens").Actual));
    }

    [Fact]
    public async Task ReasoningImageAndAudioCounts_AreComparedToo_AndALogTheCountingCannotHold_IsAMismatchNotAFailure()
    {
        await _h.FundAsync("acc", 50m, "ord-1");
        await BillAsync(Log("req-reasoning", output: 300) with { ReasoningTokens = 100 });
        await BillAsync(Log("req-audio") with { AudioTokens = 40 });
        UsageRecord[] logs = [Log("req-reasoning", output: 300) with { ReasoningTokens = 250 }, Log("req-audio") with { AudioTokens = 4_000 }];

        var report = await new Reconciler(_h.Store, Rater).ReconcileAsync("acc", March, Utc, logs);

        Assert.Equal(
            [(DiscrepancyKind.AmountMismatch, "req-audio"), (DiscrepancyKind.AmountMismatch, "req-reasoning")],
            report.Discrepancies.Select(d => (d.Kind, d.Reference)).Order());
        Assert.Contains("reasoning 250", report.Discrepancies.Single(d => d.Reference == "req-reasoning").Detail, StringComparison.Ordinal);
        Assert.Null(report.Discrepancies.Single(d => d.Reference == "req-audio").Expected);   // 4,000 audio tokens within 1,000 input tokens: no price for it
    }

    [Fact]
    public async Task BadArguments_Throw()
    {
        var reconciler = new Reconciler(_h.Store, Rater);

        await Assert.ThrowsAsync<ArgumentException>("range", () => reconciler.ReconcileAsync("acc", new InstantRange(Start, null), Utc, []));
        await Assert.ThrowsAsync<NotFoundException>(() => reconciler.ReconcileAsync("nobody", March, Utc, []));
    }
}
