using Billing.Domain.Lifecycles;

namespace Billing.Domain.Tests.Lifecycles;

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

    /// <summary>Every (status, trigger, context) triple of a machine whose guards read an enum context.</summary>
    public static TheoryData<TState, TTrigger, TContext> AllTriples<TState, TTrigger, TContext>()
        where TState : struct, Enum
        where TTrigger : struct, Enum
        where TContext : struct, Enum
    {
        var data = new TheoryData<TState, TTrigger, TContext>();
        foreach (var (status, trigger) in AllPairs<TState, TTrigger>().Select(row => ((TState)row[0], (TTrigger)row[1])))
        {
            foreach (var context in Enum.GetValues<TContext>())
            {
                data.Add(status, trigger, context);
            }
        }

        return data;
    }

    /// <summary>Asserts the machine moves the pair where the table says, and refuses every pair the table does not list.</summary>
    public static void AssertMoves<TState, TTrigger>(
        Lifecycle<TState, TTrigger, ValueTuple> machine, IReadOnlyDictionary<(TState, TTrigger), TState> table, TState status, TTrigger trigger)
        where TState : struct, Enum
        where TTrigger : struct, Enum => AssertMoves(machine, table, status, trigger, default(ValueTuple));

    /// <summary>Asserts the machine, in a context, moves the pair where the table for that context says, and refuses every pair it does not list.</summary>
    public static void AssertMoves<TState, TTrigger, TContext>(
        Lifecycle<TState, TTrigger, TContext> machine, IReadOnlyDictionary<(TState, TTrigger), TState> table, TState status, TTrigger trigger, TContext context)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        if (table.TryGetValue((status, trigger), out var destination))
        {
            Assert.Equal(destination, machine.Fire(status, trigger, context).Destination);
        }
        else
        {
            Assert.Equal($"{machine.Name}.transition_refused", Assert.Throws<TransitionRefusedException>(() => machine.Fire(status, trigger, context)).Code);
        }
    }
}
