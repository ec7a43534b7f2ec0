using System.Globalization;
using System.Text.Json.Serialization;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.Events;

/// <summary>
/// Something that happened to an account that a host may act on (mail the customer, top the balance up, post to the
/// ERP). Written in the same commit as the change that caused it (<see cref="Prepaid.PrepaidChange.Events"/>), so it
/// is never lost nor told of a change that did not happen, and delivered at least once, in order per account, by
/// <see cref="BillingEventDispatcher"/>.
/// </summary>
/// <remarks>
/// A consumer may see an event twice (after a crash between delivery and its mark): it deduplicates by
/// <see cref="EventId"/>, which names the change that caused it.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TopUpCompleted), TopUpCompleted.TypeName)]
[JsonDerivedType(typeof(TopUpAbnormal), TopUpAbnormal.TypeName)]
[JsonDerivedType(typeof(PaymentUnexpected), PaymentUnexpected.TypeName)]
[JsonDerivedType(typeof(CallRecorded), CallRecorded.TypeName)]
[JsonDerivedType(typeof(CorrectionApproved), CorrectionApproved.TypeName)]
[JsonDerivedType(typeof(ApplicationApproved), ApplicationApproved.TypeName)]
[JsonDerivedType(typeof(ApplicationIssued), ApplicationIssued.TypeName)]
[JsonDerivedType(typeof(ApplicationRejected), ApplicationRejected.TypeName)]
[JsonDerivedType(typeof(SubscriptionStatusChanged), SubscriptionStatusChanged.TypeName)]
[JsonDerivedType(typeof(GracePeriodStarted), GracePeriodStarted.TypeName)]
[JsonDerivedType(typeof(ChargeMade), ChargeMade.TypeName)]
[JsonDerivedType(typeof(BalanceBelowThreshold), BalanceBelowThreshold.TypeName)]
[JsonDerivedType(typeof(AutoTopUpDue), AutoTopUpDue.TypeName)]
[JsonDerivedType(typeof(InvoiceClosed), InvoiceClosed.TypeName)]
public abstract record BillingEvent
{
    /// <summary>Initializes the event.</summary>
    /// <param name="eventId">The event's id: the same for the same change, so consumers can deduplicate.</param>
    /// <param name="accountId">The account it happened to.</param>
    /// <param name="occurredAt">When.</param>
    /// <exception cref="ArgumentException">An id is empty.</exception>
    /// <exception cref="ArgumentNullException">An id is null.</exception>
    private protected BillingEvent(string eventId, string accountId, Instant occurredAt)
    {
        EventId = Preconditions.CheckId(eventId);
        AccountId = Preconditions.CheckId(accountId);
        OccurredAt = occurredAt;
    }

    /// <summary>Gets the event's id, such as <c>top_up.completed/ord-1</c>.</summary>
    public string EventId { get; }

    /// <summary>Gets the account it happened to.</summary>
    public string AccountId { get; }

    /// <summary>Gets when it happened.</summary>
    public Instant OccurredAt { get; }

    /// <summary>Gets the event's type, as JSON names it: <c>top_up.completed</c>.</summary>
    [JsonIgnore]
    public abstract string Type { get; }
}

