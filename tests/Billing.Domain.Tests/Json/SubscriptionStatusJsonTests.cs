using System.Text.Json;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Tests.Json;

public class SubscriptionStatusJsonTests
{
    public static TheoryData<string> Statuses => [.. SubscriptionStatus.List.Select(s => s.ApiName)];

    [Theory]
    [MemberData(nameof(Statuses))]
    public void EveryStatus_RoundTrips_ByItsApiName(string apiName)
    {
        var status = SubscriptionStatus.Parse(apiName);

        var json = JsonSerializer.Serialize(status);

        Assert.Equal($"\"{apiName}\"", json);
        Assert.Same(status, JsonSerializer.Deserialize<SubscriptionStatus>(json));
    }

    [Fact]
    public void TheSeedsNames_AreWritten_AndDisplayNamesAreRead()
    {
        Assert.Equal("\"waiting_for_manual_approve\"", JsonSerializer.Serialize(SubscriptionStatus.WaitingForManualApprove));
        Assert.Equal("\"installation_failed\"", JsonSerializer.Serialize(SubscriptionStatus.InstallationFailed));
        Assert.Same(SubscriptionStatus.InstallationFailed, JsonSerializer.Deserialize<SubscriptionStatus>("\"Installation failed\""));
        Assert.Same(SubscriptionStatus.Active, JsonSerializer.Deserialize<SubscriptionStatus>("\"ACTIVE\""));
    }

    [Theory]
    [InlineData("\"activ\"")]
    [InlineData("\"\"")]
    [InlineData("3")]
    [InlineData("{}")]
    public void AnythingElse_IsAJsonException(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SubscriptionStatus>(json));
}
