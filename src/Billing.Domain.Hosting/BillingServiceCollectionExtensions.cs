using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Events;
using Billing.Domain.Grants;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Payments;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Reconciliation;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Domain.Hosting;

/// <summary>Registers Billing.Domain's services in a host's container.</summary>
public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Registers every billing service as a singleton, with <see cref="BillingOptions"/> bound from a configuration section
    /// and then set by <paramref name="configure"/>, checked when the host starts. Choose the stores on the returned builder
    /// (<c>UseSqlite</c>, <c>UsePostgreSql</c>, <see cref="BillingBuilder.UseStores"/>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The section the settings bind from, conventionally <c>Billing</c>.</param>
    /// <param name="configure">Sets what configuration cannot: plans, prices, currencies, account billing.</param>
    /// <returns>The builder that chooses the stores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    /// <remarks>
    /// The services take the host's <c>NodaTime.IClock</c> when it registers one (else the system clock), its
    /// <c>ILoggerFactory</c>, its <see cref="IPaymentGateway"/> (the top-up service needs one), and optionally an
    /// <see cref="IInvoiceRenderer"/> (else plain text) and an <see cref="IUsageMeter"/> for plans with usage charges.
    /// Registrations made before this call win.
    /// </remarks>
    public static BillingBuilder AddBilling(this IServiceCollection services, IConfiguration configuration, Action<BillingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration is IConfigurationSection section ? section.Path : BillingOptions.SectionName;
        return Register(services, path, options => options.Bind(configuration).Configure(configure ?? (_ => { })));
    }

    /// <summary>
    /// Registers every billing service as a singleton, with <see cref="BillingOptions"/> set in code and checked when the host
    /// starts. Choose the stores on the returned builder.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder that chooses the stores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static BillingBuilder AddBilling(this IServiceCollection services, Action<BillingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, BillingOptions.SectionName, options => options.Configure(configure));
    }

    private static BillingBuilder Register(IServiceCollection services, string path, Action<OptionsBuilder<BillingOptions>> bind)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<BillingOptions>();
        bind(options);
        // Asks whether the stores are registered without making them: a store's factory may read these very options.
        options.Validate<IServiceProviderIsService>(
                (_, registered) => registered.IsService(typeof(IPrepaidStore)) && registered.IsService(typeof(IInvoiceStore)) && registered.IsService(typeof(IInvoiceHeaderStore)),
                $"{path}: no billing stores are chosen; call UseSqlite, UsePostgreSql or UseStores on the builder AddBilling returns.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BillingOptions>>(new BillingOptionsValidator(path));
        services.TryAddSingleton<BillingSettings>();
        services.TryAddSingleton(provider => provider.GetRequiredService<BillingSettings>().Engine);
        services.TryAddSingleton<IInvoiceRenderer>(_ => new PlainTextInvoiceRenderer());

        AddService(services, (p, s) => new PrepaidAccountService(p.GetRequiredService<IPrepaidStore>(), s.Clock, s.Retry, s.Logger<PrepaidAccountService>()));
        AddService(services, (p, s) => new TopUpService(p.GetRequiredService<IPrepaidStore>(), Gateway(p), s.Clock, s.Retry, s.Logger<TopUpService>()));
        AddService(services, (p, s) => new ConsumptionService(p.GetRequiredService<IPrepaidStore>(), s.Clock, s.Retry, s.Logger<ConsumptionService>()) { CallEvents = s.Options.Events.CallEvents });
        services.TryAddSingleton(provider => new ConsumptionBatcher(provider.GetRequiredService<ConsumptionService>()));
        AddService(services, (p, s) => new CorrectionService(p.GetRequiredService<IPrepaidStore>(), s.Clock, s.Retry, s.Logger<CorrectionService>()));
        AddService(services, (p, s) => new CreditGrantService(p.GetRequiredService<IPrepaidStore>(), s.Clock, s.Retry, s.Logger<CreditGrantService>()));
        AddService(services, (p, s) => new AutoTopUpService(p.GetRequiredService<IPrepaidStore>(), Gateway(p), s.Clock, s.Retry, s.Logger<AutoTopUpService>()));
        AddService(services, (p, s) => new SubscriptionService(p.GetRequiredService<IPrepaidStore>(), s.Options.Plans, s.Zone, s.Clock, s.Retry, s.Logger<SubscriptionService>()));
        AddService(services, (p, s) => new BillingRun(
            p.GetRequiredService<IPrepaidStore>(), s.Options.Plans, s.Engine, s.Zone, s.Clock, s.Options.AccountBilling, s.Retry, s.Logger<BillingRun>(), p.GetService<IUsageMeter>()));
        AddService(services, (p, s) => new InvoiceHeaderService(p.GetRequiredService<IInvoiceHeaderStore>(), s.Retry, s.Logger<InvoiceHeaderService>()));
        AddService(services, (p, s) => new InvoiceApplicationService(
            p.GetRequiredService<IPrepaidStore>(), p.GetRequiredService<IInvoiceHeaderStore>(), s.ApplicationSeries, s.Zone, p.GetRequiredService<IInvoiceRenderer>(), s.Clock, s.Retry,
            s.Logger<InvoiceApplicationService>()));
        AddService(services, (p, s) => new PrepayInvoicing(
            p.GetRequiredService<IInvoiceStore>(), p.GetRequiredService<IPrepaidStore>(), s.Engine, s.Numbering, s.Clock, s.Retry, s.Logger<PrepayInvoicing>()));
        AddService(services, (p, s) => new PostpaidInvoicing(
            p.GetRequiredService<IInvoiceStore>(), s.Engine, s.Numbering, s.Clock, s.Retry, s.Logger<PostpaidInvoicing>(), p.GetRequiredService<IPrepaidStore>()));
        AddService(services, (_, s) => new UsageRater(
            s.Options.Prices ?? throw new InvalidOperationException("The usage rater needs a price book: set BillingOptions.Prices in AddBilling's configure.")));
        AddService(services, (p, _) => new Reconciler(p.GetRequiredService<IPrepaidStore>(), p.GetRequiredService<UsageRater>()));
        AddService(services, (p, s) => new BillingEventDispatcher(
            p.GetRequiredService<IPrepaidStore>(), p.GetServices<IBillingEventConsumer>(), s.Clock, s.EventDelivery, s.Logger<BillingEventDispatcher>()));
        AddService(services, (p, _) => new InvoiceReconciler(p.GetRequiredService<IPrepaidStore>(), p.GetRequiredService<IInvoiceStore>()));
        return new BillingBuilder(services);
    }

    private static void AddService<T>(IServiceCollection services, Func<IServiceProvider, BillingSettings, T> make)
        where T : class =>
        services.TryAddSingleton(provider => make(provider, provider.GetRequiredService<BillingSettings>()));

    private static IPaymentGateway Gateway(IServiceProvider provider) =>
        provider.GetService<IPaymentGateway>()
        ?? throw new InvalidOperationException("The top-up service needs the payment provider's adapter: register an IPaymentGateway.");
}
