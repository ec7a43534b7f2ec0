using BenchmarkDotNet.Attributes;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Benchmarks;

/// <summary>
/// One subscription trigger through the lifecycle table: firing it (Active → Stopping on a stop request, a guarded
/// row), asking whether it may fire, and listing the permitted triggers of Active. The floor is a hand-written
/// dictionary of rows keyed by status, trigger and the guard's input: what any table lookup costs. Configuring the
/// table once is measured too: what building a machine per fire would add to every fire.
/// </summary>
[MemoryDiagnoser]
public class SubscriptionLifecycleBenchmarks
{
    private readonly SubscriptionStatus _initial = SubscriptionStatus.Ordered;
    private readonly SubscriptionStatus _status = SubscriptionStatus.Active;
    private readonly SubscriptionTrigger _trigger = SubscriptionTrigger.RequestStop;
    private readonly SubscriptionContext _context = new(BillingType.Recurring, PaymentModel.Prepaid, OperationMode.Automatic, OperationMode.Automatic, null, null);

    private readonly Dictionary<(SubscriptionStatus, SubscriptionTrigger, OperationMode), SubscriptionStatus> _rows = new()
    {
        [(SubscriptionStatus.Active, SubscriptionTrigger.RequestStop, OperationMode.Automatic)] = SubscriptionStatus.Stopping,
        [(SubscriptionStatus.Active, SubscriptionTrigger.RequestStop, OperationMode.Manual)] = SubscriptionStatus.WaitingForManualApprove,
    };

    /// <summary>The floor: the row looked up in a hand-written dictionary.</summary>
    [Benchmark(Baseline = true)]
    public SubscriptionStatus HandWrittenDictionary() => _rows[(_status, _trigger, _context.StopMode)];

    /// <summary>Fires the trigger through the lifecycle: where it takes an Active subscription.</summary>
    [Benchmark]
    public SubscriptionStatus Fire() => SubscriptionLifecycle.Machine.Fire(_status, _trigger, _context).Destination;

    /// <summary>Asks whether the trigger may fire, without firing it.</summary>
    [Benchmark]
    public bool CanFire() => SubscriptionLifecycle.Machine.CanFire(_status, _trigger, _context);

    /// <summary>Configures the whole table on a Stateless machine, as building one per fire would each time.</summary>
    [Benchmark]
    public int ConfigureTheTable() =>
        new Lifecycles.Lifecycle<SubscriptionStatus, SubscriptionTrigger, SubscriptionContext>("subscription", _initial, SubscriptionLifecycle.Build).States.Count;

    /// <summary>Lists the triggers that move an Active subscription (six of them).</summary>
    [Benchmark]
    public int PermittedTriggers() => SubscriptionLifecycle.Machine.PermittedTriggers(_status, _context).Count;
}
