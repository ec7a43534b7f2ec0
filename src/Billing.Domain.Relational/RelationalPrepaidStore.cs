using System.Text.Json;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Events;
using Billing.Domain.Json;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;
using System.Data.Common;
using NodaTime;
using static Billing.Domain.Relational.RelationalValues;

namespace Billing.Domain.Relational;

/// <summary>
/// The prepaid store on a relational database: ledgers, orders, consumption, corrections, invoice applications and
/// subscriptions. Every commit is one transaction that checks (and locks) every version and key before it writes
/// anything. Made by an adapter package: <c>SqlitePrepaidStore</c> or <c>PostgreSqlPrepaidStore</c>.
/// </summary>
/// <remarks>
/// Queries filter by account (and by time where an index serves it) in SQL and apply the rest of the query
/// record's reference semantics (<c>Matches</c>, <c>Apply</c>) in memory, so they answer exactly as the in-memory
/// store does; sums are computed in <see cref="decimal"/>, never by the database.
/// </remarks>
public abstract class RelationalPrepaidStore : RelationalStore, IPrepaidStore
{
    private readonly CurrencyRegistry _currencies;
    private readonly JsonSerializerOptions _json;
    private readonly JsonSerializerOptions _events;

    internal RelationalPrepaidStore(SqlDialect dialect, CurrencyRegistry currencies)
        : base(dialect)
    {
        _currencies = currencies;
        _json = RelationalJson.OptionsFor(currencies);
        _events = RelationalJson.EventsFor(currencies);
    }

    /// <summary>Gets or sets a hook run inside every commit after each write step (its name given), for tests that fail a commit midway.</summary>
    internal Action<string>? AfterStep { get; set; }

