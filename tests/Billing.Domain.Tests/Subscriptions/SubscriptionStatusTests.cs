using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Subscriptions;

public class SubscriptionStatusTests
{
    // Seed 001, exactly as it spells them; the API name where the seed gives one, else the lower-case name.
    public static TheoryData<string, string, SubscriptionStatusGroup> Seed => new()
    {
        { "Ordered", "ordered", SubscriptionStatusGroup.Stable },
        { "Active", "active", SubscriptionStatusGroup.Stable },
        { "Delivered", "delivered", SubscriptionStatusGroup.Stable },
        { "Graced", "graced", SubscriptionStatusGroup.Stable },
        { "Stopped", "stopped", SubscriptionStatusGroup.Stable },
        { "Deleted", "deleted", SubscriptionStatusGroup.Terminal },
        { "Installation failed", "installation_failed", SubscriptionStatusGroup.Failed },
        { "Activation failed", "activation_failed", SubscriptionStatusGroup.Failed },
        { "Renewing failed", "renewal_failed", SubscriptionStatusGroup.Failed },
        { "Updating failed", "updating_failed", SubscriptionStatusGroup.Failed },
        { "Stopping failed", "stopping_failed", SubscriptionStatusGroup.Failed },
        { "Deletion failed", "deletion_failed", SubscriptionStatusGroup.Failed },
        { "Switching failed", "switching_failed", SubscriptionStatusGroup.Failed },
        { "Installing", "installing", SubscriptionStatusGroup.InProgress },
        { "Activating", "activating", SubscriptionStatusGroup.InProgress },
        { "Renewing", "renewing", SubscriptionStatusGroup.InProgress },
        { "Updating", "updating", SubscriptionStatusGroup.InProgress },
        { "Stopping", "stopping", SubscriptionStatusGroup.InProgress },
        { "Deleting", "deleting", SubscriptionStatusGroup.InProgress },
        { "Switching", "switching", SubscriptionStatusGroup.InProgress },
        { "Waiting for manual approve", "waiting_for_manual_approve", SubscriptionStatusGroup.Stable },
        { "Blocked", "blocked", SubscriptionStatusGroup.Stable },
    };

    [Theory]
    [MemberData(nameof(Seed))]
    public void Status_HasTheSeedsNamesAndGroup(string displayName, string apiName, SubscriptionStatusGroup group)
    {
        var status = SubscriptionStatus.Parse(displayName);

        Assert.Equal(displayName, status.DisplayName);
        Assert.Equal(displayName, status.Name);
        Assert.Equal(apiName, status.ApiName);
        Assert.Equal(group, status.Group);
        Assert.Same(status, SubscriptionStatus.Parse(apiName));
        Assert.Same(status, SubscriptionStatus.Parse(apiName.ToUpperInvariant()));
        Assert.Same(status, SubscriptionStatus.Parse(displayName.ToLowerInvariant()));
    }

    [Fact]
    public void List_HasExactlyThe22StatusesOfTheSeed()
    {
        Assert.Equal(22, SubscriptionStatus.List.Count);
        Assert.Equal(Seed.Select(row => (string)row[0]).Order(), SubscriptionStatus.List.Select(s => s.DisplayName).Order());
        Assert.Equal(22, SubscriptionStatus.List.Select(s => s.ApiName).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("renewing_failed")]
    [InlineData("Installation_failed ")]
    public void TryParse_UnknownName_ReturnsFalse(string? name)
    {
        Assert.False(SubscriptionStatus.TryParse(name, out var status));
        Assert.Null(status);
    }

    [Fact]
    public void Parse_UnknownName_ThrowsArgument() =>
        Assert.Throws<ArgumentException>("name", () => SubscriptionStatus.Parse("paused"));

    [Fact]
    public void Parse_Null_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("name", () => SubscriptionStatus.Parse(null!));

    [Fact]
    public void SmartEnumLookups_Work()
    {
        Assert.Same(SubscriptionStatus.RenewingFailed, SubscriptionStatus.FromValue(9));
        Assert.True(SubscriptionStatus.TryFromName("blocked", ignoreCase: true, out var blocked));
        Assert.Same(SubscriptionStatus.Blocked, blocked);
    }
}