/// <summary>A top-up order was paid exactly and its amount credited (seed 000: Completed).</summary>
/// <param name="OrderId">The order.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Credited">The amount credited to the balance.</param>
/// <param name="Balance">The balance after the credit.</param>
/// <param name="OccurredAt">When the payment was confirmed.</param>
public sealed record TopUpCompleted(string OrderId, string AccountId, Money Credited, Money Balance, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{OrderId}", AccountId, OccurredAt)
{
    /// <summary>Gets the order.</summary>
    public string OrderId { get; } = Preconditions.CheckId(OrderId);

    /// <summary>The type's name.</summary>
    public const string TypeName = "top_up.completed";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A payment did not match its order, which is now Abnormal and waits for the finance team (seed 000).</summary>
/// <param name="OrderId">The order.</param>
/// <param name="AccountId">The account.</param>
/// <param name="PaymentReference">The payment's reference.</param>
/// <param name="Paid">What was paid.</param>
/// <param name="Expected">What the order asked.</param>
/// <param name="OccurredAt">When the payment was confirmed.</param>
public sealed record TopUpAbnormal(string OrderId, string AccountId, string PaymentReference, Money Paid, Money Expected, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{OrderId}/{PaymentReference}", AccountId, OccurredAt)
{
    /// <summary>Gets the order.</summary>
    public string OrderId { get; } = Preconditions.CheckId(OrderId);

    /// <summary>Gets the payment's reference.</summary>
    public string PaymentReference { get; } = Preconditions.CheckId(PaymentReference);

    /// <summary>The type's name.</summary>
    public const string TypeName = "top_up.abnormal";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A payment arrived for an order that was already settled (paid twice, or after a refund): kept, not credited, to be refunded or accepted.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="AccountId">The account.</param>
/// <param name="PaymentReference">The payment's reference.</param>
/// <param name="Paid">What was paid.</param>
/// <param name="OccurredAt">When the payment was confirmed.</param>
public sealed record PaymentUnexpected(string OrderId, string AccountId, string PaymentReference, Money Paid, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{OrderId}/{PaymentReference}", AccountId, OccurredAt)
{
    /// <summary>Gets the order.</summary>
    public string OrderId { get; } = Preconditions.CheckId(OrderId);

    /// <summary>Gets the payment's reference.</summary>
    public string PaymentReference { get; } = Preconditions.CheckId(PaymentReference);

    /// <summary>The type's name.</summary>
    public const string TypeName = "payment.unexpected";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>An API call was debited from the balance.</summary>
/// <param name="RequestId">The call's request id.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Model">The model called.</param>
/// <param name="Cost">What the call cost, exactly.</param>
/// <param name="Balance">The balance after it.</param>
/// <param name="OccurredAt">When the call was made.</param>
public sealed record CallRecorded(string RequestId, string AccountId, string Model, Money Cost, Money Balance, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{AccountId}/{RequestId}", AccountId, OccurredAt)
{
    /// <summary>Gets the call's request id.</summary>
    public string RequestId { get; } = Preconditions.CheckId(RequestId);

    /// <summary>Gets the model called.</summary>
    public string Model { get; } = Preconditions.CheckId(Model);

    /// <summary>The type's name.</summary>
    public const string TypeName = "call.recorded";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A manager approved a correction, which moved the balance.</summary>
/// <param name="CorrectionId">The correction.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Amount">The balance change: negative reduced it (▼), positive increased it (▲).</param>
/// <param name="ApprovedBy">Who approved it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CorrectionApproved(string CorrectionId, string AccountId, Money Amount, string ApprovedBy, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{CorrectionId}", AccountId, OccurredAt)
{
    /// <summary>Gets the correction.</summary>
    public string CorrectionId { get; } = Preconditions.CheckId(CorrectionId);

    /// <summary>Gets the manager who approved it.</summary>
    public string ApprovedBy { get; } = Preconditions.CheckId(ApprovedBy);

    /// <summary>The type's name.</summary>
    public const string TypeName = "correction.approved";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>The finance team approved an invoice application (seed 002: Approved).</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Amount">The amount applied for.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ApplicationApproved(string ApplicationId, string AccountId, Money Amount, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{ApplicationId}", AccountId, OccurredAt)
{
    /// <summary>Gets the application.</summary>
    public string ApplicationId { get; } = Preconditions.CheckId(ApplicationId);

    /// <summary>The type's name.</summary>
    public const string TypeName = "application.approved";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>An invoice application was issued: its document is stored, to be sent to <see cref="Email"/> (seed 002: Issued).</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Number">The invoice's number.</param>
/// <param name="Amount">The amount invoiced.</param>
/// <param name="Email">Where the invoice goes.</param>
/// <param name="OccurredAt">When it was issued.</param>
public sealed record ApplicationIssued(string ApplicationId, string AccountId, string Number, Money Amount, string Email, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{ApplicationId}", AccountId, OccurredAt)
{
    /// <summary>Gets the application.</summary>
    public string ApplicationId { get; } = Preconditions.CheckId(ApplicationId);

    /// <summary>Gets the invoice's number.</summary>
    public string Number { get; } = Preconditions.CheckId(Number);

    /// <summary>Gets the address the invoice goes to.</summary>
    public string Email { get; } = Preconditions.CheckId(Email);

    /// <summary>The type's name.</summary>
    public const string TypeName = "application.issued";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>The finance team rejected an invoice application (seed 002: Rejected), giving its reason.</summary>
/// <param name="ApplicationId">The application.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Reason">Why.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ApplicationRejected(string ApplicationId, string AccountId, string Reason, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{ApplicationId}", AccountId, OccurredAt)
{
    /// <summary>Gets the application.</summary>
    public string ApplicationId { get; } = Preconditions.CheckId(ApplicationId);

    /// <summary>Gets the reason given.</summary>
    public string Reason { get; } = Preconditions.CheckId(Reason);

    /// <summary>The type's name.</summary>
    public const string TypeName = "application.rejected";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A subscription's status changed (seed 001's statuses), by one accepted transition of its lifecycle.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Position">The transition's place in the subscription's history, from 1.</param>
/// <param name="From">The status before.</param>
/// <param name="To">The status after.</param>
/// <param name="Trigger">What moved it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record SubscriptionStatusChanged(
    string SubscriptionId, string AccountId, int Position, Subscriptions.SubscriptionStatus From, Subscriptions.SubscriptionStatus To,
    Subscriptions.SubscriptionTrigger Trigger, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{SubscriptionId}/{Position}", AccountId, OccurredAt)
{
    /// <summary>Gets the subscription.</summary>
    public string SubscriptionId { get; } = Preconditions.CheckId(SubscriptionId);

    /// <summary>Gets the status before.</summary>
    public Subscriptions.SubscriptionStatus From { get; } = Preconditions.CheckNotNull(From);

    /// <summary>Gets the status after.</summary>
    public Subscriptions.SubscriptionStatus To { get; } = Preconditions.CheckNotNull(To);

    /// <summary>The type's name.</summary>
    public const string TypeName = "subscription.status_changed";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>A subscription entered its grace period: its renewal was not paid, and it will be stopped when the period ends (seed 001: Graced).</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Position">The transition's place in the subscription's history.</param>
/// <param name="OccurredAt">When.</param>
public sealed record GracePeriodStarted(string SubscriptionId, string AccountId, int Position, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{SubscriptionId}/{Position}", AccountId, OccurredAt)
{
    /// <summary>Gets the subscription.</summary>
    public string SubscriptionId { get; } = Preconditions.CheckId(SubscriptionId);

    /// <summary>The type's name.</summary>
    public const string TypeName = "subscription.grace_started";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>The billing run made a subscription charge (of a period, or a credit), to be paid from the balance.</summary>
/// <param name="ChargeId">The charge.</param>
/// <param name="SubscriptionId">Its subscription.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Amount">What it charges, taxes included (negative for a credit).</param>
/// <param name="Period">The period it covers.</param>
/// <param name="OccurredAt">When it was made.</param>
public sealed record ChargeMade(string ChargeId, string SubscriptionId, string AccountId, Money Amount, Periods.BillingPeriod Period, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{ChargeId}", AccountId, OccurredAt)
{
    /// <summary>Gets the charge.</summary>
    public string ChargeId { get; } = Preconditions.CheckId(ChargeId);

    /// <summary>Gets its subscription.</summary>
    public string SubscriptionId { get; } = Preconditions.CheckId(SubscriptionId);

    /// <summary>The type's name.</summary>
    public const string TypeName = "charge.made";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>
/// A debit (a call, a charge, a correction, a refund, an expiry) took the balance from at or above the account's
/// <see cref="Ledger.PrepaidAccount.LowBalanceThreshold"/> to below it: once per crossing, a credit that lifts the
/// balance to it or above arms it again.
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Sequence">The sequence of the ledger entry that crossed it.</param>
/// <param name="Reference">What that entry comes from: the request, charge, correction or order id.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Balance">The balance after the entry.</param>
/// <param name="OccurredAt">When the entry was recorded.</param>
public sealed record BalanceBelowThreshold(string AccountId, long Sequence, string Reference, Money Threshold, Money Balance, Instant OccurredAt)
    : BillingEvent(string.Create(CultureInfo.InvariantCulture, $"{TypeName}/{AccountId}/{Sequence}"), AccountId, OccurredAt)
{
    /// <summary>Gets what the entry that crossed it comes from.</summary>
    public string Reference { get; } = Preconditions.CheckId(Reference);

    /// <summary>The type's name.</summary>
    public const string TypeName = "balance.below_threshold";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>
/// A debit took the balance from at or above the account's automatic top-up threshold (<see cref="Ledger.PrepaidAccount.AutoTopUp"/>)
/// to below it: <see cref="TopUps.AutoTopUpService"/> creates the top-up order of this crossing.
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Sequence">The sequence of the ledger entry that crossed it: the crossing's number, which names its order.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Balance">The balance after the entry.</param>
/// <param name="OccurredAt">When the entry was recorded.</param>
public sealed record AutoTopUpDue(string AccountId, long Sequence, Money Threshold, Money Balance, Instant OccurredAt)
    : BillingEvent(string.Create(CultureInfo.InvariantCulture, $"{TypeName}/{AccountId}/{Sequence}"), AccountId, OccurredAt)
{
    /// <summary>The type's name.</summary>
    public const string TypeName = "balance.auto_top_up_due";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;
}

/// <summary>
/// An invoice was closed: a Prepay invoice made at its period's end (seed 001: created after the end of the billing
/// period and closed right away), committed with the invoice in the invoice store.
/// </summary>
/// <param name="InvoiceId">The invoice.</param>
/// <param name="AccountId">The account.</param>
/// <param name="Number">Its number.</param>
/// <param name="Total">Its total, charges less corrections.</param>
/// <param name="Period">The billing period it covers.</param>
/// <param name="OccurredAt">When it was closed.</param>
public sealed record InvoiceClosed(string InvoiceId, string AccountId, string Number, Money Total, Periods.BillingPeriod Period, Instant OccurredAt)
    : BillingEvent($"{TypeName}/{InvoiceId}", AccountId, OccurredAt)
{
    /// <summary>Gets the invoice.</summary>
    public string InvoiceId { get; } = Preconditions.CheckId(InvoiceId);

    /// <summary>Gets its number.</summary>
    public string Number { get; } = Preconditions.CheckId(Number);

    /// <summary>The type's name.</summary>
    public const string TypeName = "invoice.closed";

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>The event of a commit that closes an invoice: none unless <paramref name="after"/> is Closed and the invoice was not before.</summary>
    /// <param name="before">The invoice's status before the commit; null when it is new.</param>
    /// <param name="after">The invoice the commit writes.</param>
    /// <returns>The event, or none.</returns>
    internal static IReadOnlyList<BillingEvent> Of(Invoices.InvoiceStatus? before, Invoices.Invoice after) =>
        after.Status == Invoices.InvoiceStatus.Closed && before != Invoices.InvoiceStatus.Closed
            ? [new InvoiceClosed(after.InvoiceId, after.AccountId, after.Number ?? throw new InvalidOperationException($"Invoice {after.InvoiceId} is closed without a number."), after.Total, after.Period, after.IssuedAt ?? after.CreatedAt)]
            : [];
}
