using System.Text;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Lifecycles;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.InvoiceApplications.ApplicationHarness;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.InvoiceApplications;

public class InvoiceApplicationServiceTests
{
    private static readonly Dictionary<(InvoiceApplicationStatus, InvoiceApplicationTrigger), InvoiceApplicationStatus> Table = new()
    {
        [(InvoiceApplicationStatus.Pending, InvoiceApplicationTrigger.Approve)] = InvoiceApplicationStatus.Approved,
        [(InvoiceApplicationStatus.Pending, InvoiceApplicationTrigger.Reject)] = InvoiceApplicationStatus.Rejected,
        [(InvoiceApplicationStatus.Approved, InvoiceApplicationTrigger.Issue)] = InvoiceApplicationStatus.Issued,
        [(InvoiceApplicationStatus.Approved, InvoiceApplicationTrigger.Reject)] = InvoiceApplicationStatus.Rejected,
    };

    private readonly ApplicationHarness _h = new();

    public static TheoryData<InvoiceApplicationStatus, InvoiceApplicationTrigger> Pairs() => TransitionTable.AllPairs<InvoiceApplicationStatus, InvoiceApplicationTrigger>();

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Lifecycle_MovesExactlyAsTheTableSays(InvoiceApplicationStatus status, InvoiceApplicationTrigger trigger) =>
        TransitionTable.AssertMoves(InvoiceApplicationLifecycle.Machine, Table, status, trigger);

    [Fact]
    public async Task Summary_CountsCompletedRecharges_NeverConsumption_AndRefundsReduceIt()
    {
        await _h.RechargedAsync("acc", 100m, 50m, 30m);
        await _h.Prepaid.Consumption.RecordAsync(Call("acc", "req-1", 70m));
        await _h.Prepaid.TopUps.RefundAsync("acc", "ord-acc-1", "support", "asked");   // 50, still unspent: 180 - 70 = 110 left
        await _h.Prepaid.TopUps.CreateAsync("ord-pending", "acc", Dollars(999m), Dollars(999m), "card");

        var summary = await _h.Applications.SummaryAsync("acc");

        Assert.Equal((Dollars(180m), Dollars(50m), Dollars(0m), Dollars(0m)), (summary.Recharged, summary.Refunded, summary.Held, summary.Invoiced));
        Assert.Equal(Dollars(130m), summary.Invoiceable);
    }

