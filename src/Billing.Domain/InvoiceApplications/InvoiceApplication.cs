using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Numbering;
using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.InvoiceApplications;

/// <summary>
/// A request for an official invoice over recharged amounts (seed 002): the header it is made out to (kept as it
/// was when applying), the amount, the receiving email and remarks, and where it is. Immutable.
/// </summary>
public sealed record InvoiceApplication
{
    /// <summary>The longest remarks accepted.</summary>
    public const int MaxRemarksLength = 500;

    private InvoiceApplication(string applicationId, string accountId, InvoiceHeader header, Money amount, string email, string? remarks, Instant appliedAt, string? resubmissionOf)
    {
        ApplicationId = applicationId;
        AccountId = accountId;
        Header = header;
        Amount = amount;
        Email = email;
        Remarks = remarks;
        AppliedAt = appliedAt;
        ResubmissionOf = resubmissionOf;
    }

    /// <summary>Gets the application's id.</summary>
    public string ApplicationId { get; }

    /// <summary>Gets the account.</summary>
    public string AccountId { get; }

    /// <summary>Gets the header the invoice is made out to, as it was when applying.</summary>
    public InvoiceHeader Header { get; }

    /// <summary>Gets the amount to invoice.</summary>
    public Money Amount { get; }

    /// <summary>Gets the email the invoice is sent to.</summary>
    public string Email { get; }

    /// <summary>Gets the remarks for the finance team, if any.</summary>
    public string? Remarks { get; }

    /// <summary>Gets the application date.</summary>
    public Instant AppliedAt { get; }

    /// <summary>Gets the rejected application this one resubmits, if it does.</summary>
    public string? ResubmissionOf { get; }

    /// <summary>Gets the status.</summary>
    public InvoiceApplicationStatus Status { get; private init; } = InvoiceApplicationStatus.Pending;

    /// <summary>Gets who approved it.</summary>
    public string? ApprovedBy { get; private init; }

    /// <summary>Gets when it was approved.</summary>
    public Instant? ApprovedAt { get; private init; }

    /// <summary>Gets who rejected it.</summary>
    public string? RejectedBy { get; private init; }

    /// <summary>Gets when it was rejected.</summary>
    public Instant? RejectedAt { get; private init; }

    /// <summary>Gets why it was rejected.</summary>
    public string? RejectionReason { get; private init; }

    /// <summary>Gets the application that resubmits this rejected one, if any.</summary>
    public string? ResubmittedAs { get; private init; }

    /// <summary>Gets the invoice number, once issued.</summary>
    public string? Number { get; private init; }

    /// <summary>Gets the number series the number was taken from.</summary>
    public string? Series { get; private init; }

    /// <summary>Gets the number's sequence in its series.</summary>
    public long? Sequence { get; private init; }

    /// <summary>Gets the issue date, once issued.</summary>
    public Instant? IssuedAt { get; private init; }

    /// <summary>Gets the number a tax authority's system gave the invoice, when it was issued with an official one (<see cref="OfficialInvoice"/>).</summary>
    public string? OfficialNumber { get; private init; }

    /// <summary>Gets the SHA-256 of the document it was issued with (<see cref="IssuedDocument.Sha256"/>), once issued.</summary>
    public string? DocumentSha256 { get; private init; }

    /// <summary>Gets the stored version: 0 until first saved; stores check and advance it on every write.</summary>
    public long Version { get; init; }

    /// <summary>Gets a value indicating whether its amount is held from the invoiceable amount (Pending or Approved).</summary>
    public bool IsHolding => Status is InvoiceApplicationStatus.Pending or InvoiceApplicationStatus.Approved;

    /// <summary>Makes a Pending application; the service checks the rules first and answers with a refusal where one fails.</summary>
    internal static InvoiceApplication Submit(
        string applicationId, string accountId, InvoiceHeader header, Money amount, string email, string? remarks, Instant appliedAt, string? resubmissionOf) =>
        new(Preconditions.CheckId(applicationId), Preconditions.CheckId(accountId), header, amount, email, remarks, appliedAt, resubmissionOf);

