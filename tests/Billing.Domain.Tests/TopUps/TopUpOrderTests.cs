using Billing.Domain.Lifecycles;
using Billing.Domain.Tests.Lifecycles;
using Billing.Domain.TopUps;

namespace Billing.Domain.Tests.TopUps;

public class TopUpOrderTests
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant At = Instant.FromUtc(2026, 3, 1, 0, 0);

    // The table as the docs state it, restated independently: every (status, trigger) pair not listed is refused.
    // Rows that hold in every context; the settling rows of Refunding depend on how much is refunded (TableIn).
    private static readonly Dictionary<(TopUpStatus, TopUpTrigger), TopUpStatus> Table = new()
    {
        [(TopUpStatus.Pending, TopUpTrigger.StartPayment)] = TopUpStatus.Processing,
        [(TopUpStatus.Pending, TopUpTrigger.Confirm)] = TopUpStatus.Completed,
        [(TopUpStatus.Pending, TopUpTrigger.Decline)] = TopUpStatus.Failed,
        [(TopUpStatus.Pending, TopUpTrigger.FlagAbnormal)] = TopUpStatus.Abnormal,
        [(TopUpStatus.Pending, TopUpTrigger.Cancel)] = TopUpStatus.Cancelled,
        [(TopUpStatus.Processing, TopUpTrigger.Confirm)] = TopUpStatus.Completed,
        [(TopUpStatus.Processing, TopUpTrigger.Decline)] = TopUpStatus.Failed,
        [(TopUpStatus.Processing, TopUpTrigger.FlagAbnormal)] = TopUpStatus.Abnormal,
        [(TopUpStatus.Failed, TopUpTrigger.Confirm)] = TopUpStatus.Completed,
        [(TopUpStatus.Failed, TopUpTrigger.FlagAbnormal)] = TopUpStatus.Abnormal,
        [(TopUpStatus.Abnormal, TopUpTrigger.Accept)] = TopUpStatus.Completed,
        [(TopUpStatus.Abnormal, TopUpTrigger.BeginRefund)] = TopUpStatus.Refunding,
        [(TopUpStatus.Abnormal, TopUpTrigger.Cancel)] = TopUpStatus.Cancelled,
        [(TopUpStatus.Completed, TopUpTrigger.BeginRefund)] = TopUpStatus.Refunding,
        [(TopUpStatus.PartiallyRefunded, TopUpTrigger.BeginRefund)] = TopUpStatus.Refunding,
    };

    public static TheoryData<TopUpStatus, TopUpTrigger, TopUpRefundProgress> Triples() => TransitionTable.AllTriples<TopUpStatus, TopUpTrigger, TopUpRefundProgress>();

    [Theory]
    [MemberData(nameof(Triples))]
    public void Lifecycle_MovesExactlyAsTheTableSays(TopUpStatus status, TopUpTrigger trigger, TopUpRefundProgress progress) =>
        TransitionTable.AssertMoves(TopUpLifecycle.Machine, TableIn(progress), status, trigger, progress);

    private static Dictionary<(TopUpStatus, TopUpTrigger), TopUpStatus> TableIn(TopUpRefundProgress progress)
    {
        var table = new Dictionary<(TopUpStatus, TopUpTrigger), TopUpStatus>(Table);
        (TopUpStatus? succeeded, TopUpStatus? declined) = progress switch
        {
            TopUpRefundProgress.NothingRefunded => ((TopUpStatus?)null, (TopUpStatus?)TopUpStatus.Completed),
            TopUpRefundProgress.PartlyRefunded => (TopUpStatus.PartiallyRefunded, TopUpStatus.PartiallyRefunded),
            TopUpRefundProgress.AllRefunded => (TopUpStatus.Refunded, null),
            _ => (TopUpStatus.Refunded, TopUpStatus.Abnormal),
        };
        if (succeeded is { } s)
        {
            table[(TopUpStatus.Refunding, TopUpTrigger.RefundSucceeded)] = s;
        }

        if (declined is { } d)
        {
            table[(TopUpStatus.Refunding, TopUpTrigger.RefundDeclined)] = d;
        }

        return table;
    }

    [Fact]
    public void Create_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("paymentAmount", () => TopUpOrder.Create("o", "a", new Money(1m, Usd), new Money(-1m, Usd), "card", At));
        Assert.Throws<AmountNotRoundedException>(() => TopUpOrder.Create("o", "a", new Money(1m, Usd), new Money(1.005m, Usd), "card", At));
        Assert.Throws<ArgumentException>("amount", () => TopUpOrder.Create("o", "a", default, new Money(1m, Usd), "card", At));
        Assert.Throws<ArgumentException>("orderId", () => TopUpOrder.Create("", "a", new Money(1m, Usd), new Money(1m, Usd), "card", At));
        Assert.Throws<ArgumentNullException>("accountId", () => TopUpOrder.Create("o", null!, new Money(1m, Usd), new Money(1m, Usd), "card", At));
    }

    [Fact]
    public void Complete_OnlyWithAConfirmationThatPaysIt()
    {
        var order = TopUpOrder.Create("o", "a", new Money(100m, Usd), new Money(720m, Currency.FromCode("CNY")), "alipay", At);

        Assert.True(order.IsPaidBy(new PaymentConfirmation("o", "p", new Money(720.00m, Currency.FromCode("CNY")), At)));
        Assert.False(order.IsPaidBy(new PaymentConfirmation("o", "p", new Money(720m, Usd), At)));
        Assert.Throws<ArgumentException>("confirmation", () => order.Complete(new PaymentConfirmation("o", "p", new Money(719.99m, Currency.FromCode("CNY")), At), At));
        Assert.Throws<ArgumentException>("confirmation", () => order.Complete(new PaymentConfirmation("other", "p", new Money(720m, Currency.FromCode("CNY")), At), At));
        var completed = order.Complete(new PaymentConfirmation("o", "p", new Money(720m, Currency.FromCode("CNY")), At), At + Duration.FromMinutes(2));
        Assert.Equal((TopUpStatus.Completed, "p", At + Duration.FromMinutes(2)), (completed.Status, completed.PaymentReference, completed.CompletedAt));
    }

    [Fact]
    public void Moves_LeaveTheOriginalUnchanged()
    {
        var order = TopUpOrder.Create("o", "a", new Money(1m, Usd), new Money(1m, Usd), "card", At);

        var processing = order.StartPayment("pay_o");

        Assert.Equal(TopUpStatus.Pending, order.Status);
        Assert.Null(order.PaymentReference);
        Assert.Equal(TopUpStatus.Processing, processing.Status);
        Assert.Throws<TransitionRefusedException>(() => processing.StartPayment("again"));
        var completed = processing.Complete(new PaymentConfirmation("o", "pay_o", new Money(1m, Usd), At), At);
        var refunding = completed.BeginRefund(new Money(1m, Usd), "asked", "support", At);
        var refunded = refunding.SettleRefund(1, refunded: true, "re", null, At);
        Assert.Equal(TopUpStatus.Completed, completed.Status);
        Assert.Equal(TopUpStatus.Refunding, refunding.Status);
        Assert.Equal((TopUpStatus.Refunded, "re", "asked", (Instant?)At), (refunded.Status, refunded.Refunds[0].GatewayReference, refunded.StatusReason, refunded.Refunds[0].SettledAt));
    }
}
