using Billing.Domain.Charging;
using Billing.Domain.Corrections;
using Billing.Domain.Grants;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Subscriptions;
using Billing.Domain.TopUps;

namespace Billing.Domain.DocumentStore.Tests;

// The documents the stores keep: each aggregate's stored fields, read back through its public Restore factory. Values
// with public constructors (entries, calls, payments, charge lines) are kept as they are.

internal sealed record AccountDocument(
    string AccountId, string Name, AccountType Type, string Zone, Currency Currency, Money CreditLimit, Money Balance, long EntryCount, Instant OpenedAt,
    InvoicingTotals Invoicing, List<CreditGrant> Grants, Instant? ClosedThrough, Money? LowBalanceThreshold, AutoTopUp? AutoTopUp, long Version)
{
    public static AccountDocument Of(PrepaidAccount a) =>
        new(a.AccountId, a.Profile.Name, a.Profile.Type, a.Profile.Zone.Id, a.Currency, a.CreditLimit, a.Balance, a.EntryCount, a.OpenedAt, a.Invoicing, [.. a.Grants],
            a.ClosedThrough, a.LowBalanceThreshold, a.AutoTopUp, a.Version);

    public PrepaidAccount Restore() =>
        PrepaidAccount.Restore(
            AccountId, new AccountProfile(Name, Type, DateTimeZoneProviders.Tzdb[Zone]), Currency, CreditLimit, Balance, EntryCount, OpenedAt, Invoicing, Grants, ClosedThrough,
            LowBalanceThreshold, AutoTopUp, Version);
}

internal sealed record OrderDocument(
    string OrderId, string AccountId, Money Amount, Money PaymentAmount, string PaymentMethod, Instant CreatedAt, TopUpStatus Status, string? PaymentReference,
    Instant? CompletedAt, Money? CreditedAmount, string? StatusReason, string? CancelledBy, List<TopUpPayment> Payments, List<TopUpRefund> Refunds, long Version)
{
    public static OrderDocument Of(TopUpOrder o) =>
        new(o.OrderId, o.AccountId, o.Amount, o.PaymentAmount, o.PaymentMethod, o.CreatedAt, o.Status, o.PaymentReference, o.CompletedAt, o.CreditedAmount, o.StatusReason,
            o.CancelledBy, [.. o.Payments], [.. o.Refunds], o.Version);

    public TopUpOrder Restore() =>
        TopUpOrder.Restore(
            OrderId, AccountId, Amount, PaymentAmount, PaymentMethod, CreatedAt, Status, PaymentReference, CompletedAt, CreditedAmount, StatusReason, CancelledBy, Payments, Refunds, Version);
}

internal sealed record CorrectionDocument(
    string CorrectionId, string AccountId, Money Amount, string Description, string RequestedBy, Instant RequestedAt, string? Corrects, CorrectionStatus Status,
    string? DecidedBy, Instant? DecidedAt, string? RejectionReason, Instant? BookedAt, long Version)
{
    public static CorrectionDocument Of(Correction c) =>
        new(c.CorrectionId, c.AccountId, c.Amount, c.Description, c.RequestedBy, c.RequestedAt, c.Corrects, c.Status, c.DecidedBy, c.DecidedAt, c.RejectionReason, c.BookedAt, c.Version);

    public Correction Restore() =>
        Correction.Restore(CorrectionId, AccountId, Amount, Description, RequestedBy, RequestedAt, Corrects, Status, DecidedBy, DecidedAt, RejectionReason, BookedAt, Version);
}

internal sealed record HeaderDocument(string HeaderId, string AccountId, InvoiceHeaderDetails Details, bool IsDefault, long Version)
{
    public static HeaderDocument Of(InvoiceHeader h) => new(h.HeaderId, h.AccountId, h.Details, h.IsDefault, h.Version);

    public InvoiceHeader Restore() => InvoiceHeader.Restore(HeaderId, AccountId, Details, IsDefault, Version);
}

