using Billing.Domain.StateMachines;

namespace Billing.Domain.TopUps;

/// <summary>The top-up order's transition table: the only moves an order can make.</summary>
/// <remarks>
/// Confirmations may arrive before the gateway's answer to the start request (so Pending confirms too) and after
/// a decline or expiry (the money was taken after all, so Failed confirms too). Completed, Refunded, Abnormal
/// and Cancelled accept nothing but the moves listed; an Abnormal order is resolved by support, for example
/// with a correction.
/// </remarks>
public static class TopUpLifecycle
{
    /// <summary>Gets the machine; there are no guards, so its context is empty.</summary>
    public static StateMachine<TopUpStatus, TopUpTrigger, ValueTuple> Machine { get; } = Build();

    private static StateMachine<TopUpStatus, TopUpTrigger, ValueTuple> Build()
    {
        var machine = new StateMachine<TopUpStatus, TopUpTrigger, ValueTuple>("topup");
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
        machine.Configure(TopUpStatus.Completed)
            .Permit(TopUpTrigger.Refund, TopUpStatus.Refunded);
        machine.Configure(TopUpStatus.Abnormal);
        machine.Configure(TopUpStatus.Refunded);
        machine.Configure(TopUpStatus.Cancelled);
        return machine;
    }
}