    /// <summary>
    /// Rebuilds an application from the fields a storage adapter stored (each property of the same name). The fields are
    /// checked against the status: an approved or issued one has its approval, an issued one its number (number, series,
    /// sequence and instant), a rejected one its rejection (by, at and reason), a pending one none of them.
    /// </summary>
    /// <param name="applicationId">The application's id.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="header">The invoice header, as it was when applied; the account's.</param>
    /// <param name="amount">The amount applied for; positive, in minor units.</param>
    /// <param name="email">Where the invoice goes.</param>
    /// <param name="remarks">The remarks, or null.</param>
    /// <param name="appliedAt">When it was applied for.</param>
    /// <param name="resubmissionOf">The rejected application it resubmits, or null.</param>
    /// <param name="status">Its status.</param>
    /// <param name="approvedBy">Who approved it, or null.</param>
    /// <param name="approvedAt">When, or null.</param>
    /// <param name="rejectedBy">Who rejected it, or null.</param>
    /// <param name="rejectedAt">When, or null.</param>
    /// <param name="rejectionReason">Why, or null.</param>
    /// <param name="resubmittedAs">The application that resubmits it, or null.</param>
    /// <param name="number">Its invoice number, or null.</param>
    /// <param name="series">The number's series, or null.</param>
    /// <param name="sequence">The number's sequence in its series, or null.</param>
    /// <param name="issuedAt">When it was issued, or null.</param>
    /// <param name="officialNumber">The official number it was issued with, or null.</param>
    /// <param name="documentSha256">The SHA-256 of the document it was issued with (64 lower-case hex digits), or null for one issued before documents were stored.</param>
    /// <param name="version">The stored version, 1 or more.</param>
    /// <returns>The application, equal to the one that was saved.</returns>
    /// <exception cref="ArgumentException">A text is empty, the header is another account's, the amount has no currency, or the fields do not fit the status.</exception>
    /// <exception cref="ArgumentNullException">An id, the header or the email is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive, the status is not defined, or the version is below 1.</exception>
    /// <exception cref="AmountNotRoundedException">The amount has more decimals than its currency's minor units.</exception>
    public static InvoiceApplication Restore(
        string applicationId, string accountId, InvoiceHeader header, Money amount, string email, string? remarks, Instant appliedAt, string? resubmissionOf,
        InvoiceApplicationStatus status, string? approvedBy, Instant? approvedAt, string? rejectedBy, Instant? rejectedAt, string? rejectionReason, string? resubmittedAs,
        string? number, string? series, long? sequence, Instant? issuedAt, string? officialNumber, string? documentSha256, long version)
    {
        var submitted = Submit(applicationId, accountId, Preconditions.CheckNotNull(header), Preconditions.CheckAmount(amount), Preconditions.CheckText(email), remarks, appliedAt, resubmissionOf);
        Preconditions.CheckArgument(header.AccountId == accountId, nameof(header), $"The header is account {header.AccountId}'s, the application account {accountId}'s.");
        Preconditions.CheckArgument(amount.Amount > 0m, nameof(amount), "An application's amount is positive.");
        var approved = Preconditions.CheckDefined(status) is InvoiceApplicationStatus.Approved or InvoiceApplicationStatus.Issued;
        var issued = status == InvoiceApplicationStatus.Issued;
        var rejected = status == InvoiceApplicationStatus.Rejected;
        Preconditions.CheckArgument(approved == (approvedBy is not null) && approved == (approvedAt is not null), nameof(approvedBy), $"An application {status} has {(approved ? "" : "no ")}approval (by, at).");
        Preconditions.CheckArgument(
            issued == (number is not null) && issued == (series is not null) && issued == (sequence is not null) && issued == (issuedAt is not null),
            nameof(number), $"An application {status} has {(issued ? "" : "no ")}number (number, series, sequence, at).");
        Preconditions.CheckArgument(
            rejected == (rejectedBy is not null) && rejected == (rejectedAt is not null) && rejected == (rejectionReason is not null),
            nameof(rejectedBy), $"An application {status} has {(rejected ? "" : "no ")}rejection (by, at, reason).");
        Preconditions.CheckArgument(issued || (officialNumber is null && documentSha256 is null), nameof(documentSha256), "Only an issued application has an official number or a document.");
        Preconditions.CheckArgument(
            documentSha256 is null || (documentSha256.Length == 64 && documentSha256.All(char.IsAsciiHexDigitLower)), nameof(documentSha256), "A document's SHA-256 is 64 lower-case hex digits.");
        return submitted with
        {
            Status = status, ApprovedBy = approvedBy, ApprovedAt = approvedAt, RejectedBy = rejectedBy, RejectedAt = rejectedAt, RejectionReason = rejectionReason,
            ResubmittedAs = resubmittedAs, Number = number, Series = series, Sequence = sequence, IssuedAt = issuedAt,
            OfficialNumber = officialNumber is null ? null : Preconditions.CheckId(officialNumber), DocumentSha256 = documentSha256, Version = Preconditions.CheckStoredVersion(version),
        };
    }

    /// <summary>Approves a pending application.</summary>
    /// <param name="by">Who approves.</param>
    /// <param name="at">When.</param>
    /// <returns>The approved application.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is not pending (code <c>application.transition_refused</c>).</exception>
    public InvoiceApplication Approve(string by, Instant at) => Move(InvoiceApplicationTrigger.Approve) with { ApprovedBy = Preconditions.CheckActor(by), ApprovedAt = at };

    /// <summary>Rejects a pending or approved application; its hold is released.</summary>
    /// <param name="by">Who rejects.</param>
    /// <param name="reason">Why: the applicant reads it to resubmit.</param>
    /// <param name="at">When.</param>
    /// <returns>The rejected application.</returns>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is issued or rejected already.</exception>
    public InvoiceApplication Reject(string by, string reason, Instant at) =>
        Move(InvoiceApplicationTrigger.Reject) with { RejectedBy = Preconditions.CheckActor(by), RejectionReason = Preconditions.CheckText(reason), RejectedAt = at };

    /// <summary>Issues an approved application with its number.</summary>
    internal InvoiceApplication Issue(NumberSeries series, long sequence, Instant at, DateTimeZone zone) =>
        Move(InvoiceApplicationTrigger.Issue) with { Number = series.NumberFor(sequence, at.InZone(zone).Date), Series = series.Name, Sequence = sequence, IssuedAt = at };

    /// <summary>Attaches the document it is issued with, and the official number when a tax authority's system gave one.</summary>
    internal InvoiceApplication WithDocument(IssuedDocument document, string? officialNumber) =>
        this with { DocumentSha256 = document.Sha256, OfficialNumber = officialNumber };

    /// <summary>Links a rejected application to the application that resubmits it.</summary>
    internal InvoiceApplication LinkResubmission(string applicationId) => this with { ResubmittedAs = applicationId };

    private InvoiceApplication Move(InvoiceApplicationTrigger trigger) =>
        this with { Status = InvoiceApplicationLifecycle.Machine.Fire(Status, trigger, default).Destination };
}
