using Billing.Domain.Lifecycles;

namespace Billing.Domain.Tests.Lifecycles;

public class LifecycleTests
{
    private static readonly LifecycleSuperstate Shut = new("Shut");

    private static readonly Lifecycle<Door, Act, Hand> Doors = new("door", Door.Open, static table =>
    {
        table.Configure(Door.Open).Permit(Act.Close, Door.Closed).Ignore(Act.Open);
        table.Configure(Door.Closed).SubstateOf(Shut)
            .Permit(Act.Open, Door.Open)
            .PermitIf(Act.Lock, Door.Locked, table.If(static h => h.HasKey), "has the key");
        table.Configure(Door.Locked).SubstateOf(Shut)
            .PermitIf(Act.Unlock, Door.Closed, table.If(static h => h.HasKey), "has the key")
            .PermitIf(Act.Kick, Door.Open, table.If(static h => h.Strong), "is strong")
            .PermitIf(Act.Knock, Door.Open, table.If(static h => h.HasKey), "has the key");   // else Shut ignores it
        table.Configure(Shut)
            .Ignore(Act.Knock)
            .PermitIf(Act.Kick, Door.Broken, table.If(static h => !h.Strong), "is weak");
        table.Configure(Door.Broken).Permit(Act.Remove, Door.Gone);
        table.Configure(Door.Gone);
    });

    public enum Door
    {
        Open,
        Closed,
        Locked,
        Broken,
        Gone,
        NeverConfigured,
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

    /// <summary>What the guards read: whether the caller holds the key, and how strong they are.</summary>
    public readonly record struct Hand(bool HasKey, bool Strong = false);

    [Fact]
    public void Fire_PermittedTrigger_ReturnsTheDestination() =>
        Assert.Equal(new Transition<Door, Act>(Door.Open, Door.Closed, Act.Close, IsIgnored: false), Doors.Fire(Door.Open, Act.Close, default));

    [Fact]
    public void Fire_GuardHolds_TakesTheGuardedRow() =>
        Assert.Equal(Door.Locked, Doors.Fire(Door.Closed, Act.Lock, new Hand(HasKey: true)).Destination);

