using Billing.Domain.Subscriptions;
using NodaTime;

namespace PrepaidPlatform;

/// <summary>Walks a subscription through its lifecycle as a platform's provisioning and billing would, with a manager approving and declining.</summary>
public static class SubscriptionTour
{
    /// <summary>Runs the tour, writing what it does to <paramref name="output"/>.</summary>
    /// <param name="output">Where to write, such as the console.</param>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var reseller = new AccountClass("Reseller", stopMode: OperationMode.Manual, deleteMode: OperationMode.Manual);
        var at = Instant.FromUtc(2026, 1, 5, 9, 0);
        Instant Next() => at += Duration.FromMinutes(30);

        output.WriteLine("== Subscription lifecycle");
        var gpu = Subscription.Order("sub-001", "acc-42", "GPU inference box", "gpu-small", BillingType.Recurring, PaymentModel.Prepaid, at, "alice");
        gpu.StartInstallation(Next(), "provisioner");
        gpu.CompleteInstallation(Next(), "provisioner");
        gpu.CompleteActivation(Next(), "provisioner");
        gpu.MarkPaymentOverdue(Next(), "billing", "top-up balance exhausted");
        gpu.ReceivePayment(Next(), "billing", "top-up of 100.00 USD");
        gpu.Stop(reseller, Next(), "alice", "pausing for the holidays");
        output.WriteLine($"Stop requested under a manual account class: {gpu.Status} (pending {gpu.PendingOperation}, from {gpu.StatusBeforeApproval})");
        gpu.DeclineOperation(Next(), "manager", "customer has a running job");
        gpu.SwitchPlan("gpu-large", Next(), "alice");
        gpu.CompleteSwitch(Next(), "provisioner");
        output.WriteLine($"Now on plan {gpu.Plan}; permitted next: {string.Join(", ", gpu.PermittedTriggers(reseller))}");
        gpu.Delete(reseller, Next(), "alice");
        gpu.ApproveOperation(Next(), "manager");
        gpu.CompleteDeletion(Next(), "provisioner");

        foreach (var change in gpu.History)
        {
            output.WriteLine($"{change.At:uuuu-MM-dd HH:mm} {change.From.ApiName,-26} -> {change.To.ApiName,-26} {change.Trigger,-20} by {change.Actor}{(change.Reason is null ? string.Empty : $" ({change.Reason})")}");
        }

        output.WriteLine($"Final status: {gpu.Status} ({gpu.Status.ApiName}); Resume allowed: {gpu.CanFire(SubscriptionTrigger.Resume)}");
    }
}