    [Fact]
    public async Task Apply_HoldsTheAmount_AndIsPending()
    {
        await _h.RechargedAsync("acc", 100m);

        var result = await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1 recharges");

        Assert.True(result.IsAccepted);
        var application = result.Application!;
        Assert.Equal((InvoiceApplicationStatus.Pending, "Acme AI Ltd", Dollars(60m), "finance@acme.example", "Q1 recharges"), (application.Status, application.Header.Title, application.Amount, application.Email, application.Remarks));
        Assert.Null(application.Number);
        var summary = await _h.Applications.SummaryAsync("acc");
        Assert.Equal((Dollars(40m), Dollars(60m)), (summary.Invoiceable, summary.Held));
        Assert.Equal(application, (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1 recharges")).Application);
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Applications.ApplyAsync("app-1", "acc", Dollars(61m), "finance@acme.example"));
    }

    public static TheoryData<decimal, string, string, string?, ApplicationRule> BrokenRules() => new()
    {
        { 0m, "USD", "a@b.example", null, ApplicationRule.AmountNotPositive },
        { -5m, "USD", "a@b.example", null, ApplicationRule.AmountNotPositive },
        { 100.01m, "USD", "a@b.example", null, ApplicationRule.AmountOverInvoiceable },
        { 10m, "EUR", "a@b.example", null, ApplicationRule.WrongCurrency },
        { 10.001m, "USD", "a@b.example", null, ApplicationRule.AmountNotInMinorUnits },
        { 10m, "USD", "not-an-email", null, ApplicationRule.InvalidEmail },
        { 10m, "USD", "Ann <a@b.example>", null, ApplicationRule.InvalidEmail },
        { 10m, "USD", "a@localhost", null, ApplicationRule.InvalidEmail },
        { 10m, "USD", "", null, ApplicationRule.InvalidEmail },
        { 10m, "USD", "a@b.example", "r", ApplicationRule.RemarksTooLong },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public async Task Apply_BreakingARule_IsRefusedNamingIt_AndWritesNothing(decimal amount, string currency, string email, string? remarks, ApplicationRule rule)
    {
        await _h.RechargedAsync("acc", 100m);
        var before = await _h.Prepaid.Accounts.GetAsync("acc");

        var result = await _h.Applications.ApplyAsync("app-1", "acc", new Money(amount, Currency.FromCode(currency)), email, remarks is null ? null : new string('r', InvoiceApplication.MaxRemarksLength + 1));

        Assert.False(result.IsAccepted);
        Assert.Equal(rule, result.Refusal!.Rule);
        Assert.False(string.IsNullOrWhiteSpace(result.Refusal.Message));
        Assert.Equal(before, await _h.Prepaid.Accounts.GetAsync("acc"));
        Assert.Null(await _h.Prepaid.Store.FindApplicationAsync("app-1"));
    }

    [Fact]
    public async Task Apply_WithoutAHeader_SaysToCreateOne()
    {
        await _h.Prepaid.FundAsync("acc", 100m);

        var result = await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.example");

        Assert.Equal(ApplicationRule.NoInvoiceHeader, result.Refusal!.Rule);
        await _h.Headers.AddAsync("h-own", "acc", Person);
        await _h.Headers.AddAsync("h-other", "acc-2", Person);
        Assert.Equal(ApplicationRule.UnknownInvoiceHeader, (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.example", headerId: "h-other")).Refusal!.Rule);
        Assert.True((await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.example")).IsAccepted);
    }

    [Fact]
    public async Task Approve_Issue_TakeANumberAndMoveTheHoldToInvoiced()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example");

        var approved = await _h.Applications.ApproveAsync("acc", "app-1", "fin-1");
        var issued = await _h.Applications.IssueAsync("acc", "app-1");

        Assert.Equal((InvoiceApplicationStatus.Approved, "fin-1"), (approved.Status, approved.ApprovedBy));
        Assert.Equal((InvoiceApplicationStatus.Issued, "FP-2026-00001"), (issued.Status, issued.Number));
        Assert.NotNull(issued.IssuedAt);
        Assert.Equal(issued, await _h.Applications.IssueAsync("acc", "app-1"));
        Assert.Equal(issued, await _h.Applications.ApproveAsync("acc", "app-1", "fin-2"));   // replaying the approval after the issue changes nothing
        var summary = await _h.Applications.SummaryAsync("acc");
        Assert.Equal((Dollars(40m), Dollars(0m), Dollars(60m)), (summary.Invoiceable, summary.Held, summary.Invoiced));
        await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.Applications.RejectAsync("acc", "app-1", "fin-1", "too late"));
    }

    [Fact]
    public async Task Issue_OfAPendingApplication_IsRefused()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example");

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.Applications.IssueAsync("acc", "app-1"));

        Assert.Equal("application.transition_refused", refused.Code);
        Assert.Equal(0, await _h.Prepaid.Store.LastApplicationSequenceAsync("FP"));
    }

    [Fact]
    public async Task Reject_ReleasesTheHold_AndResubmitMakesANewLinkedPendingApplication()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "wrong@acme.example", "first try");

        var rejected = await _h.Applications.RejectAsync("acc", "app-1", "fin-1", "wrong email");
        var afterReject = await _h.Applications.SummaryAsync("acc");
        var resubmitted = await _h.Applications.ResubmitAsync("acc", "app-1", "app-2", email: "finance@acme.example");

        Assert.Equal((InvoiceApplicationStatus.Rejected, "wrong email"), (rejected.Status, rejected.RejectionReason));
        Assert.Equal(Dollars(100m), afterReject.Invoiceable);
        var second = resubmitted.Application!;
        Assert.Equal((InvoiceApplicationStatus.Pending, "app-1", Dollars(60m), "finance@acme.example", "first try"), (second.Status, second.ResubmissionOf, second.Amount, second.Email, second.Remarks));
        Assert.Equal("app-2", (await _h.Prepaid.Store.FindApplicationAsync("app-1"))!.ResubmittedAs);
        Assert.Equal(Dollars(40m), (await _h.Applications.SummaryAsync("acc")).Invoiceable);
        Assert.Equal(second, (await _h.Applications.ResubmitAsync("acc", "app-1", "app-2")).Application);
        var twice = (await _h.Applications.ResubmitAsync("acc", "app-1", "app-3")).Refusal!;
        var pending = (await _h.Applications.ResubmitAsync("acc", "app-2", "app-4")).Refusal!;
        Assert.Equal((ApplicationRule.NotResubmittable, ApplicationRule.NotResubmittable), (twice.Rule, pending.Rule));
        Assert.Equal("Application app-1 is Rejected and was resubmitted as app-2: only a rejected application is resubmitted, once.", twice.Message);
        Assert.Equal("Application app-2 is Pending: only a rejected application is resubmitted, once.", pending.Message);
    }

