namespace Billing.Domain.Lifecycles;

/// <summary>
/// Thrown when a trigger is not permitted in the current state; the state is left as it was.
/// </summary>
/// <remarks>
/// The code is the machine's name followed by <c>.transition_refused</c>, such as
/// <c>subscription.transition_refused</c>. Ask first with the machine's or the aggregate's <c>CanFire</c>
/// where refusal is a normal answer.
/// </remarks>
public sealed class TransitionRefusedException : BillingException
{
    /// <summary>The part of the code after the machine's name: <c>transition_refused</c>.</summary>
    public const string ErrorCodeSuffix = "transition_refused";

    /// <summary>Initializes a new instance for the refused trigger.</summary>
    /// <param name="machine">The machine's name, such as <c>subscription</c>.</param>
    /// <param name="state">The state the trigger was fired in.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="unmetGuards">The guards of the trigger's transitions from this state that did not hold; empty when the state has none.</param>
    public TransitionRefusedException(string machine, string state, string trigger, IReadOnlyList<string> unmetGuards)
        : base($"{machine}.{ErrorCodeSuffix}", Describe(machine, state, trigger, unmetGuards))
    {
        Machine = machine;
        State = state;
        Trigger = trigger;
        UnmetGuards = unmetGuards;
    }

    /// <summary>Gets the name of the machine that refused, such as <c>subscription</c>.</summary>
    public string Machine { get; }

    /// <summary>Gets the state the trigger was fired in.</summary>
    public string State { get; }

    /// <summary>Gets the trigger that was refused.</summary>
    public string Trigger { get; }

    /// <summary>Gets the guards that did not hold; empty when the state has no transition for the trigger at all.</summary>
    public IReadOnlyList<string> UnmetGuards { get; }

    private static string Describe(string machine, string state, string trigger, IReadOnlyList<string> unmetGuards) =>
        unmetGuards.Count == 0
            ? $"{machine}: {trigger} is not permitted in {state}."
            : $"{machine}: {trigger} is not permitted in {state} because none of these holds: {string.Join("; ", unmetGuards)}.";
}
