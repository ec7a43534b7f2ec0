using Billing.Domain.Charging;
using Billing.Domain.Invoices;
using Billing.Domain.Numbering;
using Billing.Domain.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Billing.Domain.Hosting;

/// <summary>The validated options as the services take them, built once per container.</summary>
internal sealed class BillingSettings
{
    private readonly ILoggerFactory? _loggers;

    public BillingSettings(IOptions<BillingOptions> options, IServiceProvider services)
    {
        Options = options.Value;
        Zone = DateTimeZoneProviders.Tzdb[Options.TimeZone];
        Numbering = InvoiceNumbering.OneSeries(new NumberSeries(Options.InvoiceSeries.Name, Options.InvoiceSeries.Format), Zone);
        ApplicationSeries = new NumberSeries(Options.ApplicationSeries.Name, Options.ApplicationSeries.Format);
        Retry = new ConflictRetryPolicy(Options.Retry.MaxAttempts, Options.Retry.BaseDelay, Options.Retry.MaxDelay);
        EventDelivery = new Events.EventDeliveryPolicy(Options.Events.MaxAttempts, Duration.FromTimeSpan(Options.Events.FirstDelay), Duration.FromTimeSpan(Options.Events.MaxDelay));
        Engine = new ChargeEngine(new ChargePolicy(RoundingPolicy.Commercial, Options.TaxRounding));
        Clock = services.GetService<IClock>() ?? SystemClock.Instance;   // the host's edge: the core itself never reads the system clock
        _loggers = services.GetService<ILoggerFactory>();
    }

    public BillingOptions Options { get; }

    public DateTimeZone Zone { get; }

    public InvoiceNumbering Numbering { get; }

    public NumberSeries ApplicationSeries { get; }

    public ConflictRetryPolicy Retry { get; }

    public Events.EventDeliveryPolicy EventDelivery { get; }

    public ChargeEngine Engine { get; }

    public IClock Clock { get; }

    public ILogger? Logger<T>() => _loggers?.CreateLogger<T>();
}
