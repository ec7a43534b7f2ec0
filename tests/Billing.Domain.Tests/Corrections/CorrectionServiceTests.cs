using Billing.Domain.Corrections;
using Billing.Domain.Ledger;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Prepaid;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Corrections;

public class CorrectionServiceTests
{
    private readonly PrepaidHarness _h = new();

    [Fact]
    public async Task Request_WritesNoLedgerEntry()
    {
        await _h.FundAsync("acc-1", 10m);

        var correction = await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(5m), "Goodwill", "alice");

        Assert.Equal(CorrectionStatus.Requested, correction.Status);
        Assert.Equal(Dollars(10m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Theory]
    [InlineData(5, 15, "▲ Goodwill")]
    [InlineData(-4, 6, "▼ Goodwill")]
    public async Task Approve_MovesTheBalanceByTheSignedAmount_Once(int amount, int balance, string description)
    {
        await _h.FundAsync("acc-1", 10m);
        await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(amount), "Goodwill", "alice");

        var decision = await _h.Corrections.ApproveAsync("acc-1", "c-1", "bob");
        var replay = await _h.Corrections.ApproveAsync("acc-1", "c-1", "bob");

        Assert.False(decision.Replayed);
        Assert.Equal((LedgerEntryKind.Correction, Dollars(amount), description), (decision.Entry!.Kind, decision.Entry.Amount, decision.Entry.Description));
        Assert.Equal(decision.Correction.ApprovedAt, decision.Entry.RecordedAt);
        Assert.True(replay.Replayed);
        Assert.Equal(decision.Entry, replay.Entry);
        Assert.Equal(decision.Correction, replay.Correction);
        Assert.Equal(Dollars(balance), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Reject_NeverMovesTheBalance_AndRejectingAgainChangesNothing()
    {
        await _h.FundAsync("acc-1", 10m);
        await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(5m), "Goodwill", "alice");

        var rejected = await _h.Corrections.RejectAsync("acc-1", "c-1", "bob", "not owed");
        var again = await _h.Corrections.RejectAsync("acc-1", "c-1", "carol", "still not owed");

        Assert.Equal(CorrectionStatus.Rejected, rejected.Correction.Status);
        Assert.True(again.Replayed);
        Assert.Equal(rejected.Correction, again.Correction);
        Assert.Equal(Dollars(10m), (await _h.Accounts.GetAsync("acc-1")).Balance);
        await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.Corrections.ApproveAsync("acc-1", "c-1", "bob"));
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsRefused_AndNothingIsWritten()
    {
        await _h.FundAsync("acc-1", 10m);
        await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(5m), "Goodwill", "alice");

        await Assert.ThrowsAsync<SelfApprovalException>(() => _h.Corrections.ApproveAsync("acc-1", "c-1", "alice"));

        Assert.Equal(CorrectionStatus.Requested, (await _h.Store.FindCorrectionAsync("c-1"))!.Status);
        Assert.Equal(1, (await _h.Accounts.GetAsync("acc-1")).EntryCount);
    }

    [Fact]
    public async Task Request_Replayed_ReturnsTheFirst_ButAReusedIdIsRefused()
    {
        await _h.FundAsync("acc-1", 10m);
        var first = await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(5m), "Goodwill", "alice", "ord-1");

        Assert.Equal(first, await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(5m), "Goodwill", "alice", "ord-1"));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(6m), "Goodwill", "alice", "ord-1"));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.Corrections.RequestAsync("c-2", "acc-1", new Money(6m, Eur), "Goodwill", "alice"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Corrections.RequestAsync("c-3", "nobody", Dollars(6m), "Goodwill", "alice"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Corrections.ApproveAsync("acc-1", "c-404", "bob"));
    }

    [Fact]
    public async Task Corrections_FilterByStatusAndApprovalTime()
    {
        await _h.FundAsync("acc-1", 10m);
        for (var i = 1; i <= 4; i++)
        {
            await _h.Corrections.RequestAsync($"c-{i}", "acc-1", Dollars(i), "Goodwill", "alice");
        }

        var approved1 = await _h.Corrections.ApproveAsync("acc-1", "c-1", "bob");
        await _h.Corrections.RejectAsync("acc-1", "c-2", "bob", "no");
        var approved3 = await _h.Corrections.ApproveAsync("acc-1", "c-3", "bob");

        var all = await _h.Store.QueryCorrectionsAsync(new CorrectionQuery("acc-1"));
        var approvedOnly = await _h.Store.QueryCorrectionsAsync(new CorrectionQuery("acc-1") { Status = CorrectionStatus.Approved });
        var approvedInRange = await _h.Store.QueryCorrectionsAsync(new CorrectionQuery("acc-1") { Approved = new(approved1.Correction.ApprovedAt, approved3.Correction.ApprovedAt) });

        Assert.Equal(["c-4", "c-3", "c-2", "c-1"], all.Items.Select(c => c.CorrectionId));
        Assert.Equal(["c-3", "c-1"], approvedOnly.Items.Select(c => c.CorrectionId));
        Assert.Equal(["c-1"], approvedInRange.Items.Select(c => c.CorrectionId));
    }

    [Fact]
    public async Task DecidingACorrectionOfAnotherAccount_IsNotFound()
    {
        await _h.FundAsync("acc-1", 10m);
        await _h.FundAsync("acc-2", 10m);
        await _h.Corrections.RequestAsync("c-1", "acc-1", Dollars(5m), "Goodwill", "alice");

        await Assert.ThrowsAsync<NotFoundException>(() => _h.Corrections.ApproveAsync("acc-2", "c-1", "bob"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Corrections.RejectAsync("acc-2", "c-1", "bob", "no"));

        Assert.Equal(CorrectionStatus.Requested, (await _h.Store.FindCorrectionAsync("c-1"))!.Status);
        Assert.Equal(Dollars(10m), (await _h.Accounts.GetAsync("acc-2")).Balance);
    }
}
