namespace Billing.Domain.Plans;

/// <summary>When a plan's periods are charged.</summary>
public enum BillingMode
{
    /// <summary>At the start of each period, for the period ahead (Kill Bill's <c>IN_ADVANCE</c>).</summary>
    InAdvance,

    /// <summary>At the end of each period, for the period past (Kill Bill's <c>IN_ARREAR</c>).</summary>
    InArrears,
}
