using Billing.Domain.Relational;

namespace Billing.Domain.PostgreSql;

/// <summary>
/// The prepaid store on PostgreSQL: ledgers, orders, consumption, corrections, invoice applications and
/// subscriptions. Every commit is one transaction that locks and checks every version it changes before it writes,
/// so several application processes on one database never double-credit, overdraw or double-invoice.
/// </summary>
/// <param name="options">The connection string, busy timeout and currencies.</param>
/// <remarks>The constructor does no I/O: call <see cref="RelationalStore.MigrateAsync"/> at start-up, or the first call migrates once.</remarks>
public sealed class PostgreSqlPrepaidStore(PostgreSqlOptions options)
    : RelationalPrepaidStore(new PostgreSqlDialect(options ?? throw new ArgumentNullException(nameof(options))), options.Currencies);
