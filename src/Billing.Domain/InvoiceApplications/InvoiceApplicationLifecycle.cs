using Billing.Domain.StateMachines;

namespace Billing.Domain.InvoiceApplications;

/// <summary>The invoice application's transition table: Pending → Approved → Issued, and Pending or Approved → Rejected.</summary>
/// <remarks>Resubmitting a rejected application makes a new Pending application linked to it; the rejected one stays Rejected.</remarks>
public static class InvoiceApplicationLifecycle
{
    /// <summary>Gets the machine; there are no guards, so its context is empty.</summary>
    public static StateMachine<InvoiceApplicationStatus, InvoiceApplicationTrigger, ValueTuple> Machine { get; } = Build();

    private static StateMachine<InvoiceApplicationStatus, InvoiceApplicationTrigger, ValueTuple> Build()
    {
        var machine = new StateMachine<InvoiceApplicationStatus, InvoiceApplicationTrigger, ValueTuple>("application");
        machine.Configure(InvoiceApplicationStatus.Pending)
            .Permit(InvoiceApplicationTrigger.Approve, InvoiceApplicationStatus.Approved)
            .Permit(InvoiceApplicationTrigger.Reject, InvoiceApplicationStatus.Rejected);
        machine.Configure(InvoiceApplicationStatus.Approved)
            .Permit(InvoiceApplicationTrigger.Issue, InvoiceApplicationStatus.Issued)
            .Permit(InvoiceApplicationTrigger.Reject, InvoiceApplicationStatus.Rejected);
        machine.Configure(InvoiceApplicationStatus.Issued);
        machine.Configure(InvoiceApplicationStatus.Rejected);
        return machine;
    }
}
