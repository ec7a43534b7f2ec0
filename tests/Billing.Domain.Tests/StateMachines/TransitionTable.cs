using Billing.Domain.StateMachines;

namespace Billing.Domain.Tests.StateMachines;

/// <summary>An independent restatement of an enum-keyed, guard-free machine's table, checked pair by pair.</summary>
internal static class TransitionTable
{
    /// <summary>Every (status, trigger) pair, for a theory that covers the whole table.</summary>
    public static TheoryData<TState, TTrigger> AllPairs<TState, TTrigger>()
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        var data = new TheoryData<TState, TTrigger>();
        foreach (var status in Enum.GetValues<TState>())
        {
            foreach (var trigger in Enum.GetValues<TTrigger>())
            {
                data.Add(status, trigger);
            }
        }

        return data;
    }

    /// <summary>Asserts the machine moves the pair where the table says, and refuses every pair the table does not list.</summary>
    public static void AssertMoves<TState, TTrigger>(
        StateMachine<TState, TTrigger, ValueTuple> machine, IReadOnlyDictionary<(TState, TTrigger), TState> table, TState status, TTrigger trigger)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        if (table.TryGetValue((status, trigger), out var destination))
        {
            Assert.Equal(destination, machine.Fire(status, trigger, default).Destination);
        }
        else
        {
            Assert.Equal($"{machine.Name}.transition_refused", Assert.Throws<TransitionRefusedException>(() => machine.Fire(status, trigger, default)).Code);
        }
    }
}
