using Billing.Domain.Utility;

namespace Billing.Domain.StateMachines;

/// <summary>
/// A table-driven state machine in Stateless' vocabulary: configure each state with the triggers it
/// permits, guarded or not, group states under superstates, then ask it what a trigger does.
/// </summary>
/// <typeparam name="TState">The states, such as a status SmartEnum.</typeparam>
/// <typeparam name="TTrigger">The triggers, usually an enum.</typeparam>
/// <typeparam name="TContext">What guards read: a small value snapshot of the aggregate, passed to every query.</typeparam>
/// <remarks>
/// <para>
/// The machine holds the table, not the state: the aggregate owns its state and passes it in, so one
/// machine, configured once, serves every aggregate on every thread. Configure it completely before
/// sharing it; it is not safe to configure while others read it.
/// </para>
/// <para>
/// Resolving a trigger looks at the state's own transitions first, then at each superstate's, inner to
/// outer. Among a level's transitions for the trigger, exactly one whose guard holds is taken; two that
/// both hold are a configuration error. A trigger that is ignored at the first level that mentions it
/// leaves the state as it is. Anything else is refused. Queries read the table with no reflection and
/// allocate nothing when a trigger is permitted.
/// </para>
/// </remarks>
public sealed class StateMachine<TState, TTrigger, TContext>
    where TState : notnull
    where TTrigger : struct, Enum
{
    private readonly Dictionary<TState, StateNode> _states = [];
    private readonly List<StateNode> _nodes = [];
    private readonly List<(StateNode Node, TTrigger Trigger, TransitionRow Row)> _rows = [];
    private readonly Func<TState, string> _label;

    /// <summary>Initializes an empty machine.</summary>
    /// <param name="name">The machine's name, lower-case with underscores, such as <c>subscription</c>: the prefix of its refusal code.</param>
    /// <param name="label">How a state is shown in diagrams and messages; its <c>ToString()</c> by default.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not lower-case letters and underscores.</exception>
    public StateMachine(string name, Func<TState, string>? label = null)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or '_'), nameof(name),
            $"A machine name is lower-case letters and underscores; got '{name}'.");
        Name = name;
        _label = label ?? (state => state.ToString() ?? string.Empty);
    }

    /// <summary>Gets the machine's name, the prefix of its refusal code (<c>subscription.transition_refused</c>).</summary>
    public string Name { get; }

    /// <summary>Gets every configured state, in the order it was first configured.</summary>
    public IReadOnlyList<TState> States => [.. _nodes.Where(n => n.IsState).Select(n => n.State!)];

    /// <summary>Returns the configuration of <paramref name="state"/>, creating it on first use.</summary>
    /// <param name="state">The state to configure.</param>
    /// <returns>A fluent configuration of the state.</returns>
    public StateConfiguration Configure(TState state)
    {
        if (!_states.TryGetValue(state, out var node))
        {
            node = new StateNode(state, isState: true, _label(state));
            _states.Add(state, node);
            _nodes.Add(node);
        }

        return new StateConfiguration(this, node);
    }

    /// <summary>Defines a superstate: a named group of states that share the transitions configured on it.</summary>
    /// <param name="name">The group's name, such as <c>Failed</c>.</param>
    /// <returns>The superstate, to configure with <see cref="Configure(Superstate)"/> and to put states under with <see cref="StateConfiguration.SubstateOf(Superstate)"/>.</returns>
    public Superstate DefineSuperstate(string name)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(_nodes.All(n => n.Label != name), nameof(name), $"A state or superstate is already named '{name}'.");
        var node = new StateNode(default, isState: false, name);
        _nodes.Add(node);
        return new Superstate(name, node);
    }

    /// <summary>Returns the configuration of a superstate, whose transitions every state under it shares.</summary>
    /// <param name="superstate">A superstate of this machine.</param>
    /// <returns>A fluent configuration of the superstate.</returns>
    public StateConfiguration Configure(Superstate superstate) => new(this, Own(Preconditions.CheckNotNull(superstate)));

    /// <summary>Returns a value indicating whether <paramref name="state"/> is under <paramref name="superstate"/>, directly or through another superstate.</summary>
    /// <param name="state">A state.</param>
    /// <param name="superstate">A superstate of this machine.</param>
    /// <returns>True when the state is one of the superstate's.</returns>
    public bool IsInState(TState state, Superstate superstate)
    {
        var group = Own(Preconditions.CheckNotNull(superstate));
        for (var node = _states.GetValueOrDefault(state)?.Parent; node is not null; node = node.Parent)
        {
            if (node == group)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns a value indicating whether <paramref name="trigger"/> is permitted in <paramref name="state"/>: it moves the state, or is ignored there.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="context">What the guards read.</param>
    /// <returns>True when <see cref="Fire"/> would not refuse it.</returns>
    public bool CanFire(TState state, TTrigger trigger, TContext context) => Resolve(state, trigger, context).Outcome != Outcome.Refused;

    /// <summary>Returns the triggers that move <paramref name="state"/> to another state with this context, in declaration order of <typeparamref name="TTrigger"/>.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="context">What the guards read.</param>
    /// <returns>The triggers that would change the state; ignored triggers are not listed.</returns>
    public IReadOnlyList<TTrigger> PermittedTriggers(TState state, TContext context) =>
        [.. Enum.GetValues<TTrigger>().Where(t => Resolve(state, t, context).Outcome == Outcome.Moved)];

    /// <summary>Returns where <paramref name="trigger"/> takes <paramref name="state"/>.</summary>
    /// <param name="state">The current state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="context">What the guards read.</param>
    /// <returns>The transition taken: its destination, or the same state when the trigger is ignored.</returns>
    /// <exception cref="TransitionRefusedException">The trigger is not permitted in this state with this context; nothing changes.</exception>
    /// <exception cref="InvalidOperationException">Two guarded transitions both hold: the table is misconfigured.</exception>
    public Transition<TState, TTrigger> Fire(TState state, TTrigger trigger, TContext context)
    {
        var resolution = Resolve(state, trigger, context);
        return resolution.Outcome switch
        {
            Outcome.Moved => new Transition<TState, TTrigger>(state, resolution.Destination!, trigger, IsIgnored: false),
            Outcome.Ignored => new Transition<TState, TTrigger>(state, state, trigger, IsIgnored: true),
            _ => throw new TransitionRefusedException(Name, _label(state), trigger.ToString(), UnmetGuards(state, trigger, context)),
        };
    }

    /// <summary>Returns the configured table as a Mermaid <c>stateDiagram-v2</c>, with superstates as composite states.</summary>
    /// <returns>The diagram source, the same for the same configuration.</returns>
    public string ToMermaid() => GraphExport.Mermaid(TopLevelStates(), Groups(), Rows());

    /// <summary>Returns the configured table as a Graphviz DOT digraph, with superstates as clusters.</summary>
    /// <returns>The diagram source, the same for the same configuration.</returns>
    public string ToDot() => GraphExport.Dot(Name, TopLevelStates(), Groups(), Rows());

    private StateNode Own(Superstate superstate) =>
        _nodes.Contains(superstate.Node)
            ? superstate.Node
            : throw new ArgumentException($"Superstate '{superstate.Name}' belongs to another machine.", nameof(superstate));

    private Resolution Resolve(TState state, TTrigger trigger, TContext context)
    {
        if (!_states.TryGetValue(state, out var node))
        {
            return default;
        }

        for (; node is not null; node = node.Parent)
        {
            if (node.Transitions.TryGetValue(trigger, out var transitions))
            {
                TransitionRow? taken = null;
                foreach (var transition in transitions)
                {
                    if (transition.Guard is null || transition.Guard(context))
                    {
                        if (taken is not null)
                        {
                            throw new InvalidOperationException(
                                $"{Name}: in {node.Label}, {trigger} has two transitions whose guards both hold ({taken.Value.Describe()} and {transition.Describe()}).");
                        }

                        taken = transition;
                    }
                }

                if (taken is { } row)
                {
                    return new Resolution(Outcome.Moved, row.Target);
                }
            }
            else if (node.Ignored.Contains(trigger))
            {
                return new Resolution(Outcome.Ignored, default);
            }
        }

        return default;
    }

    private List<string> UnmetGuards(TState state, TTrigger trigger, TContext context)
    {
        var unmet = new List<string>();
        for (var node = _states.GetValueOrDefault(state); node is not null; node = node.Parent)
        {
            if (node.Transitions.TryGetValue(trigger, out var transitions))
            {
                unmet.AddRange(transitions.Where(t => t.Guard is not null && !t.Guard(context)).Select(t => t.GuardDescription!));
            }
        }

        return unmet;
    }

    // In the order the rows were configured, so that the diagram reads like the table.
    private IEnumerable<GraphExport.Edge> Rows() =>
        _rows.Select(r => new GraphExport.Edge(r.Node.Label, _label(r.Row.Target), r.Trigger.ToString(), r.Row.GuardDescription));

    private IEnumerable<string> TopLevelStates() => _nodes.Where(n => n.IsState && n.Parent is null).Select(n => n.Label);

    private IEnumerable<GraphExport.Group> Groups() =>
        _nodes.Where(n => !n.IsState).Select(group =>
            new GraphExport.Group(group.Label, [.. _nodes.Where(n => n.Parent == group).Select(n => n.Label)]));

    /// <summary>Configures one state or superstate: <c>machine.Configure(state).Permit(...).PermitIf(...).Ignore(...)</c>.</summary>
    public sealed class StateConfiguration
    {
        private readonly StateMachine<TState, TTrigger, TContext> _machine;
        private readonly StateNode _node;

        internal StateConfiguration(StateMachine<TState, TTrigger, TContext> machine, StateNode node)
        {
            _machine = machine;
            _node = node;
        }

        /// <summary>Permits <paramref name="trigger"/> to move this state to <paramref name="target"/>, always.</summary>
        /// <param name="trigger">The trigger.</param>
        /// <param name="target">The state it moves to.</param>
        /// <returns>This configuration.</returns>
        /// <exception cref="ArgumentException">The trigger is already permitted without a guard, or ignored, here.</exception>
        public StateConfiguration Permit(TTrigger trigger, TState target) => Add(trigger, new TransitionRow(target, null, null));

        /// <summary>Permits <paramref name="trigger"/> to move this state to <paramref name="target"/> when <paramref name="guard"/> holds.</summary>
        /// <param name="trigger">The trigger.</param>
        /// <param name="target">The state it moves to.</param>
        /// <param name="guard">The condition, read from the context; a static lambda so that nothing is captured.</param>
        /// <param name="guardDescription">The condition in words, for diagrams and refusals: <c>billing type is non-recurring</c>.</param>
        /// <returns>This configuration.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="guard"/> or <paramref name="guardDescription"/> is null.</exception>
        /// <exception cref="ArgumentException">The trigger is already permitted without a guard, or ignored, here.</exception>
        public StateConfiguration PermitIf(TTrigger trigger, TState target, Func<TContext, bool> guard, string guardDescription) =>
            Add(trigger, new TransitionRow(target, Preconditions.CheckNotNull(guard), Preconditions.CheckNotNull(guardDescription)));

        /// <summary>Ignores <paramref name="trigger"/> in this state: firing it changes nothing and is not refused.</summary>
        /// <param name="trigger">The trigger.</param>
        /// <returns>This configuration.</returns>
        /// <exception cref="ArgumentException">The trigger is already permitted here.</exception>
        public StateConfiguration Ignore(TTrigger trigger)
        {
            Preconditions.CheckArgument(!_node.Transitions.ContainsKey(trigger), nameof(trigger), $"{trigger} is already permitted in {_node.Label}.");
            _node.Ignored.Add(trigger);
            return this;
        }

        /// <summary>Puts this state under <paramref name="superstate"/>, so that it shares the superstate's transitions.</summary>
        /// <param name="superstate">A superstate of the same machine.</param>
        /// <returns>This configuration.</returns>
        /// <exception cref="ArgumentException">The superstate is of another machine, this state already has one, or it would make a cycle.</exception>
        public StateConfiguration SubstateOf(Superstate superstate)
        {
            var parent = _machine.Own(Preconditions.CheckNotNull(superstate));
            Preconditions.CheckArgument(_node.Parent is null || _node.Parent == parent, nameof(superstate), $"{_node.Label} is already under {_node.Parent?.Label}.");
            for (var ancestor = parent; ancestor is not null; ancestor = ancestor.Parent)
            {
                Preconditions.CheckArgument(ancestor != _node, nameof(superstate), $"Putting {_node.Label} under {superstate.Name} makes a cycle.");
            }

            _node.Parent = parent;
            return this;
        }

        private StateConfiguration Add(TTrigger trigger, TransitionRow row)
        {
            Preconditions.CheckArgument(!_node.Ignored.Contains(trigger), nameof(trigger), $"{trigger} is ignored in {_node.Label}.");
            if (!_node.Transitions.TryGetValue(trigger, out var rows))
            {
                rows = [];
                _node.Transitions.Add(trigger, rows);
            }

            Preconditions.CheckArgument(rows.All(r => r.Guard is not null) && (row.Guard is not null || rows.Count == 0), nameof(trigger),
                $"{trigger} in {_node.Label} already has a transition; only guarded transitions may share a trigger.");
            rows.Add(row);
            _machine._rows.Add((_node, trigger, row));
            _machine.Configure(row.Target);
            return this;
        }
    }

    /// <summary>A named group of states; configure it with <see cref="Configure(Superstate)"/>.</summary>
    public sealed class Superstate
    {
        internal Superstate(string name, StateNode node)
        {
            Name = name;
            Node = node;
        }

        /// <summary>Gets the superstate's name.</summary>
        public string Name { get; }

        internal StateNode Node { get; }

        /// <summary>Returns the superstate's name.</summary>
        /// <returns>The name.</returns>
        public override string ToString() => Name;
    }

    internal sealed class StateNode(TState? state, bool isState, string label)
    {
        public TState? State { get; } = state;

        public bool IsState { get; } = isState;

        public string Label { get; } = label;

        public StateNode? Parent { get; set; }

        public Dictionary<TTrigger, List<TransitionRow>> Transitions { get; } = [];

        public HashSet<TTrigger> Ignored { get; } = [];
    }

    internal readonly record struct TransitionRow(TState Target, Func<TContext, bool>? Guard, string? GuardDescription)
    {
        public string Describe() => GuardDescription is null ? $"to {Target}" : $"to {Target} if {GuardDescription}";
    }

    private enum Outcome
    {
        Refused = 0,
        Moved,
        Ignored,
    }

    private readonly record struct Resolution(Outcome Outcome, TState? Destination);
}
