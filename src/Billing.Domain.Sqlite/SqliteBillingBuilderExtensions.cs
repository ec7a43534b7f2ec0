using Billing.Domain.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Billing.Domain.Sqlite;

/// <summary>Chooses the SQLite stores for the services <c>AddBilling</c> registered.</summary>
public static class SqliteBillingBuilderExtensions
{
    /// <summary>
    /// Stores everything in the SQLite database a connection string names (the three stores share it), with the currencies
    /// of <see cref="BillingOptions.Currencies"/>. The schema is created or migrated by the first call (or the health check).
    /// </summary>
    /// <param name="builder">The builder <c>AddBilling</c> returned.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=billing.db</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no data source.</exception>
    public static BillingBuilder UseSqlite(this BillingBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SqliteOptions(connectionString);
        return builder.UseSqlite(provider => options with { Currencies = provider.GetRequiredService<IOptions<BillingOptions>>().Value.Currencies });
    }

    /// <summary>Stores everything in SQLite with options the host makes from its container (asked once per store).</summary>
    /// <param name="builder">The builder <c>AddBilling</c> returned.</param>
    /// <param name="options">Makes the options (connection string, busy timeout, currencies).</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static BillingBuilder UseSqlite(this BillingBuilder builder, Func<IServiceProvider, SqliteOptions> options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseStores(
            provider => new SqlitePrepaidStore(options(provider)),
            provider => new SqliteInvoiceStore(options(provider)),
            provider => new SqliteInvoiceHeaderStore(options(provider)));
    }
}
