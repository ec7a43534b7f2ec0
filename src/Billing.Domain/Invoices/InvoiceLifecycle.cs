using Billing.Domain.StateMachines;

namespace Billing.Domain.Invoices;

/// <summary>The invoice's transition table: postpaid invoices go Draft → Open → Paid, Void or Uncollectible; Prepay invoices are made Closed and never move.</summary>
/// <remarks>An uncollectible invoice may still be paid or voided, as when a customer pays late or the debt is forgiven.</remarks>
public static class InvoiceLifecycle
{
    /// <summary>Gets the machine; there are no guards, so its context is empty.</summary>
    public static StateMachine<InvoiceStatus, InvoiceTrigger, ValueTuple> Machine { get; } = Build();

    private static StateMachine<InvoiceStatus, InvoiceTrigger, ValueTuple> Build()
    {
        var machine = new StateMachine<InvoiceStatus, InvoiceTrigger, ValueTuple>("invoice");
        machine.Configure(InvoiceStatus.Draft)
            .Permit(InvoiceTrigger.Finalize, InvoiceStatus.Open);
        machine.Configure(InvoiceStatus.Open)
            .Permit(InvoiceTrigger.MarkPaid, InvoiceStatus.Paid)
            .Permit(InvoiceTrigger.Void, InvoiceStatus.Void)
            .Permit(InvoiceTrigger.MarkUncollectible, InvoiceStatus.Uncollectible);
        machine.Configure(InvoiceStatus.Uncollectible)
            .Permit(InvoiceTrigger.MarkPaid, InvoiceStatus.Paid)
            .Permit(InvoiceTrigger.Void, InvoiceStatus.Void);
        machine.Configure(InvoiceStatus.Paid);
        machine.Configure(InvoiceStatus.Void);
        machine.Configure(InvoiceStatus.Closed);
        return machine;
    }
}
