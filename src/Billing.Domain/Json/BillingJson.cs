using System.Text.Json;
using Billing.Domain.Utility;

namespace Billing.Domain.Json;

/// <summary>Configures System.Text.Json for the library's values.</summary>
public static class BillingJson
{
    /// <summary>
    /// Adds the converters of <see cref="Money"/> and <see cref="Currency"/> for a registry's currencies to the options
    /// (ahead of the ISO 4217 ones the types carry). The library's statuses read and write by their names with
    /// <see cref="System.Text.Json.Serialization.JsonStringEnumConverter"/>, and NodaTime's types with
    /// NodaTime.Serialization.SystemTextJson, which hosts add themselves.
    /// </summary>
    /// <param name="options">The options to configure.</param>
    /// <param name="currencies">The currencies amounts may be in; ISO 4217 when null.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The options are read-only: they were used already.</exception>
    public static JsonSerializerOptions AddBillingConverters(this JsonSerializerOptions options, CurrencyRegistry? currencies = null)
    {
        Preconditions.CheckNotNull(options);
        currencies ??= CurrencyRegistry.Iso4217;
        options.Converters.Add(new MoneyJsonConverter(currencies));
        options.Converters.Add(new CurrencyJsonConverter(currencies));
        return options;
    }
}
