using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Billing.Domain.Hosting;

/// <summary>Reads once through a store's port: healthy when the read answers, the check's failure status when it throws.</summary>
internal sealed class StoreHealthCheck<TStore>(TStore store, Func<TStore, CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe(store, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{typeof(TStore).Name} answered a read.");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{typeof(TStore).Name} failed a read: {failure.Message}", failure);
        }
    }
}