    /// <inheritdoc/>
    public async Task<PrepaidChange> CommitAsync(PrepaidChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await Database.WriteAsync(session => WriteAsync(session, change, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PrepaidChange>> CommitManyAsync(IReadOnlyList<PrepaidChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
        }

        if (changes.Count == 0)
        {
            return [];
        }

        // One transaction: each change's checks see the rows the changes before it wrote, and its statements reuse the
        // commands (prepared once) the first change ran.
        return await Database.WriteAsync<IReadOnlyList<PrepaidChange>>(
            async session =>
            {
                var saved = new PrepaidChange[changes.Count];
                for (var i = 0; i < changes.Count; i++)
                {
                    saved[i] = await WriteAsync(session, changes[i], cancellationToken).ConfigureAwait(false);
                }

                return saved;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<PrepaidChange> WriteAsync(SqlSession session, PrepaidChange change, CancellationToken cancellationToken)
    {
        if (change.Order is { } order)
        {
            await session.ExpectVersionAsync("top-up order", "orders", "order_id", order.AccountId, order.OrderId, order.Version, cancellationToken).ConfigureAwait(false);
        }

        if (change.Correction is { } correction)
        {
            await session.ExpectVersionAsync("correction", "corrections", "correction_id", correction.AccountId, correction.CorrectionId, correction.Version, cancellationToken).ConfigureAwait(false);
        }

        foreach (var application in change.Applications)
        {
            await session.ExpectVersionAsync("invoice application", "applications", "application_id", application.AccountId, application.ApplicationId, application.Version, cancellationToken).ConfigureAwait(false);
        }

        if (change.Subscription is { } subscription)
        {
            await session.ExpectVersionAsync("subscription", "subscriptions", "subscription_id", subscription.AccountId, subscription.Id, subscription.Version, cancellationToken).ConfigureAwait(false);
        }

        foreach (var charge in change.Charges)
        {
            await session.ExpectVersionAsync("subscription charge", "subscription_charges", "charge_id", charge.AccountId, charge.ChargeId, charge.Version, cancellationToken).ConfigureAwait(false);
        }

        if (change.BillingRunAt is { } runAt)
        {
            if (await session.ScalarAsync($"SELECT last_at FROM billing_runs WHERE id = 1{Database.Dialect.LockRow}", cancellationToken).ConfigureAwait(false) is long stored
                && Time(runAt) < stored)
            {
                throw new ConcurrencyConflictException("billing run", "last", 0, null);
            }
        }

        var saved = change.Saved();
        // The ledger head, its entry and its call are the hot path: queued, with no read before them, so that a group commit
        // sends every call's writes together. The head's version is checked by the write itself (compare-and-set).
        if (saved.Account is { } head)
        {
            WriteAccount(session, head, change.Account!.Version, cancellationToken);
            AfterStep?.Invoke("account");
        }

        if (saved.Entry is { } entry)
        {
            session.Defer(
                "INSERT INTO ledger_entries VALUES (@account, @sequence, @kind, @amount, @currency, @key, @at, @reference, @description, @opens, @movements)",
                null,
                ("@account", entry.AccountId), ("@sequence", entry.Sequence), ("@kind", entry.Kind.ToString()), ("@amount", Amount(entry.Amount)),
                ("@currency", entry.Amount.Currency.Code), ("@key", entry.IdempotencyKey), ("@at", Time(entry.RecordedAt)), ("@reference", entry.Reference),
                ("@description", entry.Description), ("@opens", RelationalLedgerJson.WriteOpened(entry.OpensGrant)),
                ("@movements", RelationalLedgerJson.WriteMovements(entry.GrantMovements)));
            AfterStep?.Invoke("entry");
        }

        if (saved.Consumption is { } call)
        {
            var usage = call.Usage;
            session.Defer(
                """
                INSERT INTO consumption (account_id, request_id, token_name, model, input_tokens, output_tokens, cached_input_tokens, occurred_at, cost, currency,
                    price_version, booked_at, reasoning_tokens, image_tokens, audio_tokens)
                VALUES (@account, @request, @token, @model, @input, @output, @cached, @at, @cost, @currency, @version, @booked, @reasoning, @image, @audio)
                """,
                null,
                ("@account", usage.AccountId), ("@request", usage.RequestId), ("@token", usage.TokenName), ("@model", usage.Model), ("@input", usage.InputTokens),
                ("@output", usage.OutputTokens), ("@cached", usage.CachedInputTokens), ("@at", Time(usage.OccurredAt)), ("@cost", Amount(call.Cost)),
                ("@currency", call.Cost.Currency.Code), ("@version", call.PriceVersion), ("@booked", Time(call.BookedAt)), ("@reasoning", usage.ReasoningTokens),
                ("@image", usage.ImageTokens), ("@audio", usage.AudioTokens));
            AfterStep?.Invoke("consumption");
        }

        if (saved.Order is { } savedOrder)
        {
            await WriteOrderAsync(session, savedOrder, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("order");
        }

        if (saved.Correction is { } savedCorrection)
        {
            await WriteCorrectionAsync(session, savedCorrection, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("correction");
        }

        foreach (var application in saved.Applications)
        {
            await WriteApplicationAsync(session, application, AfterStep, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("application");
        }

        if (saved.Document is { } issuedDocument)
        {
            // Inserted, never replaced: a second document for the application is the database's unique violation, a conflict.
            await session.ExecAsync(
                cancellationToken,
                "INSERT INTO issued_documents VALUES (@id, @fileName, @contentType, @content, @sha256, @account)",
                ("@id", issuedDocument.ApplicationId), ("@account", saved.Account!.AccountId), ("@fileName", issuedDocument.Document.FileName), ("@contentType", issuedDocument.Document.ContentType),
                ("@content", issuedDocument.Document.Content.ToArray()), ("@sha256", issuedDocument.Sha256)).ConfigureAwait(false);
            AfterStep?.Invoke("document");
        }

        if (saved.Subscription is { } savedSubscription)
        {
            await WriteSubscriptionAsync(session, savedSubscription, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("subscription");
        }

        foreach (var c in saved.Charges)
        {
            await session.ExecAsync(
                cancellationToken,
                """
                INSERT INTO subscription_charges VALUES (@id, @account, @subscription, @plan, @planVersion, @start, @end, @line, @status, @made, @closed, @version, @credits, @chargeName, @invoice)
                ON CONFLICT (account_id, charge_id) DO UPDATE SET status = @status, closed_at = @closed, version = @version, invoice_id = @invoice
                """,
                ("@id", c.ChargeId), ("@account", c.AccountId), ("@subscription", c.SubscriptionId), ("@plan", c.Plan), ("@planVersion", c.PlanVersion),
                ("@start", Day(c.Period.Start)), ("@end", Day(c.Period.End)), ("@line", JsonSerializer.Serialize(c.Line, _json)), ("@status", c.Status.ToString()),
                ("@made", Time(c.MadeAt)), ("@closed", Time(c.ClosedAt)), ("@version", c.Version), ("@credits", c.Credits), ("@chargeName", c.ChargeName), ("@invoice", c.InvoiceId)).ConfigureAwait(false);
            AfterStep?.Invoke("charge");
        }

        if (saved.Events.Count > 0)
        {
            await session.AppendEventsAsync(saved.Events, _events, cancellationToken).ConfigureAwait(false);
            AfterStep?.Invoke("events");
        }

        if (saved.BillingRunAt is { } savedRunAt)
        {
            await session.ExecAsync(
                cancellationToken,
                "INSERT INTO billing_runs VALUES (1, @at) ON CONFLICT (id) DO UPDATE SET last_at = @at", ("@at", Time(savedRunAt))).ConfigureAwait(false);
            AfterStep?.Invoke("billing run");
        }

        return saved;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxEntry>> NextAsync(Instant now, int maxAccounts, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAccounts, 1);
        return await AllAsync(
            """
            SELECT o.* FROM outbox o
            WHERE (o.account_id, o.sequence) IN (SELECT account_id, MIN(sequence) FROM outbox WHERE delivered_at IS NULL AND parked = 0 GROUP BY account_id)
              AND (o.retry_at IS NULL OR o.retry_at <= @now)
            ORDER BY o.sequence LIMIT @max
            """,
            ReadOutbox, cancellationToken, ("@now", Time(now)), ("@max", maxAccounts)).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task MarkDeliveredAsync(long sequence, Instant at, CancellationToken cancellationToken = default) =>
        UpdateOutboxAsync(sequence, "UPDATE outbox SET delivered_at = @at WHERE sequence = @sequence", cancellationToken, ("@at", Time(at)));

    /// <inheritdoc/>
    public Task MarkFailedAsync(long sequence, string failure, Instant? retryAt, CancellationToken cancellationToken = default) =>
        UpdateOutboxAsync(
            sequence,
            "UPDATE outbox SET attempts = attempts + 1, last_error = @failure, retry_at = @retryAt, parked = @parked WHERE sequence = @sequence",
            cancellationToken,
            ("@failure", failure), ("@retryAt", Time(retryAt)), ("@parked", retryAt is null ? 1 : 0));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxEntry>> ParkedAsync(CancellationToken cancellationToken = default) =>
        await AllAsync("SELECT * FROM outbox WHERE parked = 1 ORDER BY sequence", ReadOutbox, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public Task RequeueAsync(long sequence, CancellationToken cancellationToken = default) =>
        UpdateOutboxAsync(sequence, "UPDATE outbox SET parked = 0, retry_at = NULL WHERE sequence = @sequence", cancellationToken);

    private Task<int> UpdateOutboxAsync(long sequence, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Database.WriteAsync(
            async session => await session.ExecAsync(cancellationToken, sql, [("@sequence", sequence), .. parameters]).ConfigureAwait(false) == 1
                ? 1
                : throw new NotFoundException("outbox event", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            cancellationToken);

    private OutboxEntry ReadOutbox(DbDataReader r) =>
        new(Long(r, "sequence"), JsonSerializer.Deserialize<BillingEvent>(Required(r, "payload"), _events) ?? throw new InvalidOperationException("An outbox payload holds null."),
            (int)Long(r, "attempts"), OptionalInstant(r, "retry_at"), Long(r, "parked") == 1, Text(r, "last_error"));

    /// <inheritdoc/>
    public Task<PrepaidAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT * FROM accounts WHERE account_id = @id", ReadAccount, cancellationToken, ("@id", accountId));

    /// <inheritdoc/>
    public async Task<Page<PrepaidAccount>> ListAccountsAsync(AccountQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = query.Type is { } type ? "WHERE account_type = @type" : "";
        (string, object?) typed = ("@type", query.Type?.ToString());
        var count = (await AllAsync($"SELECT COUNT(*) FROM accounts {where}", r => r.GetInt64(0), cancellationToken, typed).ConfigureAwait(false))[0];
        var rows = await AllAsync(
            $"SELECT * FROM accounts {where} ORDER BY account_id COLLATE {Database.Dialect.OrdinalCollation} LIMIT @take OFFSET @skip", ReadAccount, cancellationToken,
            typed, ("@take", query.Page.Size), ("@skip", query.Page.Skip)).ConfigureAwait(false);
        return new Page<PrepaidAccount>(rows, query.Page, (int)Math.Min(int.MaxValue, count));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, PrepaidAccount>> FindAccountsAsync(IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        var ids = new List<string>(accountIds.Count);
        foreach (var id in accountIds)
        {
            ids.Add(id ?? throw new ArgumentNullException(nameof(accountIds)));
        }

        // One query per chunk of ids, each a parameter: both engines take hundreds in one statement.
        const int Chunk = 500;
        var heads = new Dictionary<string, PrepaidAccount>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var names = chunk.Select((_, i) => $"@a{i}").ToArray();
            foreach (var head in await AllAsync(
                $"SELECT * FROM accounts WHERE account_id IN ({string.Join(", ", names)})", ReadAccount, cancellationToken,
                [.. chunk.Select((id, i) => (names[i], (object?)id))]).ConfigureAwait(false))
            {
                heads[head.AccountId] = head;
            }
        }

        return heads;
    }

    /// <inheritdoc/>
    public Task<LedgerEntry?> FindEntryAsync(string accountId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT * FROM ledger_entries WHERE account_id = @id AND idempotency_key = @key", ReadEntry, cancellationToken, ("@id", accountId), ("@key", idempotencyKey));

    /// <inheritdoc/>
    public async Task<Page<LedgerEntry>> ListEntriesAsync(string accountId, InstantRange recorded, PageRequest page, CancellationToken cancellationToken = default)
    {
        var entries = await AllAsync(
            "SELECT * FROM ledger_entries WHERE account_id = @id AND recorded_at >= @from AND recorded_at < @to ORDER BY sequence", ReadEntry, cancellationToken,
            ("@id", accountId), ("@from", From(recorded)), ("@to", To(recorded))).ConfigureAwait(false);
        return page.Cut(entries);
    }

    /// <inheritdoc/>
    public async Task<Money?> BalanceAsOfAsync(string accountId, Instant asOf, CancellationToken cancellationToken = default)
    {
        if (await FindAccountAsync(accountId, cancellationToken).ConfigureAwait(false) is not { } account)
        {
            return null;
        }

        var entries = await AllAsync(
            "SELECT * FROM ledger_entries WHERE account_id = @id AND recorded_at <= @at", ReadEntry, cancellationToken, ("@id", accountId), ("@at", Bound(asOf))).ConfigureAwait(false);
        return Money.Sum(entries.Select(e => e.Amount), account.Currency);
    }

    /// <inheritdoc/>
    public async Task<TopUpOrder?> FindOrderAsync(string orderId, CancellationToken cancellationToken = default) =>
        (await OrdersAsync("o.order_id = @id", cancellationToken, ("@id", orderId)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc/>
    public async Task<Page<TopUpOrder>> QueryOrdersAsync(TopUpOrderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(await OrdersAsync(
            "o.account_id = @id AND o.created_at >= @from AND o.created_at < @to", cancellationToken,
            ("@id", query.AccountId), ("@from", From(query.Created)), ("@to", To(query.Created))).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public Task<ConsumptionRecord?> FindConsumptionAsync(string accountId, string requestId, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT * FROM consumption WHERE account_id = @id AND request_id = @request", ReadConsumption, cancellationToken, ("@id", accountId), ("@request", requestId));

    /// <inheritdoc/>
    public async Task<Page<ConsumptionRecord>> QueryConsumptionAsync(ConsumptionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(await ConsumptionInAsync(query.AccountId, query.Occurred, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ConsumptionTotal>> SumConsumptionAsync(string accountId, InstantRange booked, CancellationToken cancellationToken = default) =>
        await FindAccountAsync(accountId, cancellationToken).ConfigureAwait(false) is { } account
            ? ConsumptionTotal.Sum(
                await AllAsync(
                    "SELECT * FROM consumption WHERE account_id = @id AND booked_at >= @from AND booked_at < @to", ReadConsumption, cancellationToken,
                    ("@id", accountId), ("@from", From(booked)), ("@to", To(booked))).ConfigureAwait(false),
                account.Currency)
            : [];

    /// <inheritdoc/>
    public Task<Correction?> FindCorrectionAsync(string correctionId, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT * FROM corrections WHERE correction_id = @id", ReadCorrection, cancellationToken, ("@id", correctionId));

    /// <inheritdoc/>
    public async Task<Page<Correction>> QueryCorrectionsAsync(CorrectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(await AllAsync("SELECT * FROM corrections WHERE account_id = @id", ReadCorrection, cancellationToken, ("@id", query.AccountId)).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public Task<IssuedDocument?> FindDocumentAsync(string applicationId, CancellationToken cancellationToken = default) =>
        FirstAsync(
            "SELECT * FROM issued_documents WHERE application_id = @id",
            r => new IssuedDocument(
                Required(r, "application_id"),
                new Invoices.RenderedDocument(Required(r, "file_name"), Required(r, "content_type"), (byte[])r.GetValue(r.GetOrdinal("content")))),
            cancellationToken,
            ("@id", applicationId));

    /// <inheritdoc/>
    public Task<InvoiceApplication?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT * FROM applications WHERE application_id = @id", ReadApplication, cancellationToken, ("@id", applicationId));

    /// <inheritdoc/>
    public async Task<Page<InvoiceApplication>> QueryApplicationsAsync(InvoiceApplicationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(await AllAsync("SELECT * FROM applications WHERE account_id = @id", ReadApplication, cancellationToken, ("@id", query.AccountId)).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public Task<long> LastApplicationSequenceAsync(string series, CancellationToken cancellationToken = default) =>
        Database.LastSequenceAsync("application_series", series, cancellationToken);

    /// <inheritdoc/>
    public async Task<Subscription?> FindSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        (await SubscriptionsAsync("s.subscription_id = @id", cancellationToken, ("@id", subscriptionId)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc/>
    public async Task<Page<Subscription>> QuerySubscriptionsAsync(SubscriptionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = string.Join(
            " AND ",
            new[] { query.AccountId is null ? null : "s.account_id = @account", query.Status is null ? null : "s.status = @status", query.Plan is null ? null : "s.plan = @plan" }
                .Where(c => c is not null)
                .DefaultIfEmpty("1 = 1"));
        return query.Apply(await SubscriptionsAsync(where, cancellationToken, ("@account", query.AccountId), ("@status", query.Status?.ApiName), ("@plan", query.Plan)).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public Task<SubscriptionCharge?> FindChargeAsync(string chargeId, CancellationToken cancellationToken = default) =>
        FirstAsync("SELECT * FROM subscription_charges WHERE charge_id = @id", ReadCharge, cancellationToken, ("@id", chargeId));

    /// <inheritdoc/>
    public async Task<Page<SubscriptionCharge>> QueryChargesAsync(SubscriptionChargeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Apply(await AllAsync(
            query.SubscriptionId is null
                ? "SELECT * FROM subscription_charges WHERE account_id = @id"
                : "SELECT * FROM subscription_charges WHERE account_id = @id AND subscription_id = @subscription",
            ReadCharge, cancellationToken, ("@id", query.AccountId), ("@subscription", query.SubscriptionId)).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<Instant?> LastBillingRunAsync(CancellationToken cancellationToken = default) =>
        (await AllAsync("SELECT last_at FROM billing_runs WHERE id = 1", r => Instant(r, "last_at"), cancellationToken).ConfigureAwait(false)) is [var last] ? last : null;

    // A new head is inserted (a taken id is the database's unique violation); a stored one is updated only at the
    // version it was read at, and a head that moved on is a conflict naming the version it is at.
    private static void WriteAccount(SqlSession session, PrepaidAccount a, long readAt, CancellationToken cancellationToken)
    {
        // A head this commit already queued (an earlier change of the group) is replaced by this one, which must build on
        // it; the database still checks the version the first of them was read at.
        var key = "accounts/" + a.AccountId;
        if (session.TryGetQueued(key, out var tag) && tag is QueuedHead queued)
        {
            if (readAt != queued.Version)
            {
                throw new ConcurrencyConflictException("prepaid account", a.AccountId, readAt, queued.Version);
            }

            readAt = queued.FirstReadAt;
        }

        var next = new QueuedHead(readAt, a.Version);
        (string, object?)[] moving =   // what a head's changes move; its id, currency and opening never change
        [
            ("@name", a.Profile.Name), ("@type", a.Profile.Type.ToString()), ("@zone", a.Profile.Zone.Id),
            ("@limit", Amount(a.CreditLimit)), ("@balance", Amount(a.Balance)), ("@count", a.EntryCount), ("@recharged", Amount(a.Invoicing.Recharged)),
            ("@refunded", Amount(a.Invoicing.Refunded)), ("@held", Amount(a.Invoicing.Held)), ("@invoiced", Amount(a.Invoicing.Invoiced)),
            ("@closed", Time(a.ClosedThrough)), ("@version", a.Version), ("@grants", RelationalLedgerJson.Write(a.Grants)),
            ("@lowBalance", Amount(a.LowBalanceThreshold)), ("@autoTopUp", RelationalLedgerJson.WriteAutoTopUp(a.AutoTopUp)),
        ];
        if (readAt == 0)
        {
            session.DeferLatest(
                key,
                next,
                """
                INSERT INTO accounts (
                    account_id, currency, credit_limit, balance, entry_count, opened_at, recharged, refunded, held, invoiced, closed_through, version, name, account_type, time_zone,
                    grants, low_balance_threshold, auto_top_up)
                VALUES (@id, @currency, @limit, @balance, @count, @opened, @recharged, @refunded, @held, @invoiced, @closed, @version, @name, @type, @zone, @grants, @lowBalance,
                    @autoTopUp)
                """,
                null,
                [("@id", a.AccountId), ("@currency", a.Currency.Code), ("@opened", Time(a.OpenedAt)), .. moving]);
            return;
        }

        var expected = readAt;
        session.DeferLatest(
            key,
            next,
            """
            UPDATE accounts SET credit_limit = @limit, balance = @balance, entry_count = @count, recharged = @recharged, refunded = @refunded, held = @held,
                invoiced = @invoiced, closed_through = @closed, version = @version, name = @name, account_type = @type, time_zone = @zone, grants = @grants,
                low_balance_threshold = @lowBalance, auto_top_up = @autoTopUp
            WHERE account_id = @id AND version = @readAt
            """,
            async () => new ConcurrencyConflictException(
                "prepaid account", a.AccountId, expected,
                await session.ScalarAsync("SELECT version FROM accounts WHERE account_id = @id", cancellationToken, ("@id", a.AccountId)).ConfigureAwait(false) is { } stored
                    ? Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture)
                    : 0),
            [.. moving, ("@id", a.AccountId), ("@readAt", readAt)]);
    }

    // A ledger head queued in a commit: the version the first change of it was read at, and the version it will be at.
    private sealed record QueuedHead(long FirstReadAt, long Version);

    private static async Task WriteOrderAsync(SqlSession session, TopUpOrder o, CancellationToken cancellationToken)
    {
        await session.ExecAsync(
            cancellationToken,
            """
            DELETE FROM orders WHERE account_id = @account AND order_id = @id;
            DELETE FROM order_payments WHERE account_id = @account AND order_id = @id;
            DELETE FROM order_refunds WHERE account_id = @account AND order_id = @id;
            INSERT INTO orders (order_id, account_id, amount, amount_currency, payment_amount, payment_currency, payment_method, created_at, status,
                payment_reference, completed_at, credited_amount, status_reason, cancelled_by, version)
            VALUES (@id, @account, @amount, @amountCurrency, @payment, @paymentCurrency, @method, @created, @status, @reference, @completed, @credited, @reason, @cancelledBy,
                @version)
            """,
            ("@id", o.OrderId), ("@account", o.AccountId), ("@amount", Amount(o.Amount)), ("@amountCurrency", o.Amount.Currency.Code), ("@payment", Amount(o.PaymentAmount)),
            ("@paymentCurrency", o.PaymentAmount.Currency.Code), ("@method", o.PaymentMethod), ("@created", Time(o.CreatedAt)), ("@status", o.Status.ToString()),
            ("@reference", o.PaymentReference), ("@completed", Time(o.CompletedAt)), ("@credited", Amount(o.CreditedAmount)), ("@reason", o.StatusReason), ("@cancelledBy", o.CancelledBy),
            ("@version", o.Version)).ConfigureAwait(false);
        for (var i = 0; i < o.Payments.Count; i++)
        {
            var p = o.Payments[i];
            await session.ExecAsync(
                cancellationToken,
                "INSERT INTO order_payments VALUES (@id, @position, @reference, @amount, @currency, @paid, @received, @outcome, @resolution, @by, @at, @reason, @account)",
                ("@id", o.OrderId), ("@account", o.AccountId), ("@position", i + 1), ("@reference", p.Reference), ("@amount", Amount(p.Amount)), ("@currency", p.Amount.Currency.Code),
                ("@paid", Time(p.PaidAt)), ("@received", Time(p.ReceivedAt)), ("@outcome", p.Outcome.ToString()), ("@resolution", p.Resolution?.ToString()),
                ("@by", p.ResolvedBy), ("@at", Time(p.ResolvedAt)), ("@reason", p.ResolutionReason)).ConfigureAwait(false);
        }

        foreach (var r in o.Refunds)
        {
            await session.ExecAsync(
                cancellationToken,
                """
                INSERT INTO order_refunds VALUES (@id, @number, @credit, @creditCurrency, @payment, @paymentCurrency, @reference, @reason, @by, @at, @status,
                    @gateway, @settled, @decline, @account)
                """,
                ("@id", o.OrderId), ("@account", o.AccountId), ("@number", r.Number), ("@credit", Amount(r.Credit)), ("@creditCurrency", Code(r.Credit)), ("@payment", Amount(r.PaymentAmount)),
                ("@paymentCurrency", r.PaymentAmount.Currency.Code), ("@reference", r.PaymentReference), ("@reason", r.Reason), ("@by", r.RequestedBy),
                ("@at", Time(r.RequestedAt)), ("@status", r.Status.ToString()), ("@gateway", r.GatewayReference), ("@settled", Time(r.SettledAt)),
                ("@decline", r.DeclineReason)).ConfigureAwait(false);
        }
    }

    // The row, and the history from the first change the stored history lacks: a history only ever grows.
    private async Task WriteSubscriptionAsync(SqlSession session, Subscription s, CancellationToken cancellationToken)
    {
        await session.ExecAsync(
            cancellationToken,
            """
            INSERT INTO subscriptions (subscription_id, account_id, name, plan, pending_plan, billing_type, payment_model, ordered_at, ordered_by, status, resources,
                pending_resources, version, terms)
            VALUES (@id, @account, @name, @plan, @pending, @type, @model, @at, @by, @status, @resources, @pendingResources, @version, @terms)
            ON CONFLICT (account_id, subscription_id) DO UPDATE SET plan = @plan, pending_plan = @pending, status = @status, resources = @resources,
                pending_resources = @pendingResources, version = @version, terms = @terms
            """,
            ("@id", s.Id), ("@account", s.AccountId), ("@name", s.Name), ("@plan", s.Plan), ("@pending", s.PendingPlan), ("@type", s.BillingType.ToString()),
            ("@model", s.PaymentModel.ToString()), ("@at", Time(s.OrderedAt)), ("@by", s.OrderedBy), ("@status", s.Status.ApiName),
            ("@resources", JsonSerializer.Serialize(s.Resources)), ("@pendingResources", s.PendingResources is null ? null : JsonSerializer.Serialize(s.PendingResources)),
            ("@version", s.Version), ("@terms", JsonSerializer.Serialize(s.Terms, _json))).ConfigureAwait(false);
        var stored = Convert.ToInt64(
            await session.ScalarAsync(
                "SELECT COUNT(*) FROM subscription_history WHERE account_id = @account AND subscription_id = @id", cancellationToken, ("@account", s.AccountId), ("@id", s.Id)).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
        for (var i = (int)stored; i < s.History.Count; i++)
        {
            var change = s.History[i];
            await session.ExecAsync(
                cancellationToken,
                "INSERT INTO subscription_history VALUES (@id, @position, @from, @to, @trigger, @at, @actor, @reason, @account)",
                ("@id", s.Id), ("@account", s.AccountId), ("@position", i + 1), ("@from", change.From.ApiName), ("@to", change.To.ApiName), ("@trigger", change.Trigger.ToString()),
                ("@at", Time(change.At)), ("@actor", change.Actor), ("@reason", change.Reason)).ConfigureAwait(false);
        }
    }

    private static Task<int> WriteCorrectionAsync(SqlSession session, Correction c, CancellationToken cancellationToken) =>
        session.ExecAsync(
            cancellationToken,
            """
            DELETE FROM corrections WHERE account_id = @account AND correction_id = @id;
            INSERT INTO corrections (correction_id, account_id, amount, currency, description, requested_by, requested_at, corrects, status, decided_by, decided_at,
                rejection_reason, booked_at, version)
            VALUES (@id, @account, @amount, @currency, @description, @requestedBy, @requestedAt, @corrects, @status, @decidedBy, @decidedAt, @reason, @booked, @version)
            """,
            ("@id", c.CorrectionId), ("@account", c.AccountId), ("@amount", Amount(c.Amount)), ("@currency", c.Amount.Currency.Code), ("@description", c.Description),
            ("@requestedBy", c.RequestedBy), ("@requestedAt", Time(c.RequestedAt)), ("@corrects", c.Corrects), ("@status", c.Status.ToString()), ("@decidedBy", c.DecidedBy),
            ("@decidedAt", Time(c.DecidedAt)), ("@reason", c.RejectionReason), ("@booked", Time(c.BookedAt)), ("@version", c.Version));

    private static async Task WriteApplicationAsync(
        SqlSession session, InvoiceApplication a, Action<string>? afterStep, CancellationToken cancellationToken)
    {
        if (a.Number is not null && a.Series is not null)
        {
            if (await session.ScalarAsync(
                    "SELECT number FROM applications WHERE account_id = @account AND application_id = @id", cancellationToken, ("@account", a.AccountId), ("@id", a.ApplicationId)).ConfigureAwait(false) is not string)
            {
                // This commit issues the application: its sequence must follow the series' last one.
                await session.AdvanceSeriesAsync("application_series", a.Series, a.Sequence, cancellationToken).ConfigureAwait(false);
                afterStep?.Invoke("series");
            }
        }

        var h = a.Header;
        await session.ExecAsync(
            cancellationToken,
            """
            DELETE FROM applications WHERE account_id = @account AND application_id = @id;
            INSERT INTO applications VALUES (@id, @account, @headerId, @headerType, @title, @taxId, @address, @phone, @bank, @bankAccount, @isDefault,
                @headerVersion, @amount, @currency, @email, @remarks, @appliedAt, @resubmissionOf, @status, @approvedBy, @approvedAt, @rejectedBy, @rejectedAt,
                @rejectionReason, @resubmittedAs, @number, @series, @sequence, @issuedAt, @version, @officialNumber, @documentSha256)
            """,
            ("@id", a.ApplicationId), ("@account", a.AccountId), ("@headerId", h.HeaderId), ("@headerType", h.Details.Type.ToString()), ("@title", h.Details.Title),
            ("@taxId", h.Details.TaxId), ("@address", h.Details.Address), ("@phone", h.Details.Phone), ("@bank", h.Details.Bank), ("@bankAccount", h.Details.BankAccount),
            ("@isDefault", h.IsDefault ? 1 : 0), ("@headerVersion", h.Version), ("@amount", Amount(a.Amount)), ("@currency", a.Amount.Currency.Code), ("@email", a.Email),
            ("@remarks", a.Remarks), ("@appliedAt", Time(a.AppliedAt)), ("@resubmissionOf", a.ResubmissionOf), ("@status", a.Status.ToString()),
            ("@approvedBy", a.ApprovedBy), ("@approvedAt", Time(a.ApprovedAt)), ("@rejectedBy", a.RejectedBy), ("@rejectedAt", Time(a.RejectedAt)),
            ("@rejectionReason", a.RejectionReason), ("@resubmittedAs", a.ResubmittedAs), ("@number", a.Number), ("@series", a.Series), ("@sequence", a.Sequence),
            ("@issuedAt", Time(a.IssuedAt)), ("@version", a.Version), ("@officialNumber", a.OfficialNumber), ("@documentSha256", a.DocumentSha256)).ConfigureAwait(false);
    }

    private PrepaidAccount ReadAccount(DbDataReader r)
    {
        var currency = _currencies.FromCode(Required(r, "currency"));
        var zone = Required(r, "time_zone");
        var profile = new AccountProfile(
            Required(r, "name"), Enum<AccountType>(r, "account_type"),
            DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone)
                ?? throw new StorageSchemaException(Database.Dialect.Name, "accounts", $"it holds the time zone {zone}, which this machine's TZDB does not know."));
        return PrepaidAccount.Restore(
            Required(r, "account_id"), profile, currency, MoneyIn(r, "credit_limit", currency), MoneyIn(r, "balance", currency), Long(r, "entry_count"), Instant(r, "opened_at"),
            new InvoicingTotals(MoneyIn(r, "recharged", currency), MoneyIn(r, "refunded", currency), MoneyIn(r, "held", currency), MoneyIn(r, "invoiced", currency)),
            RelationalLedgerJson.Read(Required(r, "grants"), currency), OptionalInstant(r, "closed_through"),
            r.IsDBNull(r.GetOrdinal("low_balance_threshold")) ? null : MoneyIn(r, "low_balance_threshold", currency),
            RelationalLedgerJson.ReadAutoTopUp(Text(r, "auto_top_up"), currency, _currencies), Long(r, "version"));
    }

    private LedgerEntry ReadEntry(DbDataReader r)
    {
        var amount = Money(r, "amount", "currency", _currencies);
        return new(
            Required(r, "account_id"), Long(r, "sequence"), Enum<LedgerEntryKind>(r, "kind"), amount, Required(r, "idempotency_key"), Instant(r, "recorded_at"),
            Required(r, "reference"), Required(r, "description"))
        {
            OpensGrant = RelationalLedgerJson.ReadOpened(Text(r, "opens_grant")),
            GrantMovements = RelationalLedgerJson.ReadMovements(Text(r, "grant_movements"), amount.Currency),
        };
    }

    // An order row without its payments and refunds, which OrdersAsync reads beside it.
    private TopUpOrder ReadOrder(DbDataReader r) =>
        TopUpOrder.Restore(
            Required(r, "order_id"), Required(r, "account_id"), Money(r, "amount", "amount_currency", _currencies), Money(r, "payment_amount", "payment_currency", _currencies),
            Required(r, "payment_method"), Instant(r, "created_at"), Enum<TopUpStatus>(r, "status"), Text(r, "payment_reference"),
            OptionalInstant(r, "completed_at"), OptionalMoney(r, "credited_amount", "amount_currency", _currencies), Text(r, "status_reason"), Text(r, "cancelled_by"), [], [],
            Long(r, "version"));

    private (string OrderId, TopUpPayment Payment) ReadPayment(DbDataReader r) =>
        (Required(r, "order_id"), new TopUpPayment(
            Required(r, "reference"), Money(r, "amount", "currency", _currencies), Instant(r, "paid_at"), Instant(r, "received_at"), Enum<TopUpPaymentOutcome>(r, "outcome"),
            Text(r, "resolution") is { } resolution ? System.Enum.Parse<TopUpPaymentResolution>(resolution) : null, Text(r, "resolved_by"), OptionalInstant(r, "resolved_at"),
            Text(r, "resolution_reason")));

    private TopUpRefund ReadRefund(DbDataReader r) =>
        new(
            Required(r, "order_id"), (int)Long(r, "number"), OptionalMoney(r, "credit", "credit_currency", _currencies), Money(r, "payment_amount", "payment_currency", _currencies),
            Required(r, "payment_reference"), Required(r, "reason"), Required(r, "requested_by"), Instant(r, "requested_at"), Enum<TopUpRefundStatus>(r, "status"),
            Text(r, "gateway_reference"), OptionalInstant(r, "settled_at"), Text(r, "decline_reason"));

    // Reads orders with their payments and refunds: the rows chosen by a WHERE on the orders table (aliased o).
    private async Task<List<TopUpOrder>> OrdersAsync(string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var orders = await AllAsync($"SELECT o.* FROM orders o WHERE {where}", ReadOrder, cancellationToken, parameters).ConfigureAwait(false);
        if (orders.Count == 0)
        {
            return orders;
        }

        var payments = (await AllAsync(
            $"SELECT p.* FROM order_payments p JOIN orders o ON o.account_id = p.account_id AND o.order_id = p.order_id WHERE {where} ORDER BY p.order_id, p.position", ReadPayment, cancellationToken, parameters)
            .ConfigureAwait(false)).ToLookup(p => p.OrderId, p => p.Payment, StringComparer.Ordinal);
        var refunds = (await AllAsync(
            $"SELECT f.* FROM order_refunds f JOIN orders o ON o.account_id = f.account_id AND o.order_id = f.order_id WHERE {where} ORDER BY f.order_id, f.number", ReadRefund, cancellationToken, parameters)
            .ConfigureAwait(false)).ToLookup(r => r.OrderId, StringComparer.Ordinal);
        return [.. orders.Select(o => TopUpOrder.Restore(
            o.OrderId, o.AccountId, o.Amount, o.PaymentAmount, o.PaymentMethod, o.CreatedAt, o.Status, o.PaymentReference, o.CompletedAt, o.CreditedAmount, o.StatusReason, o.CancelledBy,
            [.. payments[o.OrderId]], [.. refunds[o.OrderId]], o.Version))];
    }

    private ConsumptionRecord ReadConsumption(DbDataReader r) =>
        new(
            new UsageRecord(
                Required(r, "request_id"), Required(r, "account_id"), Required(r, "token_name"), Required(r, "model"), Long(r, "input_tokens"), Long(r, "output_tokens"),
                Instant(r, "occurred_at"), Long(r, "cached_input_tokens"))
            {
                ReasoningTokens = Long(r, "reasoning_tokens"), ImageTokens = Long(r, "image_tokens"), AudioTokens = Long(r, "audio_tokens"),
            },
            Money(r, "cost", "currency", _currencies),
            Required(r, "price_version")) { BookedAt = OptionalInstant(r, "booked_at") };

    private Correction ReadCorrection(DbDataReader r) =>
        Correction.Restore(
            Required(r, "correction_id"), Required(r, "account_id"), Money(r, "amount", "currency", _currencies), Required(r, "description"), Required(r, "requested_by"),
            Instant(r, "requested_at"), Text(r, "corrects"), Enum<CorrectionStatus>(r, "status"), Text(r, "decided_by"), OptionalInstant(r, "decided_at"),
            Text(r, "rejection_reason"), OptionalInstant(r, "booked_at"), Long(r, "version"));

    private InvoiceApplication ReadApplication(DbDataReader r)
    {
        var details = new InvoiceHeaderDetails(
            Enum<InvoiceHeaderType>(r, "header_type"), Required(r, "header_title"), Text(r, "header_tax_id"), Text(r, "header_address"), Text(r, "header_phone"),
            Text(r, "header_bank"), Text(r, "header_bank_account"));
        var header = InvoiceHeader.Restore(Required(r, "header_id"), Required(r, "account_id"), details, Long(r, "header_is_default") != 0, Long(r, "header_version"));
        return InvoiceApplication.Restore(
            Required(r, "application_id"), Required(r, "account_id"), header, Money(r, "amount", "currency", _currencies), Required(r, "email"), Text(r, "remarks"),
            Instant(r, "applied_at"), Text(r, "resubmission_of"), Enum<InvoiceApplicationStatus>(r, "status"),
            Text(r, "approved_by"), OptionalInstant(r, "approved_at"),
            Text(r, "rejected_by"), OptionalInstant(r, "rejected_at"), Text(r, "rejection_reason"),
            Text(r, "resubmitted_as"),
            Text(r, "number"), Text(r, "series"), OptionalLong(r, "sequence"), OptionalInstant(r, "issued_at"),
            Text(r, "official_number"), Text(r, "document_sha256"), Long(r, "version"));
    }

    private async Task<List<Subscription>> SubscriptionsAsync(string where, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var history = (await AllAsync(
            $"SELECT h.* FROM subscription_history h JOIN subscriptions s ON s.account_id = h.account_id AND s.subscription_id = h.subscription_id WHERE {where} ORDER BY h.subscription_id, h.position",
            r => (Id: Required(r, "subscription_id"), Change: new SubscriptionStatusChange(
                SubscriptionStatus.Parse(Required(r, "from_status")), SubscriptionStatus.Parse(Required(r, "to_status")), Enum<SubscriptionTrigger>(r, "trigger"),
                Instant(r, "at"), Required(r, "actor"), Text(r, "reason"))),
            cancellationToken,
            parameters).ConfigureAwait(false)).ToLookup(h => h.Id, h => h.Change, StringComparer.Ordinal);
        return await AllAsync(
            $"SELECT s.* FROM subscriptions s WHERE {where}",
            r => Subscription.Restore(
                Required(r, "subscription_id"), Required(r, "account_id"), Required(r, "name"), Required(r, "plan"), Text(r, "pending_plan"), Enum<BillingType>(r, "billing_type"),
                Enum<PaymentModel>(r, "payment_model"), Instant(r, "ordered_at"), Required(r, "ordered_by"), [.. history[Required(r, "subscription_id")]], Long(r, "version"),
                Quantities(Required(r, "resources")), Text(r, "pending_resources") is { } pending ? Quantities(pending) : null,
                Text(r, "terms") is { } terms ? JsonSerializer.Deserialize<List<SubscriptionTerms>>(terms, _json) : null),
            cancellationToken,
            parameters).ConfigureAwait(false);
    }

    private static Dictionary<string, decimal> Quantities(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(json) ?? throw new InvalidOperationException("A subscription's resources hold null.");

    private SubscriptionCharge ReadCharge(DbDataReader r) =>
        new SubscriptionCharge(
            Required(r, "charge_id"), Required(r, "account_id"), Required(r, "subscription_id"), Required(r, "plan"), (int)Long(r, "plan_version"),
            Required(r, "charge_name"), Period(r, "period_start", "period_end"),
            JsonSerializer.Deserialize<ChargeLine>(Required(r, "line"), _json) ?? throw new InvalidOperationException("Column line holds null."),
            Enum<SubscriptionChargeStatus>(r, "status"), Instant(r, "made_at"), OptionalInstant(r, "closed_at"), Long(r, "version"), Text(r, "credits")).OnInvoice(Text(r, "invoice_id"));

    private Task<List<ConsumptionRecord>> ConsumptionInAsync(string accountId, InstantRange occurred, CancellationToken cancellationToken) =>
        AllAsync(
            "SELECT * FROM consumption WHERE account_id = @id AND occurred_at >= @from AND occurred_at < @to", ReadConsumption, cancellationToken,
            ("@id", accountId), ("@from", From(occurred)), ("@to", To(occurred)));

    private async Task<T?> FirstAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters)
        where T : class =>
        (await AllAsync(sql, read, cancellationToken, parameters).ConfigureAwait(false)).FirstOrDefault();

    private Task<List<T>> AllAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        Database.QueryAsync(sql, read, cancellationToken, parameters);
}
