using Billing.Domain.Lifecycles;

namespace Billing.Domain.Corrections;

/// <summary>The correction's transition table: Requested → Approved or Rejected, decided once.</summary>
public static class CorrectionLifecycle
{
    /// <summary>Gets the lifecycle; there are no guards, so its context is empty.</summary>
    public static Lifecycle<CorrectionStatus, CorrectionTrigger, ValueTuple> Machine { get; } = new("correction", CorrectionStatus.Requested, Build);

    private static void Build(LifecycleTable<CorrectionStatus, CorrectionTrigger, ValueTuple> machine)
    {
        machine.Configure(CorrectionStatus.Requested)
            .Permit(CorrectionTrigger.Approve, CorrectionStatus.Approved)   // seed: a manager approves; only then is the balance changed
            .Permit(CorrectionTrigger.Reject, CorrectionStatus.Rejected);   // a manager may also refuse it, with a reason

        // A decision is final: a wrong one is undone by a new correction, so that the ledger keeps both.
        machine.Configure(CorrectionStatus.Approved);
        machine.Configure(CorrectionStatus.Rejected);
    }
}