    [Fact]
    public void Fire_GuardDoesNotHold_RefusesNamingTheGuard()
    {
        var exception = Assert.Throws<TransitionRefusedException>(() => Doors.Fire(Door.Closed, Act.Lock, new Hand(HasKey: false)));

        Assert.Equal("door.transition_refused", exception.Code);
        Assert.Equal("door", exception.Machine);
        Assert.Equal("Closed", exception.State);
        Assert.Equal("Lock", exception.Trigger);
        Assert.Equal(["has the key"], exception.UnmetGuards);
        Assert.Contains("has the key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_TriggerWithNoRow_RefusesWithNoGuards() =>
        Assert.Empty(Assert.Throws<TransitionRefusedException>(() => Doors.Fire(Door.Open, Act.Lock, default)).UnmetGuards);

    [Fact]
    public void Fire_StatusNotInTheTable_Refuses()
    {
        Assert.Equal("NeverConfigured", Assert.Throws<TransitionRefusedException>(() => Doors.Fire(Door.NeverConfigured, Act.Close, default)).State);
        Assert.Throws<TransitionRefusedException>(() => Doors.Fire((Door)99, Act.Close, default));
        Assert.False(Doors.CanFire(Door.NeverConfigured, Act.Close, default));
        Assert.Empty(Doors.PermittedTriggers(Door.NeverConfigured, default));
    }

    [Fact]
    public void Fire_IgnoredTrigger_StaysAndSaysIgnored() =>
        Assert.Equal(new Transition<Door, Act>(Door.Open, Door.Open, Act.Open, IsIgnored: true), Doors.Fire(Door.Open, Act.Open, default));

    [Fact]
    public void Fire_Substate_SharesTheSuperstatesRows()
    {
        Assert.True(Doors.Fire(Door.Locked, Act.Knock, default).IsIgnored);
        Assert.Equal(Door.Broken, Doors.Fire(Door.Closed, Act.Kick, new Hand(HasKey: false, Strong: false)).Destination);
    }

    [Fact]
    public void Fire_SubstatesRowComesFirst_ThenTheSuperstates()
    {
        Assert.Equal(Door.Open, Doors.Fire(Door.Locked, Act.Kick, new Hand(false, Strong: true)).Destination);
        Assert.Equal(Door.Broken, Doors.Fire(Door.Locked, Act.Kick, new Hand(false, Strong: false)).Destination);
    }

    [Fact]
    public void Fire_TwoGuardsHold_ThrowsInvalidOperation()
    {
        var ambiguous = new Lifecycle<Door, Act, Hand>("door", Door.Closed, static table => table.Configure(Door.Closed)
            .PermitIf(Act.Open, Door.Open, table.If(static _ => true), "always")
            .PermitIf(Act.Open, Door.Broken, table.If(static _ => true), "also always"));

        var exception = Assert.Throws<InvalidOperationException>(() => ambiguous.Fire(Door.Closed, Act.Open, default));

        Assert.IsNotType<TransitionRefusedException>(exception);
    }

    [Fact]
    public void Fire_NullStatus_ThrowsArgumentNull()
    {
        var byName = new Lifecycle<string, Act, Hand>("named", "open", static table => table.Configure("open").Permit(Act.Close, "closed"));

        Assert.Throws<ArgumentNullException>("status", () => byName.Fire(null!, Act.Close, default));
        Assert.Throws<ArgumentNullException>("status", () => byName.CanFire(null!, Act.Close, default));
        Assert.Throws<ArgumentNullException>("status", () => byName.PermittedTriggers(null!, default));
        Assert.Equal("closed", byName.Fire("open", Act.Close, default).Destination);
    }

    [Fact]
    public void CanFire_AgreesWithFire()
    {
        Assert.True(Doors.CanFire(Door.Closed, Act.Lock, new Hand(HasKey: true)));
        Assert.False(Doors.CanFire(Door.Closed, Act.Lock, new Hand(HasKey: false)));
        Assert.True(Doors.CanFire(Door.Closed, Act.Knock, default));
        Assert.False(Doors.CanFire(Door.Gone, Act.Knock, default));
    }

    [Fact]
    public void PermittedTriggers_ListsTriggersThatMove_NotThoseIgnored_InEnumOrder()
    {
        Assert.Equal([Act.Open, Act.Lock, Act.Kick], Doors.PermittedTriggers(Door.Closed, new Hand(HasKey: true)));
        Assert.Equal([Act.Open, Act.Kick], Doors.PermittedTriggers(Door.Closed, new Hand(HasKey: false)));
        Assert.Equal([Act.Close], Doors.PermittedTriggers(Door.Open, default));
        Assert.Empty(Doors.PermittedTriggers(Door.Gone, default));
    }

    [Fact]
    public void PermittedTriggers_TriggerIgnoredUnlessAGuardedRowHolds_IsListedOnlyWhenItMoves()
    {
        Assert.Equal([Act.Unlock, Act.Kick, Act.Knock], Doors.PermittedTriggers(Door.Locked, new Hand(HasKey: true)));
        Assert.Equal([Act.Kick], Doors.PermittedTriggers(Door.Locked, new Hand(HasKey: false)));
        Assert.True(Doors.Fire(Door.Locked, Act.Knock, new Hand(HasKey: false)).IsIgnored);
        Assert.Equal(Door.Open, Doors.Fire(Door.Locked, Act.Knock, new Hand(HasKey: true)).Destination);
    }

    [Fact]
    public void IsInState_FollowsTheSuperstate()
    {
        Assert.True(Doors.IsInState(Door.Closed, Shut));
        Assert.True(Doors.IsInState(Door.Locked, Shut));
        Assert.False(Doors.IsInState(Door.Open, Shut));
        Assert.False(Doors.IsInState(Door.NeverConfigured, Shut));
        Assert.Throws<ArgumentException>("superstate", () => Doors.IsInState(Door.Closed, new LifecycleSuperstate("Shut")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Door")]
    [InlineData("door-1")]
    public void Constructor_BadName_ThrowsArgument(string name) =>
        Assert.Throws<ArgumentException>("name", () => new Lifecycle<Door, Act, Hand>(name, Door.Open, static _ => { }));

    [Fact]
    public void States_ListsTheTablesStatusesButNotItsSuperstates() =>
        Assert.Equal([Door.Open, Door.Closed, Door.Locked, Door.Broken, Door.Gone], Doors.States.Order());

    [Fact]
    public void ToMermaid_IsStatelessExport_WithSuperstatesAndGuardedRows()
    {
        var mermaid = Doors.ToMermaid().ReplaceLineEndings("\n");

        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        Assert.Contains("state Shut {\n\t\tClosed\n\t\tLocked\n\t}", mermaid, StringComparison.Ordinal);
        Assert.Contains("Closed --> Locked : Lock [has the key]", mermaid, StringComparison.Ordinal);
        Assert.Contains("Shut --> Broken : Kick [is weak]", mermaid, StringComparison.Ordinal);
        Assert.Contains("[*] --> Open", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDot_IsStatelessExport_WithClustersAndGuardedRows()
    {
        var dot = Doors.ToDot();

        Assert.StartsWith("digraph {", dot, StringComparison.Ordinal);
        Assert.Contains("subgraph \"clusterShut\"", dot, StringComparison.Ordinal);
        Assert.Contains("\"Closed\" -> \"Locked\" [style=\"solid\", label=\"Lock [has the key]\"];", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void Fire_FromManyThreadsAtOnce_GivesEachCallerItsOwnAnswer()
    {
        // Each thread runs its own Stateless machine; a shared one would mix one caller's status into another's.
        var cases = Enumerable.Range(0, 4_000).Select(i => (Status: i % 2 == 0 ? Door.Closed : Door.Locked, Hand: new Hand(HasKey: i % 3 != 0, Strong: i % 5 == 0))).ToArray();
        var expected = cases.Select(c => Outcome(c.Status, c.Hand)).ToArray();

        var actual = new string[cases.Length];
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Outcome(cases[i].Status, cases[i].Hand));

        Assert.Equal(expected, actual);

        static string Outcome(Door status, Hand hand) =>
            string.Join(",", Enum.GetValues<Act>().Select(act => Doors.CanFire(status, act, hand) ? Doors.Fire(status, act, hand).Destination.ToString() : "-"))
            + "|" + string.Join(",", Doors.PermittedTriggers(status, hand));
    }

    [Fact]
    public void Constructor_NameOfLowerCaseLettersAndUnderscores_IsAccepted_OthersAreToldWhy()
    {
        Assert.Equal("a_z", new Lifecycle<Door, Act, Hand>("a_z", Door.Open, static table => table.Configure(Door.Open)).Name);
        Assert.Contains("lower-case letters and underscores; got 'Door'", Assert.Throws<ArgumentException>("name", () => new Lifecycle<Door, Act, Hand>("Door", Door.Open, static _ => { })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_Message_NamesTheTriggerTheStatusAndTheUnmetGuards()
    {
        Assert.StartsWith("door: Lock is not permitted in Open.", Assert.Throws<TransitionRefusedException>(() => Doors.Fire(Door.Open, Act.Lock, default)).Message, StringComparison.Ordinal);
        Assert.StartsWith("door: Lock is not permitted in Closed because none of these holds: has the key.", Assert.Throws<TransitionRefusedException>(() => Doors.Fire(Door.Closed, Act.Lock, default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsInState_NullStatusOrAnotherLifecyclesSuperstate_ThrowsArgument()
    {
        var byName = new Lifecycle<string, Act, Hand>("named", "open", static table => table.Configure("open").SubstateOf(Shut));

        Assert.Throws<ArgumentNullException>("status", () => byName.IsInState(null!, Shut));
        Assert.Contains("Other is not a superstate of door", Assert.Throws<ArgumentException>("superstate", () => Doors.IsInState(Door.Open, new LifecycleSuperstate("Other"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PermittedTriggers_OfATableWithAnAsynchronousGuard_IsRefusedAsAWrongTable()
    {
        var awaiting = new Lifecycle<Door, Act, Hand>("door", Door.Open, static table => table.Configure(Door.Open).PermitIfAsync(Act.Close, Door.Closed, async () =>
        {
            await Task.Delay(50);
            return true;
        }));

        Assert.Contains("asynchronous", Assert.Throws<InvalidOperationException>(() => awaiting.PermittedTriggers(Door.Open, default)).Message, StringComparison.Ordinal);
    }
}
