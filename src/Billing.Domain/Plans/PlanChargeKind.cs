namespace Billing.Domain.Plans;

/// <summary>What a plan charge prices, and so where its quantity comes from.</summary>
public enum PlanChargeKind
{
    /// <summary>A fee for the period: quantity 1, prorated when a period is charged in part.</summary>
    Fee,

    /// <summary>A resource the subscription holds (seats, GB, instances): its quantity is the subscription's, prorated like a fee.</summary>
    Resource,

    /// <summary>Metered usage over the period: its quantity is what was used, charged in arrears and never prorated.</summary>
    Usage,
}