    [Fact]
    public async Task Download_GivesTheIssuedDocument_AndNothingBefore()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1");
        await Assert.ThrowsAsync<ApplicationNotIssuedException>(() => _h.Applications.DownloadAsync("acc", "app-1"));
        await _h.Applications.ApproveAsync("acc", "app-1", "fin-1");
        await _h.Applications.IssueAsync("acc", "app-1");

        var document = await _h.Applications.DownloadAsync("acc", "app-1");
        var text = Encoding.UTF8.GetString(document.Content.Span);

        Assert.Equal("FP-2026-00001.txt", document.FileName);
        Assert.Contains("Invoice FP-2026-00001\n", text, StringComparison.Ordinal);
        Assert.Contains("Bill to        Acme AI Ltd (Company)\n", text, StringComparison.Ordinal);
        Assert.Contains("Tax id         91310000MA1FL0000X\n", text, StringComparison.Ordinal);
        Assert.Contains("Amount         60.00 USD\n", text, StringComparison.Ordinal);
        Assert.Contains("Sent to        finance@acme.example\n", text, StringComparison.Ordinal);
        Assert.Contains("Remarks        Q1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHeader_IsKeptAsItWasWhenApplying()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example");

        await _h.Headers.EditAsync("acc", "hdr-acc", Company with { Title = "Acme AI Group" });

