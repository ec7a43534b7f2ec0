using Billing.Domain.Lifecycles;

namespace Billing.Domain.InvoiceApplications;

/// <summary>The invoice application's transition table: Pending → Approved → Issued, and Pending or Approved → Rejected.</summary>
/// <remarks>Resubmitting a rejected application makes a new Pending application linked to it; the rejected one stays Rejected.</remarks>
public static class InvoiceApplicationLifecycle
{
    /// <summary>Gets the lifecycle; there are no guards, so its context is empty.</summary>
    public static Lifecycle<InvoiceApplicationStatus, InvoiceApplicationTrigger, ValueTuple> Machine { get; } = new("application", InvoiceApplicationStatus.Pending, Build);

    private static void Build(LifecycleTable<InvoiceApplicationStatus, InvoiceApplicationTrigger, ValueTuple> machine)
    {
        machine.Configure(InvoiceApplicationStatus.Pending)
            .Permit(InvoiceApplicationTrigger.Approve, InvoiceApplicationStatus.Approved)   // seed: a reviewer accepts the application
            .Permit(InvoiceApplicationTrigger.Reject, InvoiceApplicationStatus.Rejected);   // seed: a reviewer refuses it, with a reason
        machine.Configure(InvoiceApplicationStatus.Approved)
            .Permit(InvoiceApplicationTrigger.Issue, InvoiceApplicationStatus.Issued)       // the invoice is made and numbered
            .Permit(InvoiceApplicationTrigger.Reject, InvoiceApplicationStatus.Rejected);   // withdrawn before the invoice is made

        // Issued is final (its amount stays invoiced); Rejected is final too, and a resubmission is a new application.
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(InvoiceApplicationStatus.Issued);
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(InvoiceApplicationStatus.Rejected);
    }
}
