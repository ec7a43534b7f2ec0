using NodaTime;

namespace Billing.Domain.Plans;

/// <summary>Thrown when a plan is asked for that the catalog does not hold, or holds no version of in force on the day.</summary>
public sealed class UnknownPlanException : BillingException
{
    /// <summary>The stable code of this rule: <c>plan.unknown</c>.</summary>
    public const string ErrorCode = "plan.unknown";

    /// <summary>Initializes a new instance for the plan and day asked for.</summary>
    /// <param name="planId">The plan's id.</param>
    /// <param name="on">The day a version was wanted for.</param>
    public UnknownPlanException(string planId, LocalDate on)
        : base(ErrorCode, $"The catalog has no version of plan '{planId}' in force on {on:uuuu-MM-dd}.")
    {
        PlanId = planId;
        On = on;
    }

    /// <summary>Gets the plan's id.</summary>
    public string PlanId { get; }

    /// <summary>Gets the day a version was wanted for.</summary>
    public LocalDate On { get; }
}
