namespace Billing.Domain.Consumption;

/// <summary>What recording a call's consumption did.</summary>
public enum ConsumptionOutcome
{
    /// <summary>The call was recorded and its cost debited.</summary>
    Recorded,

    /// <summary>The request id was recorded before; nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>The cost would take the balance past the credit limit; nothing was written.</summary>
    RefusedOverCreditLimit,
}
