using Billing.Domain.Relational;

namespace Billing.Domain.PostgreSql;

/// <summary>The invoice header store on PostgreSQL: several headers written and one removed in one transaction, versions locked and checked first.</summary>
/// <param name="options">The connection string and busy timeout.</param>
/// <remarks>The constructor does no I/O: call <see cref="RelationalStore.MigrateAsync"/> at start-up, or the first call migrates once.</remarks>
public sealed class PostgreSqlInvoiceHeaderStore(PostgreSqlOptions options)
    : RelationalInvoiceHeaderStore(new PostgreSqlDialect(options ?? throw new ArgumentNullException(nameof(options))));
