using Billing.Domain.Charging;
using Billing.Domain.Events;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>
/// The postpaid invoice's life: a draft the host edits, finalized into an open invoice that takes its number in the
/// same commit, then paid, voided (keeping its number) or written off.
/// </summary>
/// <remarks>
/// Given the store of the account's subscriptions, a new draft takes the open charges and credits the billing run
/// made for the account's postpaid subscriptions from days before the period's end: each is closed onto the draft
/// (<see cref="SubscriptionCharge.InvoiceId"/>) and becomes one of its first lines, with its subscription in the
/// Subscriptions table; charges made later go onto the next draft. <see cref="EditAsync"/> keeps them first and
/// replaces the host's lines after them. An unpaid invoice's expired payment blocks its subscriptions
/// (<see cref="ExpirePaymentAsync"/>); its payment activates them again.
/// </remarks>
public sealed class PostpaidInvoicing
{
    private readonly IInvoiceStore _invoices;
    private readonly ChargeEngine _engine;
    private readonly InvoiceNumbering _numbering;
    private readonly IClock _clock;
    private readonly CommandRunner _runner;
    private readonly IPrepaidStore? _subscriptions;

    /// <summary>Initializes the service.</summary>
    /// <param name="invoices">The invoice store.</param>
    /// <param name="engine">The charge engine pricing the lines.</param>
    /// <param name="numbering">How invoices take their numbers.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <param name="subscriptions">The store of the accounts' subscriptions and the billing run's charges, whose postpaid charges become lines of the drafts; none when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public PostpaidInvoicing(
        IInvoiceStore invoices, ChargeEngine engine, InvoiceNumbering numbering, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null, IPrepaidStore? subscriptions = null)
    {
        _subscriptions = subscriptions;
        _invoices = Preconditions.CheckNotNull(invoices);
        _engine = Preconditions.CheckNotNull(engine);
        _numbering = Preconditions.CheckNotNull(numbering);
        _clock = Preconditions.CheckNotNull(clock);
        _runner = new CommandRunner(retry, logger);
    }

    /// <summary>Starts a draft; starting it again with the same account, period and currency returns it.</summary>
    /// <param name="invoiceId">The invoice's id, chosen by the host.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="accountName">The account's name.</param>
    /// <param name="period">The billing period covered.</param>
    /// <param name="currency">The currency.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The draft.</returns>
    /// <exception cref="IdempotencyKeyReusedException">The id is taken by a different invoice.</exception>
    public Task<Invoice> CreateDraftAsync(string invoiceId, string accountId, string accountName, BillingPeriod period, Currency currency, CancellationToken cancellationToken = default)
    {
        var draft = Invoice.Draft(invoiceId, accountId, accountName, period, currency, _clock.GetCurrentInstant());
        return _runner.RunAsync("postpaid.create_draft", async () =>
        {
            if (await _invoices.FindInvoiceAsync(invoiceId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.AccountId == accountId && existing.AccountName == draft.AccountName && existing.Period == period && existing.Currency == currency
                    && existing.PaymentModel == draft.PaymentModel
                    ? existing
                    : throw new IdempotencyKeyReusedException("invoice", invoiceId);
            }

            await LinkChargesAsync(draft, cancellationToken).ConfigureAwait(false);
            var (lines, rows) = await LinkedAsync(draft, cancellationToken).ConfigureAwait(false);
            var filled = lines.Count == 0 ? draft : draft.Edit(ChargeDocument.Of(currency, lines), rows, []);
            return await _invoices.CommitAsync(filled, takesNumber: false, InvoiceClosed.Of(null, filled), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Replaces a draft's charges (priced by the engine), subscriptions and corrections; the subscription charges closed onto it stay its first lines and rows.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The draft.</param>
    /// <param name="charges">The charges' specs, in order; empty for none.</param>
    /// <param name="subscriptions">The Subscriptions table.</param>
    /// <param name="corrections">The Corrections table, numbered from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The edited draft.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="InvoiceNotEditableException">It is no longer a draft; it stays as it was.</exception>
    public async Task<Invoice> EditAsync(
        string accountId, string invoiceId, IReadOnlyList<ChargeSpec> charges, IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections,
        CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(charges);
        Preconditions.CheckNotNull(subscriptions);
        var priced = charges.Count == 0 ? [] : _engine.CalculateDocument(charges).Lines;
        var draft = await FindAsync(accountId, invoiceId, cancellationToken).ConfigureAwait(false);
        var (lines, rows) = await LinkedAsync(draft, cancellationToken).ConfigureAwait(false);
        List<ChargeLine> all = [.. lines, .. priced];
        return await Change(
            accountId, invoiceId, invoice => invoice.Edit(all.Count == 0 ? null : ChargeDocument.Of(invoice.Currency, all), [.. rows, .. subscriptions], corrections), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Records that an open invoice's payment expired (the host's payment terms passed unpaid): each postpaid subscription with charges on it goes Blocked.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The open invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids of the subscriptions blocked now; those already blocked, or in a status that ignores it, are left as they are.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="InvalidOperationException">The service has no subscription store, or the invoice is not Open; nothing is written.</exception>
    public async Task<IReadOnlyList<string>> ExpirePaymentAsync(string accountId, string invoiceId, CancellationToken cancellationToken = default)
    {
        var invoice = await FindAsync(accountId, invoiceId, cancellationToken).ConfigureAwait(false);
        if (_subscriptions is null || invoice.Status != InvoiceStatus.Open)
        {
            throw new InvalidOperationException($"Invoice {invoiceId} is {invoice.Status}, or the service has no subscription store: only an open invoice's payment expires.");
        }

        return await MoveSubscriptionsAsync(invoice, SubscriptionTrigger.PaymentExpired, (s, at) => s.ExpirePayment(at, "postpaid-invoicing", $"invoice {invoiceId} unpaid"), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Finalizes a draft: Open, numbered from its series in the same commit; finalizing it again, or once it is settled, returns it.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The draft.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open, numbered invoice.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is past Open (code <c>invoice.transition_refused</c>).</exception>
    public Task<Invoice> FinalizeAsync(string accountId, string invoiceId, CancellationToken cancellationToken = default) =>
        _runner.RunAsync("postpaid.finalize", async () =>
        {
            var invoice = await FindAsync(accountId, invoiceId, cancellationToken).ConfigureAwait(false);
            return invoice.Status != InvoiceStatus.Draft && invoice.Number is not null
                ? invoice
                : await _numbering.CommitNumberedAsync(_invoices, invoice.Finalize(_clock.GetCurrentInstant()), invoice.Status, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Records the payment of an open or uncollectible invoice; recording it again returns it.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The paid invoice.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is a draft, void or closed.</exception>
    public async Task<Invoice> MarkPaidAsync(string accountId, string invoiceId, CancellationToken cancellationToken = default)
    {
        var paid = await Settle(accountId, invoiceId, InvoiceStatus.Paid, invoice => invoice.MarkPaid(_clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
        await MoveSubscriptionsAsync(paid, SubscriptionTrigger.PaymentReceived, (s, at) => s.ReceivePayment(at, "postpaid-invoicing", $"invoice {invoiceId} paid"), cancellationToken)
            .ConfigureAwait(false);
        return paid;
    }

    /// <summary>Voids an open or uncollectible invoice, which keeps its number; voiding it again returns it.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The void invoice.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is a draft, paid or closed.</exception>
    public Task<Invoice> VoidAsync(string accountId, string invoiceId, string reason, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckText(reason);
        return Settle(accountId, invoiceId, InvoiceStatus.Void, invoice => invoice.Void(reason, _clock.GetCurrentInstant()), cancellationToken);
    }

    /// <summary>Writes an open invoice off as uncollectible; doing it again returns it.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The uncollectible invoice.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is not open.</exception>
    public Task<Invoice> MarkUncollectibleAsync(string accountId, string invoiceId, CancellationToken cancellationToken = default) =>
        Settle(accountId, invoiceId, InvoiceStatus.Uncollectible, invoice => invoice.MarkUncollectible(_clock.GetCurrentInstant()), cancellationToken);

    private Task<Invoice> Settle(string accountId, string invoiceId, InvoiceStatus target, Func<Invoice, Invoice> move, CancellationToken cancellationToken) =>
        Change(accountId, invoiceId, invoice => invoice.Status == target ? invoice : move(invoice), cancellationToken);

    private Task<Invoice> Change(string accountId, string invoiceId, Func<Invoice, Invoice> change, CancellationToken cancellationToken) =>
        _runner.RunAsync("postpaid.change", async () =>
        {
            var invoice = await FindAsync(accountId, invoiceId, cancellationToken).ConfigureAwait(false);
            var changed = change(invoice);
            return changed == invoice ? invoice : await _invoices.CommitAsync(changed, takesNumber: false, InvoiceClosed.Of(invoice.Status, changed), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    // Closes the account's open postpaid charges from days before the draft's period end onto the draft, in one commit.
    private async Task LinkChargesAsync(Invoice draft, CancellationToken cancellationToken)
    {
        if (_subscriptions is null)
        {
            return;
        }

        var open = await Pages.AllAsync(page => _subscriptions.QueryChargesAsync(
            new SubscriptionChargeQuery(draft.AccountId) { Status = SubscriptionChargeStatus.Open, Page = page }, cancellationToken)).ConfigureAwait(false);
        var models = new Dictionary<string, PaymentModel>(StringComparer.Ordinal);
        var linked = new List<SubscriptionCharge>();
        foreach (var charge in open.Where(c => c.Period.Start < draft.Period.End))
        {
            if (!models.TryGetValue(charge.SubscriptionId, out var model))
            {
                var subscription = await _subscriptions.FindSubscriptionAsync(charge.SubscriptionId, cancellationToken).ConfigureAwait(false);
                models[charge.SubscriptionId] = model = subscription?.PaymentModel ?? PaymentModel.Prepaid;
            }

            if (model == PaymentModel.Postpaid)
            {
                linked.Add(charge.CloseOnto(draft.InvoiceId, Max(charge.MadeAt, draft.CreatedAt)));
            }
        }

        if (linked.Count > 0)
        {
            await _subscriptions.CommitAsync(new PrepaidChange(charges: linked), cancellationToken).ConfigureAwait(false);
        }
    }

    // The lines of the charges closed onto the invoice, oldest period first, and their subscriptions with their live status.
    private async Task<(List<ChargeLine> Lines, List<InvoiceSubscription> Rows)> LinkedAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        if (_subscriptions is null)
        {
            return ([], []);
        }

        var charges = (await Pages.AllAsync(page => _subscriptions.QueryChargesAsync(
            new SubscriptionChargeQuery(invoice.AccountId) { Status = SubscriptionChargeStatus.Closed, Page = page }, cancellationToken)).ConfigureAwait(false))
            .Where(c => c.InvoiceId == invoice.InvoiceId).ToList();
        var rows = new List<InvoiceSubscription>();
        foreach (var id in charges.Select(c => c.SubscriptionId).Distinct(StringComparer.Ordinal))
        {
            var subscription = await _subscriptions.FindSubscriptionAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("subscription", id);
            rows.Add(new InvoiceSubscription(subscription.Id, subscription.Name, subscription.Status));
        }

        return ([.. charges.Select(c => c.Line)], rows);
    }

    // Fires a payment trigger on each subscription with charges on the invoice that its status does not refuse or ignore.
    private async Task<IReadOnlyList<string>> MoveSubscriptionsAsync(
        Invoice invoice, SubscriptionTrigger trigger, Func<Subscription, Instant, SubscriptionStatusChange?> move, CancellationToken cancellationToken)
    {
        if (_subscriptions is null)
        {
            return [];
        }

        var moved = new List<string>();
        foreach (var row in (await LinkedAsync(invoice, cancellationToken).ConfigureAwait(false)).Rows)
        {
            var changed = await _runner.RunAsync("postpaid.move_subscriptions", async () =>
            {
                var subscription = (await _subscriptions.FindSubscriptionAsync(row.Id, cancellationToken).ConfigureAwait(false))!;
                var at = Max(_clock.GetCurrentInstant(), subscription.History.Count == 0 ? Instant.MinValue : subscription.History[^1].At);
                if (!subscription.CanFire(trigger) || move(subscription, at) is null)
                {
                    return false;
                }

                await _subscriptions.CommitAsync(new PrepaidChange(subscription: subscription), cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (changed)
            {
                moved.Add(row.Id);
            }
        }

        return moved;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    // An invoice of another account is not found: an account never reaches another's objects.
    private async Task<Invoice> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken)
    {
        Preconditions.CheckId(accountId);
        return await _invoices.FindInvoiceAsync(invoiceId, cancellationToken).ConfigureAwait(false) is { } invoice && invoice.AccountId == accountId
            ? invoice
            : throw new NotFoundException("invoice", invoiceId);
    }
}
