namespace Billing.Domain.Reconciliation;

/// <summary>The records a reconciliation sets side by side (seed 000's reconciliation notes).</summary>
public enum ReconciliationSide
{
    /// <summary>Billing records: completed top-up orders and their payment amounts.</summary>
    BillingRecords,

    /// <summary>The prepaid ledger: the credits and debits that moved the balance.</summary>
    Ledger,

    /// <summary>Consumption records: the rated calls the balance paid for.</summary>
    ConsumptionRecords,

    /// <summary>Usage logs: the host's per-call logs (input, output, model, token, request id).</summary>
    UsageLogs,

    /// <summary>Prepay invoices: what each closed period's invoice lists.</summary>
    Invoices,

    /// <summary>Approved corrections: the balance changes managers approved.</summary>
    Corrections,
}
