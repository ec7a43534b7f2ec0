using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Subscriptions;

/// <summary>The settings of an account's class that the subscription lifecycle and the billing run read: whether stops and deletes need a manager's approval, and how long a graced subscription has to pay.</summary>
/// <remarks>Pass the account's class as it is when the stop or delete is requested.</remarks>
public sealed record AccountClass
{
    /// <summary>Initializes an account class.</summary>
    /// <param name="name">The class's name.</param>
    /// <param name="stopMode">Whether stopping a subscription needs approval.</param>
    /// <param name="deleteMode">Whether deleting a subscription needs approval.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A mode is undefined.</exception>
    public AccountClass(string name, OperationMode stopMode, OperationMode deleteMode)
    {
        Name = Preconditions.CheckNotNull(name);
        StopMode = Enum.IsDefined(stopMode) ? stopMode : throw new ArgumentOutOfRangeException(nameof(stopMode), stopMode, "Unknown operation mode.");
        DeleteMode = Enum.IsDefined(deleteMode) ? deleteMode : throw new ArgumentOutOfRangeException(nameof(deleteMode), deleteMode, "Unknown operation mode.");
    }

    /// <summary>Gets a class whose stops and deletes run at once.</summary>
    public static AccountClass Automatic { get; } = new("Automatic", OperationMode.Automatic, OperationMode.Automatic);

    /// <summary>Gets the class's name.</summary>
    public string Name { get; }

    /// <summary>Gets whether stopping a subscription needs a manager's approval.</summary>
    public OperationMode StopMode { get; }

    /// <summary>Gets whether deleting a subscription needs a manager's approval.</summary>
    public OperationMode DeleteMode { get; }

    /// <summary>Gets how long a subscription stays Graced before the billing run lets its grace period expire; 7 days unless set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative duration.</exception>
    public Duration GracePeriod
    {
        get;
        init => field = value >= Duration.Zero ? value : throw new ArgumentOutOfRangeException(nameof(GracePeriod), value, "A grace period is zero or more.");
    } = Duration.FromDays(7);
}
