using Billing.Domain.Lifecycles;

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
    /// <summary>Gets the lifecycle; its context is how much is refunded once a refund settles.</summary>
    public static Lifecycle<TopUpStatus, TopUpTrigger, TopUpRefundProgress> Machine { get; } = new("topup", TopUpStatus.Pending, Build);

    private static void Build(LifecycleTable<TopUpStatus, TopUpTrigger, TopUpRefundProgress> machine)
    {
        machine.Configure(TopUpStatus.Pending)
            .Permit(TopUpTrigger.StartPayment, TopUpStatus.Processing)   // the gateway was asked to take the payment
            .Permit(TopUpTrigger.Confirm, TopUpStatus.Completed)         // a webhook can arrive before the gateway's answer to the start
            .Permit(TopUpTrigger.Decline, TopUpStatus.Failed)            // the gateway refused at once
            .Permit(TopUpTrigger.FlagAbnormal, TopUpStatus.Abnormal)     // a payment that does not match the order waits for a person
            .Permit(TopUpTrigger.Cancel, TopUpStatus.Cancelled);         // nothing was paid, so the order can be dropped
        machine.Configure(TopUpStatus.Processing)
            .Permit(TopUpTrigger.Confirm, TopUpStatus.Completed)         // paid: the balance is credited in the same commit
            .Permit(TopUpTrigger.Decline, TopUpStatus.Failed)            // declined or expired at the gateway
            .Permit(TopUpTrigger.FlagAbnormal, TopUpStatus.Abnormal);    // paid, but not the amount or currency ordered
        machine.Configure(TopUpStatus.Failed)
            .Permit(TopUpTrigger.Confirm, TopUpStatus.Completed)         // the money was taken after all: it is never lost
            .Permit(TopUpTrigger.FlagAbnormal, TopUpStatus.Abnormal);    // taken after all, but not as ordered
        machine.Configure(TopUpStatus.Abnormal)
            .Permit(TopUpTrigger.Accept, TopUpStatus.Completed)          // a person credits what was paid
            .Permit(TopUpTrigger.BeginRefund, TopUpStatus.Refunding)     // a person sends it back
            .Permit(TopUpTrigger.Cancel, TopUpStatus.Cancelled);         // a person drops it (nothing was credited)
        machine.Configure(TopUpStatus.Completed)
            .Permit(TopUpTrigger.BeginRefund, TopUpStatus.Refunding);    // the credit is reserved before the gateway is asked
        machine.Configure(TopUpStatus.PartiallyRefunded)
            .Permit(TopUpTrigger.BeginRefund, TopUpStatus.Refunding);    // another part of what is left
        machine.Configure(TopUpStatus.Refunding)
            .PermitIf(TopUpTrigger.RefundSucceeded, TopUpStatus.Refunded, machine.If(static p => p is TopUpRefundProgress.AllRefunded or TopUpRefundProgress.NothingCredited), "all of it is refunded")        // nothing is left to refund
            .PermitIf(TopUpTrigger.RefundSucceeded, TopUpStatus.PartiallyRefunded, machine.If(static p => p == TopUpRefundProgress.PartlyRefunded), "part of the credit is left")  // the rest can still be refunded
            .PermitIf(TopUpTrigger.RefundDeclined, TopUpStatus.Completed, machine.If(static p => p == TopUpRefundProgress.NothingRefunded), "nothing was refunded before")        // the reservation is given back
            .PermitIf(TopUpTrigger.RefundDeclined, TopUpStatus.PartiallyRefunded, machine.If(static p => p == TopUpRefundProgress.PartlyRefunded), "part was refunded before")          // back to what was left
            .PermitIf(TopUpTrigger.RefundDeclined, TopUpStatus.Abnormal, machine.If(static p => p == TopUpRefundProgress.NothingCredited), "the payment was never credited");   // back to waiting for a person

        // Refunded and Cancelled are final: nothing is left to credit or refund.
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(TopUpStatus.Refunded);
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(TopUpStatus.Cancelled);
    }
}
