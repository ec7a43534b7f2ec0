using Billing.Domain.Charging;
using Billing.Domain.Periods;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>
/// The postpaid invoice's life: a draft the host edits, finalized into an open invoice that takes its number in the
/// same commit, then paid, voided (keeping its number) or written off.
/// </summary>
public sealed class PostpaidInvoicing
{
    private readonly IInvoiceStore _invoices;
    private readonly ChargeEngine _engine;
    private readonly InvoiceNumbering _numbering;
    private readonly IClock _clock;
    private readonly int _attempts;

    /// <summary>Initializes the service.</summary>
    /// <param name="invoices">The invoice store.</param>
    /// <param name="engine">The charge engine pricing the lines.</param>
    /// <param name="numbering">How invoices take their numbers.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="attempts">How many times a command is tried when it loses a race; 1 or more.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public PostpaidInvoicing(IInvoiceStore invoices, ChargeEngine engine, InvoiceNumbering numbering, IClock clock, int attempts = ConflictRetry.DefaultAttempts)
    {
        _invoices = Preconditions.CheckNotNull(invoices);
        _engine = Preconditions.CheckNotNull(engine);
        _numbering = Preconditions.CheckNotNull(numbering);
        _clock = Preconditions.CheckNotNull(clock);
        _attempts = Preconditions.CheckRange(attempts, 1, int.MaxValue);
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
        return ConflictRetry.RunAsync(_attempts, async () =>
        {
            if (await _invoices.FindInvoiceAsync(invoiceId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing.AccountId == accountId && existing.AccountName == draft.AccountName && existing.Period == period && existing.Currency == currency
                    && existing.PaymentModel == draft.PaymentModel
                    ? existing
                    : throw new IdempotencyKeyReusedException("invoice", invoiceId);
            }

            return await _invoices.CommitAsync(draft, takesNumber: false, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Replaces a draft's charges (priced by the engine), subscriptions and corrections.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The draft.</param>
    /// <param name="charges">The charges' specs, in order; empty for none.</param>
    /// <param name="subscriptions">The Subscriptions table.</param>
    /// <param name="corrections">The Corrections table, numbered from 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The edited draft.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="InvoiceNotEditableException">It is no longer a draft; it stays as it was.</exception>
    public Task<Invoice> EditAsync(
        string accountId, string invoiceId, IReadOnlyList<ChargeSpec> charges, IReadOnlyList<InvoiceSubscription> subscriptions, IReadOnlyList<InvoiceCorrection> corrections,
        CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(charges);
        var document = charges.Count == 0 ? null : _engine.CalculateDocument(charges);
        return Change(accountId, invoiceId, invoice => invoice.Edit(document, subscriptions, corrections), cancellationToken);
    }

    /// <summary>Finalizes a draft: Open, numbered from its series in the same commit; finalizing it again, or once it is settled, returns it.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The draft.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open, numbered invoice.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is past Open (code <c>invoice.transition_refused</c>).</exception>
    public Task<Invoice> FinalizeAsync(string accountId, string invoiceId, CancellationToken cancellationToken = default) =>
        ConflictRetry.RunAsync(_attempts, async () =>
        {
            var invoice = await FindAsync(accountId, invoiceId, cancellationToken).ConfigureAwait(false);
            return invoice.Status != InvoiceStatus.Draft && invoice.Number is not null
                ? invoice
                : await _numbering.CommitNumberedAsync(_invoices, invoice.Finalize(_clock.GetCurrentInstant()), cancellationToken).ConfigureAwait(false);
        });

    /// <summary>Records the payment of an open or uncollectible invoice; recording it again returns it.</summary>
    /// <param name="accountId">The account the invoice belongs to.</param>
    /// <param name="invoiceId">The invoice.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The paid invoice.</returns>
    /// <exception cref="NotFoundException">No such invoice in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is a draft, void or closed.</exception>
    public Task<Invoice> MarkPaidAsync(string accountId, string invoiceId, CancellationToken cancellationToken = default) =>
        Settle(accountId, invoiceId, InvoiceStatus.Paid, invoice => invoice.MarkPaid(_clock.GetCurrentInstant()), cancellationToken);

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
        ConflictRetry.RunAsync(_attempts, async () =>
        {
            var invoice = await FindAsync(accountId, invoiceId, cancellationToken).ConfigureAwait(false);
            var changed = change(invoice);
            return changed == invoice ? invoice : await _invoices.CommitAsync(changed, takesNumber: false, cancellationToken).ConfigureAwait(false);
        });

    // An invoice of another account is not found: an account never reaches another's objects.
    private async Task<Invoice> FindAsync(string accountId, string invoiceId, CancellationToken cancellationToken)
    {
        Preconditions.CheckId(accountId);
        return await _invoices.FindInvoiceAsync(invoiceId, cancellationToken).ConfigureAwait(false) is { } invoice && invoice.AccountId == accountId
            ? invoice
            : throw new NotFoundException("invoice", invoiceId);
    }
}
