using System.Globalization;
using System.Text.Json;
using Billing.Domain.Charging;
using Billing.Domain.Events;
using Billing.Domain.Invoices;
using Billing.Domain.Periods;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using System.Data.Common;
using NodaTime;
using NodaTime.Text;
using static Billing.Domain.Relational.RelationalValues;

namespace Billing.Domain.Relational;

/// <summary>
/// The invoice store on a relational database: invoices (their tables as exact JSON), one Prepay invoice per account
/// and period, and gapless number series advanced in the transaction that saves the numbered invoice. Made by an
/// adapter package: <c>SqliteInvoiceStore</c> or <c>PostgreSqlInvoiceStore</c>.
/// </summary>
public abstract class RelationalInvoiceStore : RelationalStore, IInvoiceStore
{
    private readonly CurrencyRegistry _currencies;
    private readonly JsonSerializerOptions _json;
    private readonly JsonSerializerOptions _events;

    internal RelationalInvoiceStore(SqlDialect dialect, CurrencyRegistry currencies)
        : base(dialect)
    {
        _currencies = currencies;
        _json = RelationalJson.OptionsFor(currencies);
        _events = RelationalJson.EventsFor(currencies);
    }

    /// <summary>Gets or sets a hook run inside every commit after each write step (its name given), for tests that fail a commit midway.</summary>
    internal Action<string>? AfterStep { get; set; }

    /// <inheritdoc/>
    public async Task<Invoice> CommitAsync(Invoice invoice, bool takesNumber, IReadOnlyList<BillingEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(events);
        return await Database.WriteAsync(session => WriteAsync(session, invoice, takesNumber, events, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Invoice> WriteAsync(SqlSession session, Invoice invoice, bool takesNumber, IReadOnlyList<BillingEvent> events, CancellationToken cancellationToken)
    {
        await session.ExpectVersionAsync("invoice", "invoices", "invoice_id", invoice.AccountId, invoice.InvoiceId, invoice.Version, cancellationToken).ConfigureAwait(false);

        if (takesNumber)
        {
            var series = invoice.Series ?? throw new ArgumentException("An invoice that takes a number carries its series.", nameof(invoice));
            await session.AdvanceSeriesAsync("invoice_series", series, invoice.Sequence, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("series");
        }

        var saved = invoice with { Version = invoice.Version + 1 };
        await session.ExecAsync(
            cancellationToken,
            """
            DELETE FROM invoices WHERE account_id = @account AND invoice_id = @id;
            INSERT INTO invoices VALUES (@id, @number, @series, @sequence, @account, @name, @model, @status, @start, @end, @currency, @charges,
                @taxes, @subscriptions, @corrections, @created, @issued, @settled, @voidReason, @version, @accountType, @credits)
            """,
            ("@id", saved.InvoiceId), ("@number", saved.Number), ("@series", saved.Series), ("@sequence", saved.Sequence), ("@account", saved.AccountId),
            ("@name", saved.AccountName), ("@model", saved.PaymentModel.ToString()), ("@status", saved.Status.ToString()), ("@start", Day(saved.Period.Start)),
            ("@end", Day(saved.Period.End)), ("@currency", saved.Currency.Code), ("@charges", JsonSerializer.Serialize(saved.Charges, _json)),
            ("@taxes", JsonSerializer.Serialize(saved.TaxSummary, _json)), ("@subscriptions", JsonSerializer.Serialize(saved.Subscriptions, _json)),
            ("@corrections", JsonSerializer.Serialize(saved.Corrections, _json)),
            ("@credits", JsonSerializer.Serialize(saved.Credits, _json)), ("@created", Time(saved.CreatedAt)), ("@issued", Time(saved.IssuedAt)),
            ("@settled", Time(saved.SettledAt)), ("@voidReason", saved.VoidReason), ("@version", saved.Version),
            ("@accountType", saved.AccountType.ToString())).ConfigureAwait(false);
        AfterStep?.Invoke("invoice");

        if (events.Count > 0)
        {
            await session.AppendEventsAsync(events, _events, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("events");
        }

        return saved;
    }

    /// <inheritdoc/>
    public async Task<Invoice?> FindInvoiceAsync(string invoiceId, CancellationToken cancellationToken = default) =>
        (await AllAsync("SELECT * FROM invoices WHERE invoice_id = @id", cancellationToken, ("@id", invoiceId)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc/>
    public async Task<Invoice?> FindPrepayInvoiceAsync(string accountId, BillingPeriod period, CancellationToken cancellationToken = default) =>
        (await AllAsync(
            "SELECT * FROM invoices WHERE account_id = @account AND period_start = @start AND period_end = @end AND payment_model = 'Prepaid'", cancellationToken,
            ("@account", accountId), ("@start", Day(period.Start)), ("@end", Day(period.End))).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc/>
    public async Task<Page<Invoice>> QueryInvoicesAsync(InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(await CandidatesAsync(query, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Money>> TotalsByCurrencyAsync(InvoiceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.TotalsByCurrency(await CandidatesAsync(query, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public Task<long> LastSequenceAsync(string series, CancellationToken cancellationToken = default) => Database.LastSequenceAsync("invoice_series", series, cancellationToken);


    private Invoice Read(DbDataReader r)
    {
        var period = Period(r, "period_start", "period_end");
        return Invoice.Restore(
            Required(r, "invoice_id"), Required(r, "account_id"), Required(r, "account_name"), Enum<Ledger.AccountType>(r, "account_type"), Enum<PaymentModel>(r, "payment_model"),
            period, _currencies.FromCode(Required(r, "currency")), Instant(r, "created_at"), Enum<InvoiceStatus>(r, "status"),
            Text(r, "number"), Text(r, "series"), OptionalLong(r, "sequence"),
            Json<List<ChargeLine>>(r, "charges"), Json<List<TaxAmount>>(r, "tax_summary"),
            Json<List<InvoiceSubscription>>(r, "subscriptions"),
            Json<List<InvoiceCorrection>>(r, "corrections"),
            OptionalInstant(r, "issued_at"), OptionalInstant(r, "settled_at"), Text(r, "void_reason"),
            Long(r, "version"), Json<List<InvoiceCredit>>(r, "credits"));
    }

    private T Json<T>(DbDataReader reader, string column) =>
        JsonSerializer.Deserialize<T>(Required(reader, column), _json) ?? throw new InvalidOperationException($"Column {column} holds null.");

    // The account is filtered in SQL; the query record's reference semantics do the rest.
    private Task<List<Invoice>> CandidatesAsync(InvoiceQuery query, CancellationToken cancellationToken) =>
        query.AccountId is { } account
            ? AllAsync("SELECT * FROM invoices WHERE account_id = @account", cancellationToken, ("@account", account))
            : AllAsync("SELECT * FROM invoices", cancellationToken);

    private Task<List<Invoice>> AllAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Database.QueryAsync(sql, Read, cancellationToken, parameters);
}
