using System.Text.Json;
using Billing.Domain.Utility;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Billing.Domain.Json;

/// <summary>Configures System.Text.Json for the library's values in one call.</summary>
public static class BillingJson
{
    /// <summary>
    /// Configures the options for everything a host returns from an API: <see cref="Money"/> and <see cref="Currency"/>
    /// for a registry's currencies (ahead of the ISO 4217 ones the types carry), every status and kind of the library by
    /// its snake_case name (<c>partially_refunded</c>, <c>non_recurring</c>; integers refused), discounts with their kind and
    /// proration factors as exact fractions (so a charge line's derivation round-trips), and NodaTime's types
    /// (instants, local dates, periods, time zones) with NodaTime.Serialization.SystemTextJson.
    /// </summary>
    /// <param name="options">The options to configure; ASP.NET Core's <c>JsonOptions.SerializerOptions</c>, for example.</param>
    /// <param name="currencies">The currencies amounts may be in; ISO 4217 when null.</param>
    /// <param name="zones">The time zones that zone ids name; TZDB when null.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The options are read-only: they were used already.</exception>
    /// <example>
    /// <code>
    /// var options = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForBilling();
    /// JsonSerializer.Serialize(new Money(1.50m, Currency.FromCode("USD")), options); // {"amount":"1.50","currency":"USD"}
    /// </code>
    /// </example>
    public static JsonSerializerOptions ConfigureForBilling(this JsonSerializerOptions options, CurrencyRegistry? currencies = null, IDateTimeZoneProvider? zones = null)
    {
        Preconditions.CheckNotNull(options);
        currencies ??= CurrencyRegistry.Iso4217;
        options.Converters.Add(new MoneyJsonConverter(currencies));
        options.Converters.Add(new CurrencyJsonConverter(currencies));
        options.Converters.Add(new BillingEnumJsonConverterFactory());
        options.Converters.Add(new DiscountJsonConverter());
        options.Converters.Add(new ProrationFactorJsonConverter());
        options.ConfigureForNodaTime(zones ?? DateTimeZoneProviders.Tzdb);
        return options;
    }
}
