namespace Billing.Domain.Lifecycles;

/// <summary>
/// A state of a Stateless machine that runs a lifecycle: one of the aggregate's statuses, or one of the superstates
/// that group them (which are not statuses, so the status type cannot hold them).
/// </summary>
/// <typeparam name="TStatus">The aggregate's status type.</typeparam>
/// <remarks>Statuses and superstates convert to it implicitly, so that a table reads <c>.Permit(trigger, Status.Active)</c>.</remarks>
internal readonly record struct LifecycleState<TStatus>
    where TStatus : notnull
{
    private LifecycleState(TStatus? status, LifecycleSuperstate? superstate)
    {
        Status = status;
        Superstate = superstate;
    }

    /// <summary>Gets the status; default for a superstate.</summary>
    public TStatus? Status { get; }

    /// <summary>Gets the superstate; null for a status.</summary>
    public LifecycleSuperstate? Superstate { get; }

    public static implicit operator LifecycleState<TStatus>(TStatus status) => new(status, null);

    public static implicit operator LifecycleState<TStatus>(LifecycleSuperstate superstate) => new(default, superstate);

    /// <summary>Returns the status's or the superstate's name, as diagrams and refusals show it.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Superstate?.Name ?? $"{Status}";
}
