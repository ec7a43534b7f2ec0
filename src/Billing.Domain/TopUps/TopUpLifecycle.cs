using Billing.Domain.StateMachines;

namespace Billing.Domain.TopUps;

/// <summary>The top-up order's transition table: the only moves an order can make.</summary>
/// <remarks>
/// Confirmations may arrive before the gateway's answer to the start request (so Pending confirms too) and after
/// a decline or expiry (the money was taken after all, so Failed confirms too). An Abnormal order waits for a
/// person: accept what was paid, refund it, or cancel. A refund first moves the order to Refunding in the same
/// commit that takes its credit from the balance; the gateway's answer then settles it, and the guards (on
/// <see cref="TopUpRefundProgress"/>) say where: all refunded or nothing credited → Refunded, part → Partially
/// refunded; a decline returns the order where it was.
/// </remarks>
public static class TopUpLifecycle
{
    /// <summary>Gets the machine; its context is how much is refunded once a refund settles.</summary>
    public static StateMachine<TopUpStatus, TopUpTrigger, TopUpRefundProgress> Machine { get; } = Build();

    private static StateMachine<TopUpStatus, TopUpTrigger, TopUpRefundProgress> Build()
    {
        var machine = new StateMachine<TopUpStatus, TopUpTrigger, TopUpRefundProgress>("topup");
        machine.Configure(TopUpStatus.Pending)
            .Permit(TopUpTrigger.StartPayment, TopUpStatus.Processing)
            .Permit(TopUpTrigger.Confirm, TopUpStatus.Completed)
            .Permit(TopUpTrigger.Decline, TopUpStatus.Failed)
            .Permit(TopUpTrigger.FlagAbnormal, TopUpStatus.Abnormal)
            .Permit(TopUpTrigger.Cancel, TopUpStatus.Cancelled);
        machine.Configure(TopUpStatus.Processing)
            .Permit(TopUpTrigger.Confirm, TopUpStatus.Completed)
            .Permit(TopUpTrigger.Decline, TopUpStatus.Failed)
            .Permit(TopUpTrigger.FlagAbnormal, TopUpStatus.Abnormal);
        machine.Configure(TopUpStatus.Failed)
            .Permit(TopUpTrigger.Confirm, TopUpStatus.Completed)
            .Permit(TopUpTrigger.FlagAbnormal, TopUpStatus.Abnormal);
        machine.Configure(TopUpStatus.Abnormal)
            .Permit(TopUpTrigger.Accept, TopUpStatus.Completed)
            .Permit(TopUpTrigger.BeginRefund, TopUpStatus.Refunding)
            .Permit(TopUpTrigger.Cancel, TopUpStatus.Cancelled);
        machine.Configure(TopUpStatus.Completed)
            .Permit(TopUpTrigger.BeginRefund, TopUpStatus.Refunding);
        machine.Configure(TopUpStatus.PartiallyRefunded)
            .Permit(TopUpTrigger.BeginRefund, TopUpStatus.Refunding);
        machine.Configure(TopUpStatus.Refunding)
            .PermitIf(TopUpTrigger.RefundSucceeded, TopUpStatus.Refunded, static p => p is TopUpRefundProgress.AllRefunded or TopUpRefundProgress.NothingCredited, "all of it is refunded")
            .PermitIf(TopUpTrigger.RefundSucceeded, TopUpStatus.PartiallyRefunded, static p => p == TopUpRefundProgress.PartlyRefunded, "part of the credit is left")
            .PermitIf(TopUpTrigger.RefundDeclined, TopUpStatus.Completed, static p => p == TopUpRefundProgress.NothingRefunded, "nothing was refunded before")
            .PermitIf(TopUpTrigger.RefundDeclined, TopUpStatus.PartiallyRefunded, static p => p == TopUpRefundProgress.PartlyRefunded, "part was refunded before")
            .PermitIf(TopUpTrigger.RefundDeclined, TopUpStatus.Abnormal, static p => p == TopUpRefundProgress.NothingCredited, "the payment was never credited");
        machine.Configure(TopUpStatus.Refunded);
        machine.Configure(TopUpStatus.Cancelled);
        return machine;
    }
}