        Assert.Equal("Acme AI Ltd", (await _h.Prepaid.Store.FindApplicationAsync("app-1"))!.Header.Title);
    }

    [Fact]
    public async Task List_FiltersByStatusAndDate_NewestFirst_WithTheRowsFields()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.RechargedAsync("other", 100m);
        for (var i = 1; i <= 4; i++)
        {
            await _h.Applications.ApplyAsync($"app-{i}", "acc", Dollars(10m), "finance@acme.example");
        }

        await _h.Applications.ApplyAsync("app-other", "other", Dollars(10m), "x@other.example");
        await _h.Applications.ApproveAsync("acc", "app-2", "fin");
        await _h.Applications.IssueAsync("acc", "app-2");
        var first = (await _h.Prepaid.Store.FindApplicationAsync("app-1"))!;
        var third = (await _h.Prepaid.Store.FindApplicationAsync("app-3"))!;

        var all = await _h.Applications.ListAsync(new InvoiceApplicationQuery("acc"));
        var issued = await _h.Applications.ListAsync(new InvoiceApplicationQuery("acc") { Status = InvoiceApplicationStatus.Issued });
        var dated = await _h.Applications.ListAsync(new InvoiceApplicationQuery("acc") { Applied = new(first.AppliedAt, third.AppliedAt), Page = new(1, 1) });

        Assert.Equal(["app-4", "app-3", "app-2", "app-1"], all.Items.Select(r => r.ApplicationId));
        var row = Assert.Single(issued.Items);
        Assert.Equal(("FP-2026-00001", "Acme AI Ltd", Dollars(10m), InvoiceApplicationStatus.Issued), (row.Number, row.HeaderName, row.Amount, row.Status));
        Assert.NotNull(row.IssuedAt);
        Assert.Equal(["app-2"], dated.Items.Select(r => r.ApplicationId));
        Assert.Equal((2, true), (dated.TotalCount, dated.HasNext));
    }

    [Fact]
    public async Task Refund_OfAnInvoicedRecharge_IsRefused()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example");

        var refund = await _h.Prepaid.TopUps.RefundAsync("acc", "ord-acc-0", "support", "asked");

        Assert.Equal(TopUpRefundOutcome.RefusedInvoiced, refund.Outcome);
        Assert.Equal(TopUpStatus.Completed, refund.Order.Status);
    }

    [Fact]
    public async Task ParallelApplications_NeverTogetherExceedTheInvoiceableAmount()
    {
        await _h.RechargedAsync("acc", 100m);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => _h.Applications.ApplyAsync($"app-{i}", "acc", Dollars(7m), "finance@acme.example"))));

        Assert.Equal(14, results.Count(r => r.IsAccepted));   // 14 × 7 = 98 fit in 100
        Assert.All(results.Where(r => !r.IsAccepted), r => Assert.Equal(ApplicationRule.AmountOverInvoiceable, r.Refusal!.Rule));
        var summary = await _h.Applications.SummaryAsync("acc");
        Assert.Equal((Dollars(2m), Dollars(98m)), (summary.Invoiceable, summary.Held));
    }

    [Fact]
    public async Task CommandsOnAnApplication_RefuseOneOfAnotherAccount_AsNotFound()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.RechargedAsync("other", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(40m), "finance@acme.example");
        var before = await _h.Prepaid.Store.FindApplicationAsync("app-1");

        await Assert.ThrowsAsync<NotFoundException>(() => _h.Applications.ApproveAsync("other", "app-1", "fin"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Applications.RejectAsync("other", "app-1", "fin", "no"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Applications.IssueAsync("other", "app-1"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Applications.DownloadAsync("other", "app-1"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Applications.ResubmitAsync("other", "app-1", "app-2"));

        Assert.Equal(before, await _h.Prepaid.Store.FindApplicationAsync("app-1"));
        Assert.Equal(Dollars(100m), (await _h.Applications.SummaryAsync("other")).Invoiceable);
    }

    [Fact]
    public async Task Resubmitting_UnderAnIdAnotherApplicationHas_IsAReusedKey_AndWritesNothing()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(40m), "finance@acme.example");
        await _h.Applications.ApplyAsync("app-2", "acc", Dollars(10m), "finance@acme.example");
        await _h.Applications.RejectAsync("acc", "app-1", "fin", "wrong email");

        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Applications.ResubmitAsync("acc", "app-1", "app-2"));

        Assert.Equal("idempotency.key_reused", reused.Code);
        Assert.Null((await _h.Prepaid.Store.FindApplicationAsync("app-1"))!.ResubmittedAs);
        Assert.Equal(Dollars(10m), (await _h.Applications.SummaryAsync("acc")).Held);
    }

    public static TheoryData<string, decimal, string, string?, string?> OneFieldChanged => new()
    {
        { "acc-2", 60m, "finance@acme.example", "Q1", null },
        { "acc", 61m, "finance@acme.example", "Q1", null },
        { "acc", 60m, "books@acme.example", "Q1", null },
        { "acc", 60m, "finance@acme.example", "Q2", null },
        { "acc", 60m, "finance@acme.example", null, null },
        { "acc", 60m, "finance@acme.example", "Q1", "hdr-2" },
    };

    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public async Task Apply_AgainWithOneFieldChanged_IsAReusedKey_AndWritesNothing(string account, decimal amount, string email, string? remarks, string? headerId)
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.RechargedAsync("acc-2", 100m);
        await _h.Headers.AddAsync("hdr-2", "acc", Person);
        var first = (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1")).Application!;

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Applications.ApplyAsync("app-1", account, Dollars(amount), email, remarks, headerId));

        Assert.Equal(first, await _h.Prepaid.Store.FindApplicationAsync("app-1"));
        Assert.Equal(Dollars(60m), (await _h.Applications.SummaryAsync("acc")).Held);
    }

    [Fact]
    public async Task Apply_AgainWithTheSameFields_ReturnsTheFirst_WhetherTheHeaderIsNamedOrLeftToTheDefault()
    {
        await _h.RechargedAsync("acc", 100m);
        var first = (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1")).Application!;

        Assert.Equal(first, (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1", "hdr-acc")).Application);
        Assert.Equal(first, (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "Q1")).Application);
    }

    [Fact]
    public async Task Apply_AgainWithBlankRemarks_ReturnsTheFirst_WhichKeptNone()
    {
        await _h.RechargedAsync("acc", 100m);
        var first = (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "   ")).Application!;

        var again = await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "   ");

        Assert.Null(first.Remarks);
        Assert.Equal(first, again.Application);
    }

    [Fact]
    public async Task Apply_ForExactlyTheInvoiceableAmount_IsAccepted_AndLeavesNothing()
    {
        await _h.RechargedAsync("acc", 100m, 0.01m);

        var result = await _h.Applications.ApplyAsync("app-1", "acc", Dollars(100.01m), "finance@acme.example");

        Assert.True(result.IsAccepted);
        Assert.Equal(Dollars(0m), (await _h.Applications.SummaryAsync("acc")).Invoiceable);
        Assert.Equal(ApplicationRule.AmountOverInvoiceable, (await _h.Applications.ApplyAsync("app-2", "acc", Dollars(0.01m), "finance@acme.example")).Refusal!.Rule);
    }

    [Fact]
    public async Task Apply_WithoutAHeaderId_UsesTheDefault_EvenWhenItIsNotTheFirst()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Headers.AddAsync("hdr-2", "acc", Person, makeDefault: true);

        var application = (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "finance@acme.example")).Application!;

        Assert.Equal(("hdr-2", "Li Wei"), (application.Header.HeaderId, application.Header.Title));
    }

    public static TheoryData<decimal?, string?, string?, string?> ResubmissionChanges => new()
    {
        { 50m, null, null, null },
        { null, "books@acme.example", null, null },
        { null, null, "corrected PO number", null },
        { null, null, null, "hdr-2" },
    };

    [Theory]
    [MemberData(nameof(ResubmissionChanges))]
    public async Task Resubmit_ChangesWhatIsGiven_AndKeepsTheRest(decimal? amount, string? email, string? remarks, string? headerId)
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Headers.AddAsync("hdr-2", "acc", Person);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(60m), "finance@acme.example", "first try");
        await _h.Applications.RejectAsync("acc", "app-1", "fin-1", "check it");

        var second = (await _h.Applications.ResubmitAsync("acc", "app-1", "app-2", amount is { } a ? Dollars(a) : null, email, remarks, headerId)).Application!;

        Assert.Equal(
            (Dollars(amount ?? 60m), email ?? "finance@acme.example", remarks ?? "first try", headerId ?? "hdr-acc", "app-1"),
            (second.Amount, second.Email, second.Remarks, second.Header.HeaderId, second.ResubmissionOf));
        Assert.Equal(Dollars(amount ?? 60m), (await _h.Applications.SummaryAsync("acc")).Held);
    }

    [Fact]
    public async Task Resubmit_KeepsTheHeaderUsed_OrTakesTheDefaultWhenItWasRemoved()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Headers.AddAsync("hdr-2", "acc", Person);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "finance@acme.example", headerId: "hdr-2");
        await _h.Applications.RejectAsync("acc", "app-1", "fin-1", "wrong amount");
        await _h.Applications.ApplyAsync("app-3", "acc", Dollars(10m), "finance@acme.example", headerId: "hdr-2");
        await _h.Applications.RejectAsync("acc", "app-3", "fin-1", "wrong amount");

        var kept = (await _h.Applications.ResubmitAsync("acc", "app-1", "app-2", Dollars(20m))).Application!;
        await _h.Headers.RemoveAsync("acc", "hdr-2");
        var defaulted = (await _h.Applications.ResubmitAsync("acc", "app-3", "app-4", Dollars(20m))).Application!;

        Assert.Equal("hdr-2", kept.Header.HeaderId);
        Assert.Equal("hdr-acc", defaulted.Header.HeaderId);
    }

    [Fact]
    public async Task Apply_WithoutAHeaderId_WhenNoHeaderIsTheDefault_TakesTheFirst()
    {
        await _h.Prepaid.FundAsync("acc", 100m);
        await _h.HeaderStore.CommitHeadersAsync([Billing.Domain.InvoiceHeaders.InvoiceHeader.Create("hdr-x", "acc", Person)], null);

        var application = (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "finance@acme.example")).Application!;

        Assert.Equal("hdr-x", application.Header.HeaderId);
    }

    [Fact]
    public async Task Apply_WithRemarksOfExactlyTheLongestLength_IsAccepted()
    {
        await _h.RechargedAsync("acc", 100m);

        var result = await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "finance@acme.example", new string('r', InvoiceApplication.MaxRemarksLength));

        Assert.True(result.IsAccepted);
    }

    [Fact]
    public async Task Commands_WithBlankIds_ThrowArgument_AndWriteNothing()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "finance@acme.example");
        await _h.Applications.RejectAsync("acc", "app-1", "fin-1", "no");

        await Assert.ThrowsAsync<ArgumentException>("applicationId", () => _h.Applications.ApplyAsync(" ", "acc", Dollars(10m), "finance@acme.example"));
        await Assert.ThrowsAsync<ArgumentException>("accountId", () => _h.Applications.ApplyAsync("app-2", " ", Dollars(10m), "finance@acme.example"));
        await Assert.ThrowsAsync<ArgumentException>("applicationId", () => _h.Applications.ResubmitAsync("acc", "app-1", " "));
        await Assert.ThrowsAsync<ArgumentException>("accountId", () => _h.Applications.ApproveAsync(" ", "app-1", "fin-1"));
        await Assert.ThrowsAsync<ArgumentException>("reason", () => _h.Applications.RejectAsync("acc", "app-1", "fin-1", " "));
        Assert.Equal(Dollars(100m), (await _h.Applications.SummaryAsync("acc")).Invoiceable);
    }

    [Fact]
    public async Task Download_BeforeIssue_SaysWhichApplicationAndItsStatus()
    {
        await _h.RechargedAsync("acc", 100m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "finance@acme.example");

        var refused = await Assert.ThrowsAsync<ApplicationNotIssuedException>(() => _h.Applications.DownloadAsync("acc", "app-1"));

        Assert.Equal(("app-1", InvoiceApplicationStatus.Pending, "application.not_issued"), (refused.ApplicationId, refused.Status, refused.Code));
    }

    [Fact]
    public async Task Refusals_SayWhatToDo()
    {
        await _h.Prepaid.FundAsync("acc", 100m);
        Assert.Contains("Create an invoice header", (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.example")).Refusal!.Message, StringComparison.Ordinal);
        await _h.Headers.AddAsync("hdr-1", "acc", Person);
        Assert.Contains("hdr-9 is not one of this account's headers", (await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.example", headerId: "hdr-9")).Refusal!.Message, StringComparison.Ordinal);
        await _h.RechargedAsync("acc", 50m);
        await _h.Applications.ApplyAsync("app-1", "acc", Dollars(10m), "a@b.example");
        Assert.Contains("app-1 is Pending", (await _h.Applications.ResubmitAsync("acc", "app-1", "app-2")).Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_OfNoApplication_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("application", () => InvoiceApplicationRow.Of(null!));
}
