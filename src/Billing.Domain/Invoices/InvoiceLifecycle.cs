using Billing.Domain.Lifecycles;

namespace Billing.Domain.Invoices;

/// <summary>The invoice's transition table: postpaid invoices go Draft → Open → Paid, Void or Uncollectible; Prepay invoices are made Closed and never move.</summary>
/// <remarks>An uncollectible invoice may still be paid or voided, as when a customer pays late or the debt is forgiven.</remarks>
public static class InvoiceLifecycle
{
    /// <summary>Gets the lifecycle; there are no guards, so its context is empty.</summary>
    public static Lifecycle<InvoiceStatus, InvoiceTrigger, ValueTuple> Machine { get; } = new("invoice", InvoiceStatus.Draft, Build);

    private static void Build(LifecycleTable<InvoiceStatus, InvoiceTrigger, ValueTuple> machine)
    {
        machine.Configure(InvoiceStatus.Draft)
            .Permit(InvoiceTrigger.Finalize, InvoiceStatus.Open);                    // issued: it takes its number and is no longer edited
        machine.Configure(InvoiceStatus.Open)
            .Permit(InvoiceTrigger.MarkPaid, InvoiceStatus.Paid)                     // the customer paid
            .Permit(InvoiceTrigger.Void, InvoiceStatus.Void)                         // cancelled; it keeps its number, so the series has no gap
            .Permit(InvoiceTrigger.MarkUncollectible, InvoiceStatus.Uncollectible);  // written off as not expected to be paid
        machine.Configure(InvoiceStatus.Uncollectible)
            .Permit(InvoiceTrigger.MarkPaid, InvoiceStatus.Paid)                     // the customer paid late after all
            .Permit(InvoiceTrigger.Void, InvoiceStatus.Void);                        // the debt is forgiven

        // Paid and Void are final. A Prepay invoice is made Closed by the period's close and never moves: what it
        // says was already taken from the balance.
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(InvoiceStatus.Paid);
        // Stryker disable once Statement : rows lead here, so Stateless has this status without the line; the line says it has no rows of its own (equivalent).
        machine.Configure(InvoiceStatus.Void);
        machine.Configure(InvoiceStatus.Closed);
    }
}
