using Stateless;

namespace Billing.Domain.Lifecycles;

/// <summary>
/// What a lifecycle's table is written against: Stateless' own configuration of each status and superstate, and
/// guards that read the context of the trigger being fired.
/// </summary>
/// <typeparam name="TStatus">The aggregate's status type.</typeparam>
/// <typeparam name="TTrigger">The triggers.</typeparam>
/// <typeparam name="TContext">What the guards read.</typeparam>
internal sealed class LifecycleTable<TStatus, TTrigger, TContext>
    where TStatus : notnull
    where TTrigger : struct, Enum
{
    private readonly StateMachine<LifecycleState<TStatus>, TTrigger> _machine;
    private readonly Func<TContext> _context;

    internal LifecycleTable(StateMachine<LifecycleState<TStatus>, TTrigger> machine, Func<TContext> context)
    {
        _machine = machine;
        _context = context;
    }

    /// <summary>Returns Stateless' configuration of <paramref name="status"/>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The configuration: <c>Permit</c>, <c>PermitIf</c>, <c>Ignore</c>, <c>SubstateOf</c>.</returns>
    public StateMachine<LifecycleState<TStatus>, TTrigger>.StateConfiguration Configure(TStatus status) => _machine.Configure(status);

    /// <summary>Returns Stateless' configuration of <paramref name="superstate"/>, whose rows every status under it shares.</summary>
    /// <param name="superstate">The superstate.</param>
    /// <returns>The configuration.</returns>
    public StateMachine<LifecycleState<TStatus>, TTrigger>.StateConfiguration Configure(LifecycleSuperstate superstate) => _machine.Configure(superstate);

    /// <summary>Returns a Stateless guard that holds when <paramref name="condition"/> holds for the context of the trigger being fired.</summary>
    /// <param name="condition">The condition, a static lambda over the context.</param>
    /// <returns>The guard, for <c>PermitIf</c>.</returns>
    public Func<bool> If(Func<TContext, bool> condition) => () => condition(_context());
}
