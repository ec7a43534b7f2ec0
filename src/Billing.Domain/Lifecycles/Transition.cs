namespace Billing.Domain.Lifecycles;

/// <summary>What firing a trigger did: where the state was, where it is now, and whether the trigger was only ignored.</summary>
/// <typeparam name="TState">The states.</typeparam>
/// <typeparam name="TTrigger">The triggers.</typeparam>
/// <param name="Source">The state before.</param>
/// <param name="Destination">The state after; the same as <paramref name="Source"/> when ignored.</param>
/// <param name="Trigger">The trigger fired.</param>
/// <param name="IsIgnored">True when the state ignores the trigger and nothing changed.</param>
public readonly record struct Transition<TState, TTrigger>(TState Source, TState Destination, TTrigger Trigger, bool IsIgnored);
