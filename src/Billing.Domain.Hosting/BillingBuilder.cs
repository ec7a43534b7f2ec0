using Billing.Domain.Events;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Prepaid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Billing.Domain.Hosting;

/// <summary>
/// Chooses the stores of the services <see cref="BillingServiceCollectionExtensions.AddBilling(IServiceCollection, Action{BillingOptions})"/>
/// registered: <c>UseSqlite</c> (Billing.Domain.Sqlite), <c>UsePostgreSql</c> (Billing.Domain.PostgreSql), or
/// <see cref="UseStores"/> for an adapter of the host's own.
/// </summary>
public sealed class BillingBuilder
{
    internal BillingBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>Gets the services the billing services are registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers the three stores as singletons, each made once from the container (replacing stores chosen before).
    /// Adapter packages call this from their own <c>Use…</c> method; a host calls it for an adapter it wrote.
    /// </summary>
    /// <param name="prepaid">Makes the store of accounts, ledgers, orders, calls, corrections, applications and subscriptions.</param>
    /// <param name="invoices">Makes the store of invoices and number series.</param>
    /// <param name="headers">Makes the store of invoice headers.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">A factory is null.</exception>
    public BillingBuilder UseStores(
        Func<IServiceProvider, IPrepaidStore> prepaid, Func<IServiceProvider, IInvoiceStore> invoices, Func<IServiceProvider, IInvoiceHeaderStore> headers)
    {
        ArgumentNullException.ThrowIfNull(prepaid);
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(headers);
        Services.Replace(ServiceDescriptor.Singleton(prepaid));
        Services.Replace(ServiceDescriptor.Singleton(invoices));
        Services.Replace(ServiceDescriptor.Singleton(headers));
        return this;
    }

    /// <summary>
    /// Sends each issued invoice through the host's <typeparamref name="TDelivery"/> (seed 002's "sent to the provided
    /// email"): registers it and <see cref="IssuedInvoiceSender"/> as an event consumer. Events are delivered by
    /// <see cref="DispatchEvents"/>.
    /// </summary>
    /// <typeparam name="TDelivery">The host's delivery, made from the container once.</typeparam>
    /// <returns>This builder.</returns>
    public BillingBuilder SendIssuedInvoices<TDelivery>()
        where TDelivery : class, IInvoiceDelivery
    {
        Services.TryAddSingleton<IInvoiceDelivery, TDelivery>();
        Services.AddSingleton<IBillingEventConsumer>(provider => new IssuedInvoiceSender(provider.GetRequiredService<IPrepaidStore>(), provider.GetRequiredService<IInvoiceDelivery>()));
        return this;
    }

    /// <summary>
    /// Tops accounts up automatically: registers the <see cref="TopUps.AutoTopUpService"/> as an event consumer, so
    /// each <see cref="AutoTopUpDue"/> the dispatcher delivers (<see cref="DispatchEvents"/>) creates that crossing's
    /// order through the host's payment gateway. Each account says its own threshold and amounts
    /// (<see cref="Ledger.PrepaidAccountService.SetAutoTopUpAsync"/>).
    /// </summary>
    /// <returns>This builder.</returns>
    public BillingBuilder TopUpAutomatically()
    {
        Services.AddSingleton<IBillingEventConsumer>(provider => provider.GetRequiredService<TopUps.AutoTopUpService>());
        return this;
    }

    /// <summary>
    /// Runs <see cref="BillingEventDispatcher"/> in the background while the host runs: it delivers every due event to
    /// the <see cref="IBillingEventConsumer"/>s registered in the container, then waits <paramref name="every"/> and
    /// looks again. A round that fails (the store unreachable) is logged and the next one tries again.
    /// </summary>
    /// <param name="every">How long to wait between rounds; 5 seconds when null.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="every"/> is not positive.</exception>
    public BillingBuilder DispatchEvents(TimeSpan? every = null)
    {
        var interval = every ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(every));
        Services.AddHostedService(provider => new EventDispatchService(
            provider.GetRequiredService<BillingEventDispatcher>(), interval, provider.GetService<Microsoft.Extensions.Logging.ILogger<EventDispatchService>>()));
        return this;
    }
}
