using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

using Billing.Domain.Events;

namespace Billing.Domain.Corrections;

/// <summary>Requests, approves and rejects corrections; an approval writes the correction and its ledger entry together.</summary>
public sealed class CorrectionService
{
    private readonly PrepaidCommands _commands;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="clock">The clock stamping requests and decisions.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public CorrectionService(IPrepaidStore store, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _commands = new PrepaidCommands(store, clock, retry, logger);
    }

    /// <summary>The idempotency key of a correction's ledger entry.</summary>
    /// <param name="correctionId">The correction's id.</param>
    /// <returns>The key.</returns>
    public static string KeyFor(string correctionId) => "correction:" + correctionId;

    /// <summary>Requests a correction; the same request again returns the first.</summary>
    /// <param name="correctionId">The correction's id, chosen by the host.</param>
    /// <param name="accountId">The account corrected.</param>
    /// <param name="amount">The signed amount, not zero, in the ledger's currency and its minor units.</param>
    /// <param name="description">What it is for.</param>
    /// <param name="requestedBy">Who requests it.</param>
    /// <param name="corrects">What it corrects, if anything in particular.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The requested correction.</returns>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <exception cref="CurrencyMismatchException">The amount is not in the ledger's currency.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The id is taken by a different request.</exception>
    public Task<Correction> RequestAsync(
        string correctionId, string accountId, Money amount, string description, string requestedBy, string? corrects = null, CancellationToken cancellationToken = default)
    {
        var requested = Correction.Request(correctionId, accountId, amount, description, requestedBy, _commands.Now, corrects);
        return _commands.RunAsync("correction.request", async () =>
        {
            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            account.CheckCurrency(amount);

            if (await _commands.Store.FindCorrectionAsync(correctionId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return SameRequest(existing, requested) ? existing : throw new IdempotencyKeyReusedException("correction", correctionId);
            }

            return (await _commands.CommitAsync(new PrepaidChange(correction: requested), cancellationToken).ConfigureAwait(false)).Correction!;
        }, cancellationToken);
    }

    /// <summary>Approves a correction and moves the balance by its amount, in one commit; approving it again changes nothing.</summary>
    /// <param name="accountId">The account the correction belongs to.</param>
    /// <param name="correctionId">The correction.</param>
    /// <param name="manager">The approving manager: not the requester (<see cref="Actors.ActorIdentity"/> compares them).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The approved correction and its ledger entry.</returns>
    /// <exception cref="NotFoundException">No such correction in the account.</exception>
    /// <exception cref="SelfApprovalException">The manager requested it.</exception>
    /// <exception cref="ArgumentException">The manager's name is empty or holds a control or invisible character.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It was rejected (code <c>correction.transition_refused</c>).</exception>
    public Task<CorrectionDecision> ApproveAsync(string accountId, string correctionId, string manager, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckActor(manager);
        return _commands.RunAsync("correction.approve", async () =>
        {
            var correction = await RequireAsync(accountId, correctionId, cancellationToken).ConfigureAwait(false);
            if (correction.Status == CorrectionStatus.Approved)
            {
                return new CorrectionDecision(correction, await _commands.Store.FindEntryAsync(correction.AccountId, KeyFor(correctionId), cancellationToken).ConfigureAwait(false), Replayed: true);
            }

            var now = _commands.Now;
            var account = await _commands.Store.RequireAccountAsync(correction.AccountId, cancellationToken).ConfigureAwait(false);
            var approved = correction.Approve(manager, now, account.BookingFor(now));
            var direction = correction.Amount.Amount > 0m ? "▲" : "▼";
            var (moved, entry) = account.Post(
                LedgerEntryKind.Correction, correction.Amount, KeyFor(correctionId), approved.DecidedAt!.Value, correctionId, $"{direction} {correction.Description}");
            var saved = await _commands.CommitAsync(
                new PrepaidChange(moved, entry, correction: approved, events: [new CorrectionApproved(correctionId, approved.AccountId, approved.Amount, approved.DecidedBy!, now)]),
                cancellationToken).ConfigureAwait(false);
            return new CorrectionDecision(saved.Correction!, entry, Replayed: false);
        }, cancellationToken);
    }

    /// <summary>Rejects a correction; the balance never moves for it. Rejecting it again changes nothing.</summary>
    /// <param name="accountId">The account the correction belongs to.</param>
    /// <param name="correctionId">The correction.</param>
    /// <param name="manager">The rejecting manager: not the requester.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rejected correction.</returns>
    /// <exception cref="NotFoundException">No such correction in the account.</exception>
    /// <exception cref="SelfApprovalException">The manager requested it.</exception>
    /// <exception cref="ArgumentException">The manager's name or the reason is invalid.</exception>
    /// <exception cref="Lifecycles.TransitionRefusedException">It was approved (code <c>correction.transition_refused</c>).</exception>
    public Task<CorrectionDecision> RejectAsync(string accountId, string correctionId, string manager, string reason, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckActor(manager);
        Preconditions.CheckText(reason);
        return _commands.RunAsync("correction.reject", async () =>
        {
            var correction = await RequireAsync(accountId, correctionId, cancellationToken).ConfigureAwait(false);
            if (correction.Status == CorrectionStatus.Rejected)
            {
                return new CorrectionDecision(correction, null, Replayed: true);
            }

            var rejected = correction.Reject(manager, reason, _commands.Now);
            var saved = await _commands.CommitAsync(new PrepaidChange(correction: rejected), cancellationToken).ConfigureAwait(false);
            return new CorrectionDecision(saved.Correction!, null, Replayed: false);
        }, cancellationToken);
    }

    // A correction of another account is not found: an account never reaches another's objects.
    private async Task<Correction> RequireAsync(string accountId, string correctionId, CancellationToken cancellationToken)
    {
        Preconditions.CheckId(accountId);
        var correction = await _commands.Store.RequireCorrectionAsync(correctionId, cancellationToken).ConfigureAwait(false);
        return correction.AccountId == accountId ? correction : throw new NotFoundException("correction", correctionId);
    }

    private static bool SameRequest(Correction existing, Correction requested) =>
        existing.AccountId == requested.AccountId && existing.Amount == requested.Amount && existing.Description == requested.Description
        && existing.RequestedBy == requested.RequestedBy && existing.Corrects == requested.Corrects;
}
