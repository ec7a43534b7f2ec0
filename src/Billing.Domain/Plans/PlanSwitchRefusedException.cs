namespace Billing.Domain.Plans;

/// <summary>
/// Thrown when a subscription is to switch to a plan it cannot move to in the middle of a period: one with another billing
/// type, interval or billing mode (the periods and the way they are charged would not line up). Order a new subscription instead.
/// </summary>
public sealed class PlanSwitchRefusedException : BillingException
{
    /// <summary>The stable code of this rule: <c>plan.switch_refused</c>.</summary>
    public const string ErrorCode = "plan.switch_refused";

    /// <summary>Initializes a new instance for the two plans.</summary>
    /// <param name="from">The plan the subscription is on.</param>
    /// <param name="to">The plan it was to switch to.</param>
    public PlanSwitchRefusedException(Plan from, Plan to)
        : base(
            ErrorCode,
            $"Plan '{Utility.Preconditions.CheckNotNull(from).Id}' ({from.BillingType}, {from.Interval}, {from.Mode}) cannot switch to '{Utility.Preconditions.CheckNotNull(to).Id}' ({to.BillingType}, {to.Interval}, {to.Mode}): the billing type, interval and mode must match.")
    {
        FromPlan = from.Id;
        ToPlan = to.Id;
    }

    /// <summary>Gets the plan the subscription is on.</summary>
    public string FromPlan { get; }

    /// <summary>Gets the plan it was to switch to.</summary>
    public string ToPlan { get; }
}
