using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Prepaid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Billing.Domain.Hosting;

/// <summary>Health checks of the billing stores.</summary>
public static class BillingHealthChecksBuilderExtensions
{
    /// <summary>The id the probes look up: no stored object has it, so a probe reads and finds nothing.</summary>
    internal const string ProbeId = "health-probe";

    /// <summary>
    /// Adds a check per store, <c>billing.prepaid_store</c>, <c>billing.invoice_store</c> and <c>billing.invoice_header_store</c>:
    /// each makes one cheap read through its port (a lookup by an id no object has), so it proves the database answers and
    /// its schema is there (a relational store creates or migrates it on its first call). A read that throws reports
    /// <paramref name="failureStatus"/> with the exception.
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="failureStatus">What a failed read reports; <see cref="HealthStatus.Unhealthy"/> when null.</param>
    /// <param name="tags">Tags to filter the checks by, such as <c>ready</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static IHealthChecksBuilder AddBillingStores(this IHealthChecksBuilder builder, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var tagList = tags?.ToArray() ?? [];
        return builder
            .Add(Check("billing.prepaid_store", (IPrepaidStore store, CancellationToken ct) => store.FindAccountAsync(ProbeId, ct), failureStatus, tagList))
            .Add(Check("billing.invoice_store", (IInvoiceStore store, CancellationToken ct) => store.FindInvoiceAsync(ProbeId, ct), failureStatus, tagList))
            .Add(Check("billing.invoice_header_store", (IInvoiceHeaderStore store, CancellationToken ct) => store.FindHeaderAsync(ProbeId, ct), failureStatus, tagList));
    }

    private static HealthCheckRegistration Check<TStore>(string name, Func<TStore, CancellationToken, Task> probe, HealthStatus? failureStatus, string[] tags)
        where TStore : notnull =>
        new(name, provider => new StoreHealthCheck<TStore>(provider.GetRequiredService<TStore>(), probe), failureStatus, tags);
}
