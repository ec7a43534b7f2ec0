using Billing.Domain.Consumption;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Reconciliation;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Invoices;
using static Billing.Domain.Tests.Invoices.InvoiceHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Reconciliation;

public class InvoiceReconcilerTests
{
    private static readonly InstantRange MarchAndApril = new(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 5, 1, 0, 0));
    private static readonly BillingPeriod April = BillingPeriod.OfMonth(new YearMonth(2026, 4));
    private readonly InvoiceHarness _h = new();

    private InvoiceReconciler Reconciler => new(_h.Prepaid.Store, _h.Invoices);

    [Fact]
    public async Task AMonthClosedAsBooked_Agrees()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-1", 1.234567m, at: Instant.FromUtc(2026, 3, 3, 9, 0)));
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-2", 2.5m, model: "mini", at: Instant.FromUtc(2026, 3, 4, 9, 0)));
        await _h.Prepaid.Corrections.RequestAsync("cor-1", "acc-42", Dollars(3m), "Goodwill", "alice");
        await _h.Prepaid.Corrections.ApproveAsync("acc-42", "cor-1", "bob");
        await _h.ChargedAsync("acc-42", "s1", 10m);
        _h.AfterMarch();
        var invoice = (await _h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice!;
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-late", 1m, at: Instant.FromUtc(2026, 3, 31, 23, 0)));   // booked into April, not closed yet

        var report = await Reconciler.ReconcileAsync("acc-42", MarchAndApril, Utc);

        Assert.True(report.IsBalanced, string.Join("\n", report.Discrepancies));
        var row = Assert.Single(report.Invoices);
        Assert.Equal((invoice.Number, 2L, 2L, Dollars(3.734567m), Dollars(3.734567m), Dollars(3m), Dollars(3m), true),
            (row.Number, row.BookedCalls, row.InvoicedCalls, row.BookedUsage, row.InvoicedUsage, row.BookedCorrections, row.InvoicedCorrections, row.Agrees));
    }

    [Fact]
    public async Task ActivityWrittenIntoAClosedPeriod_BehindTheServicesBacks_IsFound()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        _h.AfterMarch();
        var invoice = (await _h.Prepay.CloseAsync(PeriodOf("acc-42"))).Invoice!;
        var inMarch = Instant.FromUtc(2026, 3, 15, 0, 0);

        // A call and a correction stored with a March booking after March was closed: what the booking rule prevents.
        var head = (await _h.Prepaid.Store.FindAccountAsync("acc-42"))!;
        var call = Call("acc-42", "req-sneaky", 4m, at: inMarch) with { BookedAt = inMarch };
        var (debited, debit) = head.Post(LedgerEntryKind.ConsumptionDebit, -call.Cost, ConsumptionService.KeyFor(call.RequestId), inMarch, call.RequestId, "call");
        head = (await _h.Prepaid.Store.CommitAsync(new PrepaidChange(debited, debit, consumption: call))).Account!;
        var correction = Billing.Domain.Corrections.Correction.Request("cor-9", "acc-42", Dollars(-1m), "Fee", "alice", inMarch).Approve("bob", inMarch);
        var (moved, entry) = head.Post(LedgerEntryKind.Correction, correction.Amount, "correction:cor-9", inMarch, "cor-9", "fee");
        await _h.Prepaid.Store.CommitAsync(new PrepaidChange(moved, entry, correction: correction));

        var report = await Reconciler.ReconcileAsync("acc-42", MarchAndApril, Utc);

        Assert.False(report.IsBalanced);
        Assert.Contains(report.Discrepancies, d => d is { Kind: DiscrepancyKind.AmountMismatch, FoundIn: ReconciliationSide.Invoices } && d.Reference == invoice.Number && d.Expected == Dollars(4m) && d.Actual == Dollars(0m));
        Assert.Contains(report.Discrepancies, d => d is { Kind: DiscrepancyKind.Missing, Reference: "cor-9", FoundIn: ReconciliationSide.Corrections, MissingFrom: ReconciliationSide.Invoices });
        Assert.False(report.Invoices[0].Agrees);
    }

    [Fact]
    public async Task APeriodNeverClosed_BeforeOneThatWas_LeavesItsActivityOnNoInvoice()
    {
        await _h.Prepaid.FundAsync("acc-42", 100m);
        await _h.Prepaid.Consumption.RecordAsync(Call("acc-42", "req-march", 1m, at: Instant.FromUtc(2026, 3, 10, 0, 0)));
        _h.Prepaid.Clock.Advance(Duration.FromDays(70));
        await _h.Prepay.CloseAsync(new PrepayPeriod("acc-42", "Acme", April, Utc, Usd));   // March is skipped

        var report = await Reconciler.ReconcileAsync("acc-42", MarchAndApril, Utc);

        var missing = Assert.Single(report.Discrepancies);
        Assert.Equal((DiscrepancyKind.Missing, "req-march", ReconciliationSide.ConsumptionRecords, (ReconciliationSide?)ReconciliationSide.Invoices), (missing.Kind, missing.Reference, missing.FoundIn, missing.MissingFrom));
    }

    [Fact]
    public async Task BadInput_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>("range", () => Reconciler.ReconcileAsync("acc-42", new InstantRange(null, Instant.FromUtc(2026, 5, 1, 0, 0)), Utc));
        await Assert.ThrowsAsync<NotFoundException>(() => Reconciler.ReconcileAsync("nobody", MarchAndApril, Utc));
    }
}
