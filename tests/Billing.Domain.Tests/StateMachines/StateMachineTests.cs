using Billing.Domain.StateMachines;

namespace Billing.Domain.Tests.StateMachines;

public class StateMachineTests
{
    public enum Door
    {
        Open,
        Closed,
        Locked,
        Broken,
        Gone,
    }

    public enum Act
    {
        Close,
        Open,
        Lock,
        Unlock,
        Kick,
        Knock,
        Remove,
    }

    /// <summary>What the guards read: whether the caller holds the key.</summary>
    public readonly record struct Hand(bool HasKey, bool Strong = false);

    private static StateMachine<Door, Act, Hand> Build()
    {
        var machine = new StateMachine<Door, Act, Hand>("door");
        var shut = machine.DefineSuperstate("Shut");
        machine.Configure(Door.Open).Permit(Act.Close, Door.Closed).Ignore(Act.Open);
        machine.Configure(Door.Closed).SubstateOf(shut)
            .Permit(Act.Open, Door.Open)
            .PermitIf(Act.Lock, Door.Locked, static h => h.HasKey, "has the key");
        machine.Configure(Door.Locked).SubstateOf(shut)
            .PermitIf(Act.Unlock, Door.Closed, static h => h.HasKey, "has the key")
            .PermitIf(Act.Kick, Door.Open, static h => h.Strong, "is strong");
        machine.Configure(shut)
            .Ignore(Act.Knock)
            .PermitIf(Act.Kick, Door.Broken, static h => !h.Strong, "is weak");
        machine.Configure(Door.Broken).Permit(Act.Remove, Door.Gone);
        machine.Configure(Door.Gone);
        return machine;
    }

    [Fact]
    public void Fire_PermittedTrigger_ReturnsTheDestination()
    {
        var transition = Build().Fire(Door.Open, Act.Close, default);

        Assert.Equal(new Transition<Door, Act>(Door.Open, Door.Closed, Act.Close, IsIgnored: false), transition);
    }

    [Fact]
    public void Fire_GuardHolds_TakesTheGuardedTransition() =>
        Assert.Equal(Door.Locked, Build().Fire(Door.Closed, Act.Lock, new Hand(HasKey: true)).Destination);

