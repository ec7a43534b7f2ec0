using Billing.Domain.Hosting;
using Billing.Domain.Payments;
using Billing.Domain.Prepaid;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime.Testing;

namespace Billing.Domain.Hosting.Tests.Hosting;

/// <summary>Hosts built as an application would build them: Host.CreateApplicationBuilder, settings from configuration.</summary>
internal static class Hosts
{
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    public static HostApplicationBuilder Builder(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    /// <summary>Billing on the in-memory stores, a fake clock at <see cref="Now"/> and a scriptable gateway.</summary>
    public static IHost InMemory(params (string Key, string Value)[] settings)
    {
        var builder = Builder(settings);
        AddClockAndGateway(builder.Services);
        builder.Services.AddBilling(builder.Configuration.GetSection(BillingOptions.SectionName)).UseInMemoryStores();
        return builder.Build();
    }

    /// <summary>Registers a fake clock at <see cref="Now"/> and a scriptable gateway on it, as a host registers its clock and provider.</summary>
    public static IServiceCollection AddClockAndGateway(IServiceCollection services)
    {
        var clock = new FakeClock(Now);
        return services.AddSingleton<IClock>(clock).AddSingleton<IPaymentGateway>(new InMemoryPaymentGateway(clock));
    }

    /// <summary>Chooses the in-memory stores, as a host with an adapter of its own calls <see cref="BillingBuilder.UseStores"/>.</summary>
    public static BillingBuilder UseInMemoryStores(this BillingBuilder billing) =>
        billing.UseStores(_ => new InMemoryPrepaidStore(), p => new InMemoryInvoiceStore((InMemoryPrepaidStore)p.GetRequiredService<IPrepaidStore>()), _ => new InMemoryInvoiceHeaderStore());
}
