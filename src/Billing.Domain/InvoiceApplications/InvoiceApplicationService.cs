using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Events;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.InvoiceApplications;

/// <summary>
/// Seed 002's invoice page: the invoiceable summary, applying, approving, rejecting, issuing, resubmitting, the
/// invoice list and the download. Every application moves the account's invoicing totals in the same commit, so
/// applications submitted at once never together exceed the invoiceable amount.
/// </summary>
public sealed class InvoiceApplicationService
{
    private readonly PrepaidCommands _commands;
    private readonly IInvoiceHeaderStore _headers;
    private readonly NumberSeries _series;
    private readonly DateTimeZone _zone;
    private readonly IInvoiceRenderer _renderer;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store: recharges, invoicing totals and applications.</param>
    /// <param name="headers">The invoice header store.</param>
    /// <param name="series">The number series issued applications take their numbers from; give it a name of its own.</param>
    /// <param name="zone">The time zone of the issue date in the number.</param>
    /// <param name="renderer">Renders issued applications for download.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public InvoiceApplicationService(
        IPrepaidStore store, IInvoiceHeaderStore headers, NumberSeries series, DateTimeZone zone, IInvoiceRenderer renderer, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _commands = new PrepaidCommands(store, clock, retry, logger);
        _headers = Preconditions.CheckNotNull(headers);
        _series = Preconditions.CheckNotNull(series);
        _zone = Preconditions.CheckNotNull(zone);
        _renderer = Preconditions.CheckNotNull(renderer);
    }

    /// <summary>Gets the summary card: invoiceable and invoiced amounts, with what is held and what was recharged and refunded.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    public async Task<InvoicingTotals> SummaryAsync(string accountId, CancellationToken cancellationToken = default) =>
        (await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false)).Invoicing;

    /// <summary>
    /// Applies for an invoice: Pending, its amount held. Every broken rule is a refusal naming it, and nothing is
    /// written; the same application again returns the first.
    /// </summary>
    /// <param name="applicationId">The application's id, chosen by the host.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="amount">The amount: positive, in the recharges' currency and its minor units, at most the invoiceable amount.</param>
    /// <param name="email">The receiving email.</param>
    /// <param name="remarks">Notes for the finance team, at most <see cref="InvoiceApplication.MaxRemarksLength"/> characters; optional.</param>
    /// <param name="headerId">The invoice header; the account's default when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The Pending application, or the refusal.</returns>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The id is taken by a different application.</exception>
    public Task<ApplyResult> ApplyAsync(
        string applicationId, string accountId, Money amount, string email, string? remarks = null, string? headerId = null, CancellationToken cancellationToken = default)
    {
        // Stryker disable once Statement : the id is checked again where the application is made; this fails before any read (equivalent)
        Preconditions.CheckId(applicationId);
        Preconditions.CheckId(accountId);
        return RunApplyAsync("invoice_application.apply", async () =>
        {
            if (await _commands.Store.FindApplicationAsync(applicationId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return SameRequest(existing, accountId, amount, email, remarks, headerId)
                    ? new ApplyResult(existing, null)
                    : throw new IdempotencyKeyReusedException("invoice application", applicationId);
            }

            return await SubmitAsync(applicationId, accountId, amount, email, remarks, headerId, null, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Resubmits a rejected application as a new Pending one linked to it, with the changes given (the rest as before).</summary>
    /// <param name="accountId">The account the application belongs to.</param>
    /// <param name="rejectedId">The rejected application.</param>
    /// <param name="applicationId">The new application's id.</param>
    /// <param name="amount">The new amount, or null to keep it.</param>
    /// <param name="email">The new receiving email, or null to keep it.</param>
    /// <param name="remarks">The new remarks, or null to keep them.</param>
    /// <param name="headerId">The new header, or null to keep the one used (if it still exists) or take the default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new Pending application, or the refusal (<see cref="ApplicationRule.NotResubmittable"/> when the old one is not rejected or was resubmitted).</returns>
    /// <exception cref="NotFoundException">No such application in the account.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The new id is taken by another application.</exception>
    public Task<ApplyResult> ResubmitAsync(
        string accountId, string rejectedId, string applicationId, Money? amount = null, string? email = null, string? remarks = null, string? headerId = null,
        CancellationToken cancellationToken = default)
    {
        // Stryker disable once Statement : the id is checked again where the application is made; this fails before any read (equivalent)
        Preconditions.CheckId(applicationId);
        return RunApplyAsync("invoice_application.resubmit", async () =>
        {
            var rejected = await RequireAsync(accountId, rejectedId, cancellationToken).ConfigureAwait(false);
            if (rejected.ResubmittedAs == applicationId)
            {
                return new ApplyResult(await _commands.Store.RequireApplicationAsync(applicationId, cancellationToken).ConfigureAwait(false), null);
            }

            if (await _commands.Store.FindApplicationAsync(applicationId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new IdempotencyKeyReusedException("invoice application", applicationId);
            }

            if (rejected.Status != InvoiceApplicationStatus.Rejected || rejected.ResubmittedAs is not null)
            {
                return Refuse(ApplicationRule.NotResubmittable, $"Application {rejectedId} is {rejected.Status}{(rejected.ResubmittedAs is { } next ? $" and was resubmitted as {next}" : "")}: only a rejected application is resubmitted, once.");
            }

            var header = headerId ?? (await _headers.FindHeaderAsync(rejected.Header.HeaderId, cancellationToken).ConfigureAwait(false) is not null ? rejected.Header.HeaderId : null);
            return await SubmitAsync(applicationId, rejected.AccountId, amount ?? rejected.Amount, email ?? rejected.Email, remarks ?? rejected.Remarks, header, rejected, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Approves a pending application; approving it again, or once it is issued, returns it.</summary>
    /// <param name="accountId">The account the application belongs to.</param>
    /// <param name="applicationId">The application.</param>
    /// <param name="by">Who approves.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The approved application.</returns>
    /// <exception cref="NotFoundException">No such application in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is issued or rejected (code <c>application.transition_refused</c>).</exception>
    public Task<InvoiceApplication> ApproveAsync(string accountId, string applicationId, string by, CancellationToken cancellationToken = default)
    {
        by = Preconditions.CheckActor(by);
        return Move(
            "invoice_application.approve",
            accountId,
            applicationId, a => a.Status is InvoiceApplicationStatus.Approved or InvoiceApplicationStatus.Issued, (account, application) => (account, application.Approve(by, _commands.Now)),
            a => new ApplicationApproved(a.ApplicationId, a.AccountId, a.Amount, a.ApprovedAt!.Value), cancellationToken);
    }

    /// <summary>Rejects a pending or approved application with a reason, releasing its hold; rejecting it again returns it.</summary>
    /// <param name="accountId">The account the application belongs to.</param>
    /// <param name="applicationId">The application.</param>
    /// <param name="by">Who rejects.</param>
    /// <param name="reason">Why: the applicant reads it to resubmit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rejected application.</returns>
    /// <exception cref="NotFoundException">No such application in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is issued.</exception>
    public Task<InvoiceApplication> RejectAsync(string accountId, string applicationId, string by, string reason, CancellationToken cancellationToken = default)
    {
        by = Preconditions.CheckActor(by);
        Preconditions.CheckText(reason);
        return Move(
            "invoice_application.reject",
            accountId,
            applicationId, a => a.Status == InvoiceApplicationStatus.Rejected, (account, application) => (account.Release(application.Amount), application.Reject(by, reason, _commands.Now)),
            a => new ApplicationRejected(a.ApplicationId, a.AccountId, a.RejectionReason!, a.RejectedAt!.Value), cancellationToken);
    }

    /// <summary>
    /// Issues an approved application: it takes the next number of the series, its document is rendered once and stored
    /// with its hash (<see cref="IssuedDocument"/>), and its amount moves from held to invoiced, all in one commit.
    /// Issuing it again returns it as it was issued.
    /// </summary>
    /// <param name="accountId">The account the application belongs to.</param>
    /// <param name="applicationId">The application.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The issued application.</returns>
    /// <exception cref="NotFoundException">No such application in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is pending or rejected.</exception>
    public Task<InvoiceApplication> IssueAsync(string accountId, string applicationId, CancellationToken cancellationToken = default) =>
        IssueWithAsync(accountId, applicationId, null, cancellationToken);

    /// <summary>
    /// Issues an approved application with the invoice a tax authority's system issued for it: as <see cref="IssueAsync(string, string, CancellationToken)"/>,
    /// but the document stored, and downloaded, is the official file, and the application keeps the official number
    /// beside its own (<see cref="InvoiceApplication.OfficialNumber"/>). Issuing it again returns it as it was issued.
    /// </summary>
    /// <param name="accountId">The account the application belongs to.</param>
    /// <param name="applicationId">The application.</param>
    /// <param name="official">The official number and file.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The issued application.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="official"/> is null.</exception>
    /// <exception cref="ArgumentException">The official file is empty.</exception>
    /// <exception cref="NotFoundException">No such application in the account.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It is pending or rejected.</exception>
    public Task<InvoiceApplication> IssueAsync(string accountId, string applicationId, OfficialInvoice official, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(official);
        _ = new IssuedDocument(applicationId, official.Document);   // an empty file is refused before anything is read
        return IssueWithAsync(accountId, applicationId, official, cancellationToken);
    }

    /// <summary>Lists an account's applications as rows of seed 002's invoice list: filtered by status and application date, newest first, paged.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page of rows.</returns>
    public async Task<Page<InvoiceApplicationRow>> ListAsync(InvoiceApplicationQuery query, CancellationToken cancellationToken = default)
    {
        var page = await _commands.Store.QueryApplicationsAsync(Preconditions.CheckNotNull(query), cancellationToken).ConfigureAwait(false);
        return new Page<InvoiceApplicationRow>([.. page.Items.Select(InvoiceApplicationRow.Of)], page.Request, page.TotalCount);
    }

    /// <summary>
    /// Downloads an issued application's invoice document: the bytes stored when it was issued, checked against the hash
    /// the application keeps, never rendered again. An application issued before documents were stored (no hash) is
    /// rendered through the renderer port.
    /// </summary>
    /// <param name="accountId">The account the application belongs to.</param>
    /// <param name="applicationId">The application.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The document.</returns>
    /// <exception cref="NotFoundException">No such application in the account.</exception>
    /// <exception cref="ApplicationNotIssuedException">It is not issued.</exception>
    /// <exception cref="IssuedDocumentCorruptException">The stored document is missing, or its bytes are not those it was issued with.</exception>
    public async Task<RenderedDocument> DownloadAsync(string accountId, string applicationId, CancellationToken cancellationToken = default)
    {
        var application = await RequireAsync(accountId, applicationId, cancellationToken).ConfigureAwait(false);
        if (application.Status != InvoiceApplicationStatus.Issued)
        {
            throw new ApplicationNotIssuedException(applicationId, application.Status);
        }

        if (application.DocumentSha256 is not { } hash)
        {
            return await _renderer.RenderAsync(application, cancellationToken).ConfigureAwait(false);
        }

        var stored = await _commands.Store.FindDocumentAsync(applicationId, cancellationToken).ConfigureAwait(false)
            ?? throw new IssuedDocumentCorruptException(applicationId, "the store holds no document for it.");
        return stored.Sha256 == hash   // an IssuedDocument's hash is computed from the bytes the store gave back
            ? stored.Document
            : throw new IssuedDocumentCorruptException(applicationId, $"its bytes hash to {stored.Sha256}, not {hash}.");
    }

    // Issues with the next number, rendering the document (or taking the official one) inside the attempt: a retry renders the number it takes.
    private Task<InvoiceApplication> IssueWithAsync(string accountId, string applicationId, OfficialInvoice? official, CancellationToken cancellationToken) =>
        _commands.RunAsync("invoice_application.issue", async () =>
        {
            var application = await RequireAsync(accountId, applicationId, cancellationToken).ConfigureAwait(false);
            if (application.Status == InvoiceApplicationStatus.Issued)
            {
                return application;
            }

            var last = await _commands.Store.LastApplicationSequenceAsync(_series.Name, cancellationToken).ConfigureAwait(false);
            var numbered = application.Issue(_series, last + 1, _commands.Now, _zone);
            var file = official?.Document ?? await _renderer.RenderAsync(numbered, cancellationToken).ConfigureAwait(false);
            var document = new IssuedDocument(applicationId, file);
            var issued = numbered.WithDocument(document, official?.Number);
            var account = await _commands.Store.RequireAccountAsync(application.AccountId, cancellationToken).ConfigureAwait(false);
            var saved = await _commands.CommitAsync(
                new PrepaidChange(
                    account.MarkInvoiced(application.Amount), applications: [issued], document: document,
                    events: [new ApplicationIssued(applicationId, issued.AccountId, issued.Number!, issued.Amount, issued.Email, issued.IssuedAt!.Value)]),
                cancellationToken).ConfigureAwait(false);
            return saved.Applications[0];
        }, cancellationToken);

    // Runs an apply or a resubmit, and counts and logs its refusal.
    private async Task<ApplyResult> RunApplyAsync(string command, Func<Task<ApplyResult>> attempt, CancellationToken cancellationToken)
    {
        var result = await _commands.RunAsync(command, attempt, cancellationToken).ConfigureAwait(false);
        if (result.Refusal is { } refusal)
        {
            _commands.Runner.Refused(command, refusal.Code, refusal.Message);
        }

        return result;
    }

    private static ApplyResult Refuse(ApplicationRule rule, string message) => new(null, new ApplicationRefusal(rule, message));

    private static bool SameRequest(InvoiceApplication existing, string accountId, Money amount, string email, string? remarks, string? headerId) =>
        existing.AccountId == accountId && existing.Amount == amount && existing.Email == email && existing.Remarks == KeptRemarks(remarks) && (headerId is null || existing.Header.HeaderId == headerId);

    // Blank remarks are kept as none, so that applying again with the same blank remarks is the same request.
    private static string? KeptRemarks(string? remarks) => string.IsNullOrWhiteSpace(remarks) ? null : remarks;

    private async Task<ApplyResult> SubmitAsync(
        string applicationId, string accountId, Money amount, string email, string? remarks, string? headerId, InvoiceApplication? resubmitting, CancellationToken cancellationToken)
    {
        var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        var headers = await _headers.ListHeadersAsync(accountId, cancellationToken).ConfigureAwait(false);
        // Stryker disable once NullCoalescing : ListHeadersAsync lists the default header first (its contract), so the first is the default when there is one (equivalent)
        var header = headerId is null ? headers.FirstOrDefault(h => h.IsDefault) ?? (headers.Count > 0 ? headers[0] : null) : headers.FirstOrDefault(h => h.HeaderId == headerId);
        var invoiceable = account.Invoicing.Invoiceable;
        var refusal =
            headers.Count == 0 ? Refuse(ApplicationRule.NoInvoiceHeader, "Create an invoice header before applying for an invoice.")
            : header is null ? Refuse(ApplicationRule.UnknownInvoiceHeader, $"Invoice header {headerId} is not one of this account's headers.")
            : !amount.Currency.IsInitialized || amount.Amount <= 0m ? Refuse(ApplicationRule.AmountNotPositive, "The invoice amount must be more than zero.")
            : amount.Currency != account.Currency ? Refuse(ApplicationRule.WrongCurrency, $"The recharges are in {account.Currency.Code}; apply in {account.Currency.Code}, not {amount.Currency.Code}.")
            : !amount.IsInMinorUnits ? Refuse(ApplicationRule.AmountNotInMinorUnits, $"{amount} has more decimals than {amount.Currency.Code} allows.")
            : amount > invoiceable ? Refuse(ApplicationRule.AmountOverInvoiceable, $"{amount} is more than the invoiceable amount, {invoiceable}.")
            : !EmailAddress.IsValid(email) ? Refuse(ApplicationRule.InvalidEmail, $"\"{email}\" is not an email address the invoice can be sent to.")
            : remarks is not null && remarks.Length > InvoiceApplication.MaxRemarksLength ? Refuse(ApplicationRule.RemarksTooLong, $"Remarks are at most {InvoiceApplication.MaxRemarksLength} characters.")
            : null;
        if (refusal is not null)
        {
            return refusal;
        }

        var application = InvoiceApplication.Submit(applicationId, accountId, header!, amount, email!, KeptRemarks(remarks), _commands.Now, resubmitting?.ApplicationId);
        IReadOnlyList<InvoiceApplication> written = resubmitting is null ? [application] : [application, resubmitting.LinkResubmission(applicationId)];
        var saved = await _commands.CommitAsync(new PrepaidChange(account.Hold(amount), applications: written), cancellationToken).ConfigureAwait(false);
        return new ApplyResult(saved.Applications[0], null);
    }

    private Task<InvoiceApplication> Move(
        string command, string accountId, string applicationId, Func<InvoiceApplication, bool> done, Func<PrepaidAccount, InvoiceApplication, (PrepaidAccount, InvoiceApplication)> move,
        Func<InvoiceApplication, BillingEvent> happened, CancellationToken cancellationToken) =>
        _commands.RunAsync(command, async () =>
        {
            var application = await RequireAsync(accountId, applicationId, cancellationToken).ConfigureAwait(false);
            if (done(application))
            {
                return application;
            }

            var account = await _commands.Store.RequireAccountAsync(application.AccountId, cancellationToken).ConfigureAwait(false);
            var (moved, next) = move(account, application);
            var saved = await _commands.CommitAsync(new PrepaidChange(moved, applications: [next], events: [happened(next)]), cancellationToken).ConfigureAwait(false);
            return saved.Applications[0];
        }, cancellationToken);

    // An application of another account is not found: an account never reaches another's objects.
    private async Task<InvoiceApplication> RequireAsync(string accountId, string applicationId, CancellationToken cancellationToken)
    {
        Preconditions.CheckId(accountId);
        var application = await _commands.Store.RequireApplicationAsync(applicationId, cancellationToken).ConfigureAwait(false);
        return application.AccountId == accountId ? application : throw new NotFoundException("invoice application", applicationId);
    }
}
