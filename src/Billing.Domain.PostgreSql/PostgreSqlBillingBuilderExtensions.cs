using Billing.Domain.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Domain.PostgreSql;

/// <summary>Chooses the PostgreSQL stores for the services <c>AddBilling</c> registered.</summary>
public static class PostgreSqlBillingBuilderExtensions
{
    /// <summary>
    /// Stores everything in the PostgreSQL database a connection string names (the three stores share it), with the currencies
    /// of <see cref="BillingOptions.Currencies"/>. The schema is created or migrated by the first call (or the health check).
    /// </summary>
    /// <param name="builder">The builder <c>AddBilling</c> returned.</param>
    /// <param name="connectionString">A Npgsql connection string, such as <c>Host=db;Database=billing;Username=billing</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no host.</exception>
    public static BillingBuilder UsePostgreSql(this BillingBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PostgreSqlOptions(connectionString);
        return builder.UsePostgreSql(provider => options with { Currencies = provider.GetRequiredService<IOptions<BillingOptions>>().Value.Currencies });
    }

    /// <summary>Stores everything in PostgreSQL with options the host makes from its container (asked once per store).</summary>
    /// <param name="builder">The builder <c>AddBilling</c> returned.</param>
    /// <param name="options">Makes the options (connection string, lock timeout, currencies).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static BillingBuilder UsePostgreSql(this BillingBuilder builder, Func<IServiceProvider, PostgreSqlOptions> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseStores(
            provider => new PostgreSqlPrepaidStore(options(provider)),
            provider => new PostgreSqlInvoiceStore(options(provider)),
            provider => new PostgreSqlInvoiceHeaderStore(options(provider)));
    }
}
