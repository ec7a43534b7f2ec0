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
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(CorrectionStatus.Approved);
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(CorrectionStatus.Rejected);
    }
}
