using System.Diagnostics.CodeAnalysis;
using Ardalis.SmartEnum;
using Billing.Domain.Utility;

namespace Billing.Domain.Subscriptions;

/// <summary>
/// The status of a subscription: the 22 statuses of the invoice's Subscriptions table, each with its display
/// name and its API name exactly as the platform spells them.
/// </summary>
/// <remarks>
/// The SmartEnum <c>Name</c> is the display name (<c>Installation failed</c>); <see cref="ApiName"/>
/// is the name in API methods (<c>installation_failed</c>). Note the one irregular API name: Renewing failed
/// is <c>renewal_failed</c>. <see cref="Parse(string)"/> reads either, ignoring case.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.SubscriptionStatusJsonConverter))]
public sealed class SubscriptionStatus : SmartEnum<SubscriptionStatus>
{
    /// <summary>A new subscription is ordered and waits for the activation.</summary>
    public static readonly SubscriptionStatus Ordered = new("Ordered", "ordered", 1, SubscriptionStatusGroup.Stable);

    /// <summary>A subscription is used.</summary>
    public static readonly SubscriptionStatus Active = new("Active", "active", 2, SubscriptionStatusGroup.Stable);

    /// <summary>A subscription with the Non-recurring billing type is used.</summary>
    public static readonly SubscriptionStatus Delivered = new("Delivered", "delivered", 3, SubscriptionStatusGroup.Stable);

    /// <summary>The customer did not pay on time; after the grace period the subscription will be stopped.</summary>
    public static readonly SubscriptionStatus Graced = new("Graced", "graced", 4, SubscriptionStatusGroup.Stable);

    /// <summary>A subscription is temporarily stopped.</summary>
    public static readonly SubscriptionStatus Stopped = new("Stopped", "stopped", 5, SubscriptionStatusGroup.Stable);

    /// <summary>A subscription is permanently deleted.</summary>
    public static readonly SubscriptionStatus Deleted = new("Deleted", "deleted", 6, SubscriptionStatusGroup.Terminal);

    /// <summary>An error occurred during the installation of the ordered service.</summary>
    public static readonly SubscriptionStatus InstallationFailed = new("Installation failed", "installation_failed", 7, SubscriptionStatusGroup.Failed);

    /// <summary>An error occurred during the subscription activation process.</summary>
    public static readonly SubscriptionStatus ActivationFailed = new("Activation failed", "activation_failed", 8, SubscriptionStatusGroup.Failed);

    /// <summary>An error occurred during the subscription renewal process.</summary>
    public static readonly SubscriptionStatus RenewingFailed = new("Renewing failed", "renewal_failed", 9, SubscriptionStatusGroup.Failed);

    /// <summary>An error occurred during the resource update process.</summary>
    public static readonly SubscriptionStatus UpdatingFailed = new("Updating failed", "updating_failed", 10, SubscriptionStatusGroup.Failed);

    /// <summary>An error occurred during the subscription stopping process.</summary>
    public static readonly SubscriptionStatus StoppingFailed = new("Stopping failed", "stopping_failed", 11, SubscriptionStatusGroup.Failed);

    /// <summary>An error occurred during the subscription deleting process.</summary>
    public static readonly SubscriptionStatus DeletionFailed = new("Deletion failed", "deletion_failed", 12, SubscriptionStatusGroup.Failed);

    /// <summary>An error occurred during the subscription plan switching process.</summary>
    public static readonly SubscriptionStatus SwitchingFailed = new("Switching failed", "switching_failed", 13, SubscriptionStatusGroup.Failed);

    /// <summary>The ordered service is installing.</summary>
    public static readonly SubscriptionStatus Installing = new("Installing", "installing", 14, SubscriptionStatusGroup.InProgress);

    /// <summary>A subscription is activating.</summary>
    public static readonly SubscriptionStatus Activating = new("Activating", "activating", 15, SubscriptionStatusGroup.InProgress);

    /// <summary>A subscription is renewing.</summary>
    public static readonly SubscriptionStatus Renewing = new("Renewing", "renewing", 16, SubscriptionStatusGroup.InProgress);

    /// <summary>A subscription resource is updating.</summary>
    public static readonly SubscriptionStatus Updating = new("Updating", "updating", 17, SubscriptionStatusGroup.InProgress);

    /// <summary>A subscription is stopping.</summary>
    public static readonly SubscriptionStatus Stopping = new("Stopping", "stopping", 18, SubscriptionStatusGroup.InProgress);

    /// <summary>A subscription is deleting.</summary>
    public static readonly SubscriptionStatus Deleting = new("Deleting", "deleting", 19, SubscriptionStatusGroup.InProgress);

    /// <summary>The plan of a subscription is switching.</summary>
    public static readonly SubscriptionStatus Switching = new("Switching", "switching", 20, SubscriptionStatusGroup.InProgress);

    /// <summary>A stop or delete waits for a manager's approval, because the account class sets that operation's mode to manual.</summary>
    public static readonly SubscriptionStatus WaitingForManualApprove = new("Waiting for manual approve", "waiting_for_manual_approve", 21, SubscriptionStatusGroup.Stable);

    /// <summary>A postpaid subscription is stopped due to an expired payment.</summary>
    public static readonly SubscriptionStatus Blocked = new("Blocked", "blocked", 22, SubscriptionStatusGroup.Stable);

    private SubscriptionStatus(string displayName, string apiName, int value, SubscriptionStatusGroup group)
        : base(displayName, value)
    {
        ApiName = apiName;
        Group = group;
    }

    /// <summary>Gets the name shown to people: <c>Installation failed</c>.</summary>
    public string DisplayName => Name;

    /// <summary>Gets the name used in API methods: <c>installation_failed</c>.</summary>
    public string ApiName { get; }

    /// <summary>Gets the kind of status: stable, in progress, failed or terminal.</summary>
    public SubscriptionStatusGroup Group { get; }

    /// <summary>Returns the status with the given display name or API name, ignoring case.</summary>
    /// <param name="name">A display name (<c>Renewing failed</c>) or an API name (<c>renewal_failed</c>).</param>
    /// <returns>The status.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">No status has that name.</exception>
    public static SubscriptionStatus Parse(string name)
    {
        Preconditions.CheckNotNull(name);
        return TryParse(name, out var status)
            ? status
            : throw new ArgumentException($"'{name}' is not a subscription status.", nameof(name));
    }

    /// <summary>Looks up the status with the given display name or API name, ignoring case, without throwing.</summary>
    /// <param name="name">A display name or an API name; null or unknown gives false.</param>
    /// <param name="status">The status when found; otherwise null.</param>
    /// <returns>True when a status has that name.</returns>
    public static bool TryParse(string? name, [NotNullWhen(true)] out SubscriptionStatus? status)
    {
        status = name is null
            ? null
            : List.FirstOrDefault(s =>
                string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.ApiName, name, StringComparison.OrdinalIgnoreCase));
        return status is not null;
    }
}
