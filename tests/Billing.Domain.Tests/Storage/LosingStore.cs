using System.Reflection;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;

namespace Billing.Domain.Tests.Storage;

/// <summary>A prepaid store whose commits lose a race the first <see cref="Losses"/> times, then go through to the store it wraps.</summary>
public class LosingStore : DispatchProxy
{
    private IPrepaidStore _inner = null!;

    public int Losses { get; set; }

    public int Commits { get; private set; }

    public static (IPrepaidStore Store, LosingStore Losing) Wrap(IPrepaidStore inner, int losses)
    {
        var store = Create<IPrepaidStore, LosingStore>();
        var losing = (LosingStore)(object)store;
        losing._inner = inner;
        losing.Losses = losses;
        return (store, losing);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IPrepaidStore.CommitAsync))
        {
            Commits++;
            if (Commits <= Losses)
            {
                return Task.FromException<PrepaidChange>(new ConcurrencyConflictException("prepaid account", "acc", Commits, Commits + 1));
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