internal sealed record ApplicationDocument(
    string ApplicationId, string AccountId, HeaderDocument Header, Money Amount, string Email, string? Remarks, Instant AppliedAt, string? ResubmissionOf,
    InvoiceApplicationStatus Status, string? ApprovedBy, Instant? ApprovedAt, string? RejectedBy, Instant? RejectedAt, string? RejectionReason, string? ResubmittedAs,
    string? Number, string? Series, long? Sequence, Instant? IssuedAt, string? OfficialNumber, string? DocumentSha256, long Version)
{
    public static ApplicationDocument Of(InvoiceApplication a) =>
        new(a.ApplicationId, a.AccountId, HeaderDocument.Of(a.Header), a.Amount, a.Email, a.Remarks, a.AppliedAt, a.ResubmissionOf, a.Status, a.ApprovedBy, a.ApprovedAt,
            a.RejectedBy, a.RejectedAt, a.RejectionReason, a.ResubmittedAs, a.Number, a.Series, a.Sequence, a.IssuedAt, a.OfficialNumber, a.DocumentSha256, a.Version);

    public InvoiceApplication Restore() =>
        InvoiceApplication.Restore(
            ApplicationId, AccountId, Header.Restore(), Amount, Email, Remarks, AppliedAt, ResubmissionOf, Status, ApprovedBy, ApprovedAt, RejectedBy, RejectedAt, RejectionReason,
            ResubmittedAs, Number, Series, Sequence, IssuedAt, OfficialNumber, DocumentSha256, Version);
}

internal sealed record SubscriptionDocument(
    string Id, string AccountId, string Name, string Plan, string? PendingPlan, BillingType BillingType, PaymentModel PaymentModel, Instant OrderedAt, string OrderedBy,
    List<SubscriptionStatusChange> History, long Version, Dictionary<string, decimal> Resources, Dictionary<string, decimal>? PendingResources, List<SubscriptionTerms> Terms)
{
    public static SubscriptionDocument Of(Subscription s) =>
        new(s.Id, s.AccountId, s.Name, s.Plan, s.PendingPlan, s.BillingType, s.PaymentModel, s.OrderedAt, s.OrderedBy, [.. s.History], s.Version,
            new(s.Resources, StringComparer.Ordinal), s.PendingResources is null ? null : new(s.PendingResources, StringComparer.Ordinal), [.. s.Terms]);

    public Subscription Restore() =>
        Subscription.Restore(Id, AccountId, Name, Plan, PendingPlan, BillingType, PaymentModel, OrderedAt, OrderedBy, History, Version, Resources, PendingResources, Terms);
}

internal sealed record ChargeDocument(
    string ChargeId, string AccountId, string SubscriptionId, string Plan, int PlanVersion, string ChargeName, BillingPeriod Period, ChargeLine Line,
    SubscriptionChargeStatus Status, Instant MadeAt, Instant? ClosedAt, long Version, string? Credits, string? InvoiceId)
{
    public static ChargeDocument Of(SubscriptionCharge c) =>
        new(c.ChargeId, c.AccountId, c.SubscriptionId, c.Plan, c.PlanVersion, c.ChargeName, c.Period, c.Line, c.Status, c.MadeAt, c.ClosedAt, c.Version, c.Credits, c.InvoiceId);

    public SubscriptionCharge Restore() =>
        new SubscriptionCharge(ChargeId, AccountId, SubscriptionId, Plan, PlanVersion, ChargeName, Period, Line, Status, MadeAt, ClosedAt, Version, Credits).OnInvoice(InvoiceId);
}

internal sealed record InvoiceDocument(
    string InvoiceId, string AccountId, string AccountName, AccountType AccountType, PaymentModel PaymentModel, BillingPeriod Period, Currency Currency, Instant CreatedAt,
    InvoiceStatus Status, string? Number, string? Series, long? Sequence, List<ChargeLine> Charges, List<TaxAmount> TaxSummary, List<InvoiceSubscription> Subscriptions,
    List<InvoiceCorrection> Corrections, Instant? IssuedAt, Instant? SettledAt, string? VoidReason, long Version, List<InvoiceCredit> Credits)
{
    public static InvoiceDocument Of(Invoice i) =>
        new(i.InvoiceId, i.AccountId, i.AccountName, i.AccountType, i.PaymentModel, i.Period, i.Currency, i.CreatedAt, i.Status, i.Number, i.Series, i.Sequence, [.. i.Charges],
            [.. i.TaxSummary], [.. i.Subscriptions], [.. i.Corrections], i.IssuedAt, i.SettledAt, i.VoidReason, i.Version, [.. i.Credits]);

    public Invoice Restore() =>
        Invoice.Restore(
            InvoiceId, AccountId, AccountName, AccountType, PaymentModel, Period, Currency, CreatedAt, Status, Number, Series, Sequence, Charges, TaxSummary, Subscriptions,
            Corrections, IssuedAt, SettledAt, VoidReason, Version, Credits);
}

internal sealed record IssuedDocumentDocument(string ApplicationId, string FileName, string ContentType, byte[] Content)
{
    public static IssuedDocumentDocument Of(IssuedDocument d) => new(d.ApplicationId, d.Document.FileName, d.Document.ContentType, d.Document.Content.ToArray());

    public IssuedDocument Restore() => new(ApplicationId, new RenderedDocument(FileName, ContentType, Content));
}
