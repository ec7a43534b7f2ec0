using PrepaidPlatform;

namespace Billing.Domain.Tests.Samples;

public class SubscriptionTourTests
{
    [Fact]
    public void Run_WalksTheWholeLifecycleAndPrintsTheHistory()
    {
        var output = new StringWriter();

        SubscriptionTour.Run(output);

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("Stop requested under a manual account class: Waiting for manual approve (pending Stop, from Active)", lines);
        Assert.Contains("Now on plan gpu-large; permitted next: StartRenewal, StartUpdate, StartSwitch, RequestStop, RequestDeletion, PaymentOverdue", lines);
        Assert.Equal(12, lines.Count(l => l.StartsWith("2026-01-05", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("waiting_for_manual_approve -> active", StringComparison.Ordinal) && l.EndsWith("by manager (customer has a running job)", StringComparison.Ordinal));
        Assert.Contains("Final status: Deleted (deleted); Resume allowed: False", lines);
    }

    [Fact]
    public void Run_NullOutput_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("output", () => SubscriptionTour.Run(null!));
}
