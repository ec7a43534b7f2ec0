using Billing.Domain.Corrections;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Ledger;
using Billing.Domain.Rating;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Prepaid;

/// <summary>
/// Everything one prepaid command writes, committed all at once or not at all by
/// <see cref="IPrepaidStore.CommitAsync"/>: for example a completed order with its ledger credit, or a ledger
/// debit with its consumption record, or an invoice application with the account's invoicing totals.
/// </summary>
/// <remarks>
/// Each aggregate carries the <c>Version</c> it was read at (0 for a new one); the store refuses the whole change
/// with <see cref="Storage.ConcurrencyConflictException"/> when a stored version differs, when the entry's
/// idempotency key or the consumption's request id is already stored for the account, and stores each aggregate
/// as <see cref="Saved"/> returns it.
/// </remarks>
public sealed record PrepaidChange
{
    /// <summary>Initializes a change.</summary>
    /// <param name="account">The ledger head to write, or null.</param>
    /// <param name="entry">The entry to append, or null; needs <paramref name="account"/>, whose new head it is.</param>
    /// <param name="order">The top-up order to write, or null.</param>
    /// <param name="correction">The correction to write, or null.</param>
    /// <param name="consumption">The consumption record to add, or null; needs <paramref name="entry"/>, its debit.</param>
    /// <param name="applications">The invoice applications to write (an application, or a rejected one and its resubmission); they need <paramref name="account"/>, whose invoicing totals they move.</param>
    /// <param name="subscription">The subscription to write, or null.</param>
    /// <param name="charges">The subscription charges to write (made or closed).</param>
    /// <param name="billingRunAt">The instant a billing run bills up to, to record as the last run's; the store refuses one before the last.</param>
    /// <param name="document">The document an application of the change is issued with, or null; stored once, never replaced.</param>
    /// <param name="events">The events the change causes, written to the outbox in the same commit (<see cref="Events.IOutboxStore"/>).</param>
    /// <exception cref="ArgumentException">The change is empty, an entry comes without its head, a consumption without its debit, they are for different accounts, or a document comes without its application.</exception>
    public PrepaidChange(
        PrepaidAccount? account = null, LedgerEntry? entry = null, TopUpOrder? order = null, Correction? correction = null, ConsumptionRecord? consumption = null,
        IReadOnlyList<InvoiceApplication>? applications = null, Subscription? subscription = null, IReadOnlyList<SubscriptionCharge>? charges = null,
        Instant? billingRunAt = null, IssuedDocument? document = null, IReadOnlyList<Events.BillingEvent>? events = null)
    {
        charges ??= [];
        if (charges.Count > 0)   // most changes (every call's debit) carry none: no checks, no copies
        {
            Preconditions.CheckArgument(charges.All(c => c is not null), nameof(charges), "A change's charges are not null.");
            Preconditions.CheckArgument(charges.Select(c => c.ChargeId).Distinct(StringComparer.Ordinal).Count() == charges.Count, nameof(charges), "A change writes each charge once.");
        }

        applications ??= [];
        Preconditions.CheckArgument(
            applications.Count == 0 || applications.All(a => a is not null && account is not null && a.AccountId == account.AccountId),
            nameof(applications),
            "Invoice applications are written with the account whose invoicing totals they move.");
        Preconditions.CheckArgument(
            account is not null || order is not null || correction is not null || subscription is not null || charges.Count > 0 || billingRunAt is not null,
            nameof(account),
            "A change writes something.");
        Preconditions.CheckArgument(
            entry is null || (account is not null && entry.AccountId == account.AccountId && entry.Sequence == account.EntryCount),
            nameof(entry),
            "An entry is written with the ledger head it advanced.");
        Preconditions.CheckArgument(
            consumption is null || (entry is not null && consumption.AccountId == entry.AccountId && entry.Kind == LedgerEntryKind.ConsumptionDebit),
            nameof(consumption),
            "A consumption record is written with its ledger debit.");
        Preconditions.CheckArgument(
            document is null || applications.Any(a => a.ApplicationId == document.ApplicationId && a.DocumentSha256 == document.Sha256),
            nameof(document),
            "A document is written with the application it is issued with, which carries its hash.");
        events ??= [];
        Preconditions.CheckArgument(events.All(e => e is not null), nameof(events), "A change's events are not null.");
        Account = account;
        Entry = entry;
        Order = order;
        Correction = correction;
        Consumption = consumption;
        Applications = applications.Count == 0 ? [] : [.. applications];
        Subscription = subscription;
        Charges = charges.Count == 0 ? [] : [.. charges];
        BillingRunAt = billingRunAt;
        Document = document;
        Events = events.Count == 0 ? [] : [.. events];
    }

    /// <summary>Gets the ledger head to write.</summary>
    public PrepaidAccount? Account { get; }

    /// <summary>Gets the entry to append.</summary>
    public LedgerEntry? Entry { get; }

    /// <summary>Gets the top-up order to write.</summary>
    public TopUpOrder? Order { get; }

    /// <summary>Gets the correction to write.</summary>
    public Correction? Correction { get; }

    /// <summary>Gets the consumption record to add.</summary>
    public ConsumptionRecord? Consumption { get; }

    /// <summary>Gets the invoice applications to write; one that carries a number its stored version lacks takes that number from its series.</summary>
    public IReadOnlyList<InvoiceApplication> Applications { get; }

    /// <summary>Gets the subscription to write: its status and whole history.</summary>
    public Subscription? Subscription { get; }

    /// <summary>Gets the subscription charges to write; a new one (version 0) whose id is stored is refused.</summary>
    public IReadOnlyList<SubscriptionCharge> Charges { get; }

    /// <summary>Gets the instant a billing run bills up to, recorded as the last run's; a store refuses an instant before the one it holds with <see cref="Storage.ConcurrencyConflictException"/>.</summary>
    public Instant? BillingRunAt { get; }

    /// <summary>Gets the document an application of the change is issued with; a store refuses a second document for one application with <see cref="Storage.ConcurrencyConflictException"/>.</summary>
    public IssuedDocument? Document { get; }

    /// <summary>Gets the events the change causes: the store writes them to its outbox in the same commit, numbered in order.</summary>
    public IReadOnlyList<Events.BillingEvent> Events { get; }

    /// <summary>Returns the change with more events (what a service derives from it before committing).</summary>
    internal PrepaidChange WithEvents(IReadOnlyList<Events.BillingEvent> more) =>
        more.Count == 0 ? this : new(Account, Entry, Order, Correction, Consumption, Applications, Subscription, Charges, BillingRunAt, Document, [.. Events, .. more]);

    /// <summary>Returns the change as stored: every aggregate's version advanced by one.</summary>
    /// <returns>The saved change.</returns>
    public PrepaidChange Saved() => new(
        Account is null ? null : Account with { Version = Account.Version + 1 },
        Entry,
        Order is null ? null : Order with { Version = Order.Version + 1 },
        Correction is null ? null : Correction with { Version = Correction.Version + 1 },
        Consumption,
        [.. Applications.Select(a => a with { Version = a.Version + 1 })],
        Subscription?.Saved(),
        [.. Charges.Select(c => c with { Version = c.Version + 1 })],
        BillingRunAt,
        Document,
        Events);
}
