using Billing.Domain.Corrections;
using Billing.Domain.Lifecycles;

namespace Billing.Domain.Tests.Corrections;

public class CorrectionTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant At = Instant.FromUtc(2026, 3, 5, 10, 0);

    private static Correction Requested(decimal amount = -12.5m) =>
        Correction.Request("c-1", "acc-1", new Money(amount, Usd), "Outage credit reversal", "alice", At, corrects: "inv-7");

    [Fact]
    public void Request_KeepsEveryField_AndIsRequested()
    {
        var correction = Requested();

        Assert.Equal(("c-1", "acc-1", new Money(-12.5m, Usd), "Outage credit reversal", "alice", At, "inv-7"),
            (correction.CorrectionId, correction.AccountId, correction.Amount, correction.Description, correction.RequestedBy, correction.RequestedAt, correction.Corrects));
        Assert.Equal((CorrectionStatus.Requested, null, null, 0L), (correction.Status, correction.ApprovedAt, correction.DecidedBy, correction.Version));
    }

    [Fact]
    public void Request_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("amount", () => Correction.Request("c", "a", new Money(0m, Usd), "d", "r", At));
        Assert.Throws<AmountNotRoundedException>(() => Correction.Request("c", "a", new Money(0.001m, Usd), "d", "r", At));
        Assert.Throws<ArgumentException>("amount", () => Correction.Request("c", "a", default, "d", "r", At));
        Assert.Throws<ArgumentException>("description", () => Correction.Request("c", "a", new Money(1m, Usd), new string('x', Correction.MaxDescriptionLength + 1), "r", At));
        Assert.Throws<ArgumentException>("requestedBy", () => Correction.Request("c", "a", new Money(1m, Usd), "d", "", At));
        Assert.Throws<ArgumentException>("corrects", () => Correction.Request("c", "a", new Money(1m, Usd), "d", "r", At, " "));
    }

    [Fact]
    public void Approve_ByAnotherManager_RecordsWhoAndWhen()
    {
        var approved = Requested().Approve("bob", At + Duration.FromHours(1));

        Assert.Equal((CorrectionStatus.Approved, "bob", At + Duration.FromHours(1)), (approved.Status, approved.DecidedBy, approved.ApprovedAt));
    }

    [Fact]
    public void Decide_ByTheRequester_IsRefused()
    {
        var correction = Requested();

        var self = Assert.Throws<SelfApprovalException>(() => correction.Approve("alice", At));
        Assert.Equal(("correction.self_approval", "c-1", "alice"), (self.Code, self.CorrectionId, self.Manager));
        Assert.Throws<SelfApprovalException>(() => correction.Reject("alice", "no", At));
    }

    [Fact]
    public void Reject_KeepsTheReason_AndHasNoApprovalTime()
    {
        var rejected = Requested().Reject("bob", "no evidence", At);

        Assert.Equal((CorrectionStatus.Rejected, "no evidence", null), (rejected.Status, rejected.RejectionReason, rejected.ApprovedAt));
        Assert.Equal(At, rejected.DecidedAt);
    }

    [Fact]
    public void Decided_CannotBeDecidedAgain()
    {
        var approved = Requested().Approve("bob", At);
        var rejected = Requested().Reject("bob", "no", At);

        Assert.Equal("correction.transition_refused", Assert.Throws<TransitionRefusedException>(() => approved.Reject("carol", "late", At)).Code);
        Assert.Throws<TransitionRefusedException>(() => rejected.Approve("carol", At));
        Assert.Throws<TransitionRefusedException>(() => approved.Approve("carol", At));
    }

    [Fact]
    public void Decide_BeforeTheRequest_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>("at", () => Requested().Approve("bob", At - Duration.FromSeconds(1)));
}