    [Fact]
    public void Fire_GuardDoesNotHold_RefusesNamingTheGuard()
    {
        var exception = Assert.Throws<TransitionRefusedException>(() => Build().Fire(Door.Closed, Act.Lock, new Hand(HasKey: false)));

        Assert.Equal("door.transition_refused", exception.Code);
        Assert.Equal("door", exception.Machine);
        Assert.Equal("Closed", exception.State);
        Assert.Equal("Lock", exception.Trigger);
        Assert.Equal(["has the key"], exception.UnmetGuards);
        Assert.Contains("has the key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_TriggerNotConfigured_RefusesWithNoGuards()
    {
        var exception = Assert.Throws<TransitionRefusedException>(() => Build().Fire(Door.Open, Act.Lock, default));

        Assert.Empty(exception.UnmetGuards);
    }

    [Fact]
    public void Fire_StateNotConfigured_Refuses()
    {
        var machine = new StateMachine<Door, Act, Hand>("door");

        Assert.Throws<TransitionRefusedException>(() => machine.Fire(Door.Open, Act.Close, default));
        Assert.False(machine.CanFire(Door.Open, Act.Close, default));
    }

    [Fact]
    public void Fire_IgnoredTrigger_StaysAndSaysIgnored()
    {
        var transition = Build().Fire(Door.Open, Act.Open, default);

        Assert.True(transition.IsIgnored);
        Assert.Equal(Door.Open, transition.Destination);
    }

    [Fact]
    public void Fire_Substate_SharesTheSuperstatesTransitions()
    {
        var machine = Build();

        Assert.True(machine.Fire(Door.Locked, Act.Knock, default).IsIgnored);
        Assert.Equal(Door.Broken, machine.Fire(Door.Closed, Act.Kick, new Hand(HasKey: false, Strong: false)).Destination);
    }

    [Fact]
    public void Fire_SubstateRowTakesPrecedence_ThenFallsBackToTheSuperstate()
    {
        var machine = Build();

        Assert.Equal(Door.Open, machine.Fire(Door.Locked, Act.Kick, new Hand(false, Strong: true)).Destination);
        Assert.Equal(Door.Broken, machine.Fire(Door.Locked, Act.Kick, new Hand(false, Strong: false)).Destination);
    }

    [Fact]
    public void Fire_TwoGuardsHold_ThrowsInvalidOperation()
    {
        var machine = new StateMachine<Door, Act, Hand>("door");
        machine.Configure(Door.Closed)
            .PermitIf(Act.Open, Door.Open, static _ => true, "always")
            .PermitIf(Act.Open, Door.Broken, static _ => true, "also always");

        var exception = Assert.Throws<InvalidOperationException>(() => machine.Fire(Door.Closed, Act.Open, default));

        Assert.IsNotType<TransitionRefusedException>(exception);
    }

    [Fact]
    public void CanFire_AgreesWithFire()
    {
        var machine = Build();

        Assert.True(machine.CanFire(Door.Closed, Act.Lock, new Hand(HasKey: true)));
        Assert.False(machine.CanFire(Door.Closed, Act.Lock, new Hand(HasKey: false)));
        Assert.True(machine.CanFire(Door.Closed, Act.Knock, default));
        Assert.False(machine.CanFire(Door.Gone, Act.Knock, default));
    }

    [Fact]
    public void PermittedTriggers_ListsTriggersThatMoveInEnumOrder()
    {
        var machine = Build();

        Assert.Equal([Act.Open, Act.Lock, Act.Kick], machine.PermittedTriggers(Door.Closed, new Hand(HasKey: true)));
        Assert.Equal([Act.Open, Act.Kick], machine.PermittedTriggers(Door.Closed, new Hand(HasKey: false)));
        Assert.Empty(machine.PermittedTriggers(Door.Gone, default));
    }

    [Fact]
    public void IsInState_FollowsTheSuperstate()
    {
        var machine = new StateMachine<Door, Act, Hand>("door");
        var shut = machine.DefineSuperstate("Shut");
        machine.Configure(Door.Closed).SubstateOf(shut);

        Assert.True(machine.IsInState(Door.Closed, shut));
        Assert.False(machine.IsInState(Door.Open, shut));
    }

    [Fact]
    public void Fire_AllocatesNothing()
    {
        var machine = Build();
        var hand = new Hand(HasKey: true);
        machine.Fire(Door.Closed, Act.Lock, hand);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var state = Door.Closed;
        for (var i = 0; i < 1_000; i++)
        {
            state = machine.Fire(state, state == Door.Closed ? Act.Lock : Act.Unlock, hand).Destination;
            _ = machine.CanFire(state, Act.Knock, hand);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Configure_SecondUnguardedPermit_ThrowsArgument()
    {
        var state = new StateMachine<Door, Act, Hand>("door").Configure(Door.Open).Permit(Act.Close, Door.Closed);

        Assert.Throws<ArgumentException>("trigger", () => state.Permit(Act.Close, Door.Locked));
        Assert.Throws<ArgumentException>("trigger", () => state.PermitIf(Act.Close, Door.Locked, static _ => true, "x"));
        Assert.Throws<ArgumentException>("trigger", () => state.Ignore(Act.Close));
    }

    [Fact]
    public void Configure_PermitAfterIgnore_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("trigger", () =>
            new StateMachine<Door, Act, Hand>("door").Configure(Door.Open).Ignore(Act.Close).Permit(Act.Close, Door.Closed));

    [Fact]
    public void SubstateOf_AnotherMachinesSuperstate_ThrowsArgument()
    {
        var other = new StateMachine<Door, Act, Hand>("other").DefineSuperstate("Shut");

        Assert.Throws<ArgumentException>("superstate", () => new StateMachine<Door, Act, Hand>("door").Configure(Door.Open).SubstateOf(other));
    }

    [Fact]
    public void SubstateOf_Cycle_ThrowsArgument()
    {
        var machine = new StateMachine<Door, Act, Hand>("door");
        var outer = machine.DefineSuperstate("Outer");
        var inner = machine.DefineSuperstate("Inner");
        machine.Configure(inner).SubstateOf(outer);

        Assert.Throws<ArgumentException>("superstate", () => machine.Configure(outer).SubstateOf(inner));
    }

    [Fact]
    public void DefineSuperstate_DuplicateName_ThrowsArgument()
    {
        var machine = new StateMachine<Door, Act, Hand>("door");
        machine.DefineSuperstate("Shut");

        Assert.Throws<ArgumentException>("name", () => machine.DefineSuperstate("Shut"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Door")]
    [InlineData("door-1")]
    public void Constructor_BadName_ThrowsArgument(string name) =>
        Assert.Throws<ArgumentException>("name", () => new StateMachine<Door, Act, Hand>(name));

    [Fact]
    public void ToMermaid_WritesStatesSuperstatesAndGuardedEdges()
    {
        var expected = """
            stateDiagram-v2
                Open
                Broken
                Gone
                state Shut {
                    Closed
                    Locked
                }
                Open --> Closed : Close
                Closed --> Open : Open
                Closed --> Locked : Lock [has the key]
                Locked --> Closed : Unlock [has the key]
                Locked --> Open : Kick [is strong]
                Shut --> Broken : Kick [is weak]
                Broken --> Gone : Remove

            """;

        Assert.Equal(expected.ReplaceLineEndings("\n"), Build().ToMermaid());
    }

    [Fact]
    public void ToDot_WritesClustersAndLabelledEdges()
    {
        var dot = Build().ToDot();

        Assert.StartsWith("digraph door {\n", dot, StringComparison.Ordinal);
        Assert.Contains("subgraph \"cluster_Shut\" {\n        label=\"Shut\";\n        \"Shut\" [shape=folder];\n        \"Closed\";\n        \"Locked\";\n    }", dot, StringComparison.Ordinal);
        Assert.Contains("\"Closed\" -> \"Locked\" [label=\"Lock [has the key]\"];", dot, StringComparison.Ordinal);
        Assert.Contains("\"Shut\" -> \"Broken\" [label=\"Kick [is weak]\"];", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void States_ListsConfiguredStatesInOrder() =>
        Assert.Equal([Door.Open, Door.Closed, Door.Locked, Door.Broken, Door.Gone], Build().States);
}
