using Billing.Domain.Relational;

namespace Billing.Domain.PostgreSql;

/// <summary>
/// The invoice store on PostgreSQL: invoices (their tables as exact JSON), one Prepay invoice per account and
/// period, and gapless number series advanced, under a row lock, in the transaction that saves the numbered invoice.
/// </summary>
/// <param name="options">The connection string, busy timeout and currencies.</param>
/// <remarks>The constructor does no I/O: call <see cref="RelationalStore.MigrateAsync"/> at start-up, or the first call migrates once.</remarks>
public sealed class PostgreSqlInvoiceStore(PostgreSqlOptions options)
    : RelationalInvoiceStore(new PostgreSqlDialect(options ?? throw new ArgumentNullException(nameof(options))), options.Currencies);
