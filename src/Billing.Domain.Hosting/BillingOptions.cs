using Billing.Domain.Charging;
using Billing.Domain.Plans;
using Billing.Domain.Rating;
using Billing.Domain.Subscriptions;

namespace Billing.Domain.Hosting;

/// <summary>
/// The settings of the billing services <c>AddBilling</c>
/// registers. The plain settings bind from configuration (the <c>Billing</c> section by convention); the plans, prices,
/// currencies and account billing are objects the host sets in code. Every setting is checked when the host starts, and a
/// bad one fails the start with a message naming it.
/// </summary>
/// <example>
/// <code>
/// "Billing": {
///   "TimeZone": "Europe/Berlin",
///   "InvoiceSeries": { "Name": "INV", "Format": "INV-{yyyy}{MM}-{seq:000000}" },
///   "Retry": { "MaxAttempts": 16, "BaseDelay": "00:00:00.002", "MaxDelay": "00:00:00.250" }
/// }
/// </code>
/// </example>
public sealed class BillingOptions
{
    /// <summary>The configuration section the settings conventionally bind from: <c>Billing</c>.</summary>
    public const string SectionName = "Billing";

    /// <summary>Gets or sets the TZDB id of the time zone whose days periods are counted in, for accounts that name none.</summary>
    /// <value><c>UTC</c> by default.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Gets or sets the gapless series invoices are numbered from.</summary>
    /// <value><c>INV</c>, <c>INV-{yyyy}{MM}-{seq:000000}</c> by default.</value>
    public NumberSeriesOptions InvoiceSeries { get; set; } = new() { Name = "INV", Format = "INV-{yyyy}{MM}-{seq:000000}" };

    /// <summary>Gets or sets the gapless series issued invoice applications are numbered from.</summary>
    /// <value><c>FP</c>, <c>FP-{yyyy}-{seq:00000}</c> by default.</value>
    public NumberSeriesOptions ApplicationSeries { get; set; } = new() { Name = "FP", Format = "FP-{yyyy}-{seq:00000}" };

    /// <summary>Gets or sets how commands try again when their commit loses a race.</summary>
    /// <value><see cref="Storage.ConflictRetryPolicy.Default"/>'s values by default.</value>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Gets or sets how billing events are delivered and which optional ones are written.</summary>
    public EventOptions Events { get; set; } = new();

    /// <summary>Gets or sets how the charge engine rounds taxes: per line, or once per document as EN 16931 asks.</summary>
    /// <value><see cref="Charging.TaxRounding.PerDocument"/> by default.</value>
    public TaxRounding TaxRounding { get; set; } = TaxRounding.PerDocument;

    /// <summary>Gets or sets the currencies amounts may be in (set in code).</summary>
    /// <value><see cref="CurrencyRegistry.Iso4217"/> by default.</value>
    public CurrencyRegistry Currencies { get; set; } = CurrencyRegistry.Iso4217;

    /// <summary>Gets or sets the plans subscriptions are ordered on and billed by (set in code).</summary>
    /// <value><see cref="PlanCatalog.Empty"/> by default.</value>
    public PlanCatalog Plans { get; set; } = PlanCatalog.Empty;

    /// <summary>Gets or sets the price book calls are rated with (set in code); the <see cref="UsageRater"/> needs it.</summary>
    /// <value>None by default.</value>
    public TokenPriceBook? Prices { get; set; }

    /// <summary>Gets or sets how an account is billed by its id (set in code); <see cref="AccountBilling.Default"/> when null.</summary>
    public Func<string, AccountBilling>? AccountBilling { get; set; }
}
