using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Billing.Domain.Utility;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace Billing.Domain.Lifecycles;

/// <summary>
/// One aggregate's lifecycle: its table of statuses, triggers and guarded rows, run by Stateless. The aggregate
/// owns its status and passes it in with what the guards read; the lifecycle answers where a trigger takes it.
/// </summary>
/// <typeparam name="TStatus">The aggregate's status type.</typeparam>
/// <typeparam name="TTrigger">The triggers.</typeparam>
/// <typeparam name="TContext">What the guards read: a small value snapshot of the aggregate.</typeparam>
/// <remarks>
/// <para>
/// Stateless keeps the status outside the machine (external state storage): the machine reads and writes a local
/// that each call loads with the aggregate's status, so aggregates stay immutable and return their next value. A
/// Stateless machine is not safe to share between threads, and configuring one costs more than firing it many
/// times over, so each thread configures its own machine from the table once, on first use, and keeps it.
/// </para>
/// <para>
/// A trigger the status does not permit throws <see cref="TransitionRefusedException"/> (Stateless'
/// <c>OnUnhandledTrigger</c>), with the descriptions of the guards that did not hold; nothing changes. An ignored
/// trigger is accepted and changes nothing. The diagrams are Stateless' own exports.
/// </para>
/// </remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "Each lifecycle is a static table that lives as long as the process; its per-thread machines go with their threads.")]
public sealed class Lifecycle<TStatus, TTrigger, TContext>
    where TStatus : notnull
    where TTrigger : struct, Enum
{
    private readonly TStatus _initial;
    private readonly Action<LifecycleTable<TStatus, TTrigger, TContext>> _table;
    private readonly ThreadLocal<Runner> _runners;
    private readonly HashSet<TStatus> _statuses;
    private readonly HashSet<LifecycleSuperstate> _superstates;
    private readonly Dictionary<TStatus, Ignoring> _ignoring;

    /// <summary>Initializes the lifecycle and configures it once on this thread, so that a bad table fails here.</summary>
    /// <param name="name">The lifecycle's name, lower-case letters and underscores: the prefix of its refusal code.</param>
    /// <param name="initial">The status a new aggregate starts in, where the diagrams start.</param>
    /// <param name="table">Writes the table; run once per thread that uses the lifecycle, so it must do the same every time.</param>
    internal Lifecycle(string name, TStatus initial, Action<LifecycleTable<TStatus, TTrigger, TContext>> table)
    {
        Preconditions.CheckArgument(name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or '_'), nameof(name),
            $"A lifecycle's name is lower-case letters and underscores; got '{name}'.");
        Name = name;
        _initial = initial;
        _table = table;
        _runners = new ThreadLocal<Runner>(() => new Runner(this));
        var states = _runners.Value!.Machine.GetInfo().States.ToList();
        var statuses = states.Where(s => ((LifecycleState<TStatus>)s.UnderlyingState).Superstate is null).ToList();
        States = [.. statuses.Select(s => ((LifecycleState<TStatus>)s.UnderlyingState).Status!)];
        _statuses = [.. States];
        _superstates = [.. states.Select(s => ((LifecycleState<TStatus>)s.UnderlyingState).Superstate).OfType<LifecycleSuperstate>()];
        _ignoring = statuses.ToDictionary(s => ((LifecycleState<TStatus>)s.UnderlyingState).Status!, Ignoring.Of);
    }

    /// <summary>Gets the lifecycle's name, the prefix of its refusal code (<c>subscription.transition_refused</c>).</summary>
    public string Name { get; }

    /// <summary>Gets every status of the table.</summary>
    public IReadOnlyList<TStatus> States { get; }

    /// <summary>Returns where <paramref name="trigger"/> takes an aggregate in <paramref name="status"/>.</summary>
    /// <param name="status">The aggregate's status.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="context">What the guards read.</param>
    /// <returns>The transition taken: its destination, or the same status when the trigger is ignored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="status"/> is null.</exception>
    /// <exception cref="TransitionRefusedException">The trigger is not permitted in this status with this context.</exception>
    /// <exception cref="InvalidOperationException">Two guarded rows both hold: the table is wrong.</exception>
    public Transition<TStatus, TTrigger> Fire(TStatus status, TTrigger trigger, TContext context)
    {
        var destination = Load(status, trigger, context).Take(trigger);

        // Stateless refuses a Permit row back to its own status, so only an ignored trigger leaves the status as it was.
        return new Transition<TStatus, TTrigger>(status, destination, trigger, IsIgnored: EqualityComparer<TStatus>.Default.Equals(destination, status));
    }

    /// <summary>Returns a value indicating whether <paramref name="trigger"/> is permitted in <paramref name="status"/>: it moves the status, or is ignored there.</summary>
    /// <param name="status">The aggregate's status.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="context">What the guards read.</param>
    /// <returns>True when <see cref="Fire"/> would not refuse it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="status"/> is null.</exception>
    public bool CanFire(TStatus status, TTrigger trigger, TContext context) =>
        _statuses.Contains(NotNull(status)) && Runner.For(this, status, context).Machine.CanFire(trigger);

    /// <summary>Returns the triggers that move <paramref name="status"/> to another status with this context.</summary>
    /// <param name="status">The aggregate's status.</param>
    /// <param name="context">What the guards read.</param>
    /// <returns>The triggers Stateless permits, less those only ignored, in the order of <typeparamref name="TTrigger"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="status"/> is null.</exception>
    public IReadOnlyList<TTrigger> PermittedTriggers(TStatus status, TContext context)
    {
        if (!_statuses.Contains(NotNull(status)))
        {
            return [];
        }

        var runner = Runner.For(this, status, context);

        // The synchronous GetPermittedTriggers is obsolete in Stateless 5.20 and waits on a thread-pool task; every
        // guard here is synchronous, so the asynchronous one has already finished when it returns.
        var permitted = runner.Machine.GetPermittedTriggersAsync();
        if (!permitted.IsCompleted)
        {
            throw new InvalidOperationException($"{Name}: a guard is asynchronous; lifecycle tables use synchronous guards only.");
        }

        // Stateless permits an ignored trigger too; only a trigger that some row could also move needs trying.
        var ignoring = _ignoring[status];
        return [.. permitted.GetAwaiter().GetResult().Distinct().Order().Where(trigger =>
            !ignoring.Only.Contains(trigger)
            && (!ignoring.Sometimes.Contains(trigger) || !EqualityComparer<TStatus>.Default.Equals(runner.Reload(status).Take(trigger), status)))];
    }

    /// <summary>Returns a value indicating whether <paramref name="status"/> is under <paramref name="superstate"/>.</summary>
    /// <param name="status">A status.</param>
    /// <param name="superstate">A superstate of this lifecycle.</param>
    /// <returns>True when the status is one of the superstate's.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="superstate"/> is not one of this lifecycle's.</exception>
    public bool IsInState(TStatus status, LifecycleSuperstate superstate)
    {
        NotNull(status);
        Preconditions.CheckArgument(_superstates.Contains(Preconditions.CheckNotNull(superstate)), nameof(superstate), $"{superstate} is not a superstate of {Name}.");
        return _statuses.Contains(status) && Runner.For(this, status, default!).Machine.IsInState(superstate);
    }

    /// <summary>Returns the table as a Mermaid <c>stateDiagram-v2</c>: Stateless' <see cref="MermaidGraph"/> export.</summary>
    /// <returns>The diagram source, the same for the same table.</returns>
    public string ToMermaid() => MermaidGraph.Format(_runners.Value!.Machine.GetInfo());

    /// <summary>Returns the table as a Graphviz DOT digraph: Stateless' <see cref="UmlDotGraph"/> export.</summary>
    /// <returns>The diagram source, the same for the same table.</returns>
    public string ToDot() => UmlDotGraph.Format(_runners.Value!.Machine.GetInfo());

    private static TStatus NotNull(TStatus status, [CallerArgumentExpression(nameof(status))] string? paramName = null) =>
        status is null ? throw new ArgumentNullException(paramName) : status;

    private Runner Load(TStatus status, TTrigger trigger, TContext context) =>
        _statuses.Contains(NotNull(status))
            ? Runner.For(this, status, context)
            : throw new TransitionRefusedException(Name, $"{status}", trigger.ToString(), []);

    // Which triggers a status ignores, read from Stateless' description of the table, the status's rows and its
    // superstates': those it only ever ignores, and those it ignores unless a guarded row moves it.
    private sealed record Ignoring(HashSet<TTrigger> Only, HashSet<TTrigger> Sometimes)
    {
        public static Ignoring Of(StateInfo status)
        {
            var ignored = new HashSet<TTrigger>();
            var moving = new HashSet<TTrigger>();
            for (var level = status; level is not null; level = level.Superstate)
            {
                ignored.UnionWith(level.IgnoredTriggers.Select(row => (TTrigger)row.Trigger.UnderlyingTrigger));
                moving.UnionWith(level.FixedTransitions.Select(row => (TTrigger)row.Trigger.UnderlyingTrigger));
            }

            // Stryker disable once Linq : Only is asked first, so adding it to Sometimes changes no answer (equivalent).
            return new Ignoring([.. ignored.Except(moving)], [.. ignored.Intersect(moving)]);
        }
    }

    // This thread's Stateless machine over the table, and the local it reads and writes the status through.
    private sealed class Runner
    {
        private LifecycleState<TStatus> _state;
        private TContext _context = default!;

        public Runner(Lifecycle<TStatus, TTrigger, TContext> lifecycle)
        {
            _state = lifecycle._initial;
            Machine = new StateMachine<LifecycleState<TStatus>, TTrigger>(() => _state, state => _state = state, FiringMode.Immediate);
            Machine.OnUnhandledTrigger((state, trigger, unmetGuards) =>
                throw new TransitionRefusedException(lifecycle.Name, state.ToString(), trigger.ToString(), [.. unmetGuards ?? []]));
            lifecycle._table(new LifecycleTable<TStatus, TTrigger, TContext>(Machine, () => _context));
        }

        public StateMachine<LifecycleState<TStatus>, TTrigger> Machine { get; }

        public static Runner For(Lifecycle<TStatus, TTrigger, TContext> lifecycle, TStatus status, TContext context)
        {
            var runner = lifecycle._runners.Value!;
            runner._context = context;
            return runner.Reload(status);
        }

        public Runner Reload(TStatus status)
        {
            _state = status;
            return this;
        }

        public TStatus Take(TTrigger trigger)
        {
            Machine.Fire(trigger);
            return _state.Status!;
        }
    }
}
