namespace Billing.Domain.Lifecycles;

/// <summary>A named group of a lifecycle's statuses that share the rows configured on it, such as the subscription's Failed.</summary>
/// <remarks>Ask whether a status is in it with <see cref="Lifecycle{TStatus, TTrigger, TContext}.IsInState"/>.</remarks>
public sealed class LifecycleSuperstate
{
    internal LifecycleSuperstate(string name) => Name = name;

    /// <summary>Gets the superstate's name, as the diagrams show it.</summary>
    public string Name { get; }

    /// <summary>Returns the superstate's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}
