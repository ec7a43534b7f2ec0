using System.Diagnostics;
using System.Runtime.CompilerServices;
using Billing.Domain.Diagnostics;
using System.Globalization;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Periods;
using Billing.Domain.Corrections;
using Billing.Domain.Prepaid;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.Invoices;

/// <summary>
/// Closes accounts' ended billing periods into Prepay invoices: marks the account's ledger closed through the
/// period's end (so activity arriving later is booked into the open period), gathers the subscription charges the
/// billing run closed in the period, the consumption and the corrections booked in the period, makes the invoice, takes the next number of its series
/// and saves both in one commit. Closing the same account and period again returns the invoice already made.
/// </summary>
public sealed class PrepayInvoicing
{
    private readonly IInvoiceStore _invoices;
    private readonly IPrepaidStore _prepaid;
    private readonly ChargeEngine _engine;
    private readonly InvoiceNumbering _numbering;
    private readonly IClock _clock;
    private readonly CommandRunner _runner;

    /// <summary>Initializes the service.</summary>
    /// <param name="invoices">The invoice store.</param>
    /// <param name="prepaid">The prepaid store: the account's ledger, its consumption and corrections.</param>
    /// <param name="engine">The charge engine pricing the lines.</param>
    /// <param name="numbering">How invoices take their numbers.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public PrepayInvoicing(
        IInvoiceStore invoices, IPrepaidStore prepaid, ChargeEngine engine, InvoiceNumbering numbering, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _invoices = Preconditions.CheckNotNull(invoices);
        _prepaid = Preconditions.CheckNotNull(prepaid);
        _engine = Preconditions.CheckNotNull(engine);
        _numbering = Preconditions.CheckNotNull(numbering);
        _clock = Preconditions.CheckNotNull(clock);
        _runner = new CommandRunner(retry, logger);
    }

    /// <summary>Closes one account's period.</summary>
    /// <param name="account">The account's period.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Made, or already made, with the invoice.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="PeriodNotEndedException">The period has not ended in the account's time zone.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened; nothing is written and no number taken.</exception>
    /// <exception cref="CurrencyMismatchException">The period's currency is not the ledger's.</exception>
    /// <exception cref="ArgumentException">A charge is in another currency than the account.</exception>
    public async Task<PrepayCloseResult> CloseAsync(PrepayPeriod account, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(account);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var result = await CloseOnceAsync(account, cancellationToken).ConfigureAwait(false);
            outcome = Texts.SnakeCase(result.Outcome.ToString());
            if (result.Outcome == PrepayCloseOutcome.Made)
            {
                BillingLog.PeriodClosed(_runner.Logger, account.AccountId, account.Period, result.Invoice!.Number, result.Invoice.Total);
            }

            return result;
        }
        finally
        {
            BillingTelemetry.CloseDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(BillingTelemetry.Tags.Outcome, outcome));
        }
    }

    private async Task<PrepayCloseResult> CloseOnceAsync(PrepayPeriod account, CancellationToken cancellationToken)
    {
        if (await _invoices.FindPrepayInvoiceAsync(account.AccountId, account.Period, cancellationToken).ConfigureAwait(false) is { } made)
        {
            return new PrepayCloseResult(account.AccountId, PrepayCloseOutcome.AlreadyMade, made);
        }

        var now = _clock.GetCurrentInstant();
        var range = new InstantRange(account.TimeZone.StartOf(account.Period.Start), account.TimeZone.StartOf(account.Period.End));
        if (now < range.End!.Value)
        {
            throw new PeriodNotEndedException(account.AccountId, range.End.Value, now);
        }

        var ledger = await _prepaid.RequireAccountAsync(account.AccountId, cancellationToken).ConfigureAwait(false);
        if (ledger.Currency != account.Currency)
        {
            throw new CurrencyMismatchException(ledger.Currency, account.Currency);
        }

        // Closed first: a call or correction racing this close either committed before (and is read below) or is
        // booked after the period's end; none is left off both invoices.
        await _runner.RunAsync("prepay.close_ledger", async () =>
        {
            var head = await _prepaid.RequireAccountAsync(account.AccountId, cancellationToken).ConfigureAwait(false);
            var closed = head.CloseThrough(range.End.Value);
            return closed == head ? head : (await _prepaid.CommitAsync(new PrepaidChange(closed), cancellationToken).ConfigureAwait(false)).Account!;
        }, cancellationToken).ConfigureAwait(false);

        var invoice = await BuildAsync(account, range, now, cancellationToken).ConfigureAwait(false);
        return await _runner.RunAsync("prepay.number_invoice", async () =>
        {
            if (await _invoices.FindPrepayInvoiceAsync(account.AccountId, account.Period, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return new PrepayCloseResult(account.AccountId, PrepayCloseOutcome.AlreadyMade, raced);
            }

            var saved = await _numbering.CommitNumberedAsync(_invoices, invoice, before: null, cancellationToken).ConfigureAwait(false);
            return new PrepayCloseResult(account.AccountId, PrepayCloseOutcome.Made, saved);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes many accounts' periods, one after the other, never stopping at a failure.</summary>
    /// <param name="accounts">The accounts' periods.</param>
    /// <param name="progress">Told after each account how many are done and how the last one went, if given.</param>
    /// <param name="cancellationToken">Cancels the run; accounts not reached are not reported.</param>
    /// <returns>One result per account, in order: made, already made, or failed with the exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accounts"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Task<IReadOnlyList<PrepayCloseResult>> CloseAllAsync(
        IEnumerable<PrepayPeriod> accounts, IProgress<PrepayCloseProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CloseEachAsync(Each(Preconditions.CheckNotNull(accounts)), progress, cancellationToken);

    /// <summary>
    /// Closes a period for every account the prepaid store lists (<see cref="Ledger.ILedgerStore.ListAccountsAsync"/>), each
    /// as its stored profile describes it (<see cref="PrepayPeriod.Of"/>): nothing for the host to remember, so a close after
    /// a restart finds every account. Accounts opened on or after the period's end, in their zone, are left out; accounts
    /// closed already report <see cref="PrepayCloseOutcome.AlreadyMade"/>. One after the other, never stopping at a failure.
    /// </summary>
    /// <param name="period">The billing period to close.</param>
    /// <param name="progress">Told after each account how many are done and how the last one went, if given.</param>
    /// <param name="cancellationToken">Cancels the run; accounts not reached are not reported.</param>
    /// <returns>One result per account, by account id: made, already made, or failed with the exception.</returns>
    /// <exception cref="ArgumentException">The period is default (it holds no day).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public Task<IReadOnlyList<PrepayCloseResult>> CloseAllAsync(
        BillingPeriod period, IProgress<PrepayCloseProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckArgument(period.End > period.Start, nameof(period), "The period is default(BillingPeriod), which holds no day.");
        return CloseEachAsync(ListedAsync(period, cancellationToken), progress, cancellationToken);
    }

    private async Task<IReadOnlyList<PrepayCloseResult>> CloseEachAsync(
        IAsyncEnumerable<PrepayPeriod> accounts, IProgress<PrepayCloseProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var results = new List<PrepayCloseResult>();
        await foreach (var account in accounts.ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                results.Add(await CloseAsync(account, cancellationToken).ConfigureAwait(false));
            }
#pragma warning disable CA1031 // A failure of one account, whatever it is, is reported and the run goes on: that is the contract.
            catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
            {
                results.Add(new PrepayCloseResult(account?.AccountId ?? "(null)", PrepayCloseOutcome.Failed, null, failure));
            }

            progress?.Report(new PrepayCloseProgress(results.Count, results[^1]));
        }

        var failed = results.Count(r => r.Outcome == PrepayCloseOutcome.Failed);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        BillingLog.CloseCompleted(_runner.Logger, results.Count, failed, seconds);
        return results;
    }

    // Page by page, by id: a close moves a head's version but not its place, and an account opened meanwhile can only push
    // later ones a page on (listed twice, closed once), never make one missed.
    private async IAsyncEnumerable<PrepayPeriod> ListedAsync(BillingPeriod period, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        for (var page = new PageRequest(1, PageRequest.MaxSize); ; page = new PageRequest(page.Number + 1, page.Size))
        {
            var accounts = await _prepaid.ListAccountsAsync(new Ledger.AccountQuery { Page = page }, cancellationToken).ConfigureAwait(false);
            foreach (var account in accounts.Items.Where(a => a.OpenedAt < a.Profile.TimeZone.StartOf(period.End) && listed.Add(a.AccountId)))
            {
                yield return PrepayPeriod.Of(account, period);
            }

            if (!accounts.HasNext)
            {
                yield break;
            }
        }
    }

    private static async IAsyncEnumerable<PrepayPeriod> Each(IEnumerable<PrepayPeriod> accounts)
    {
        foreach (var account in accounts)
        {
            yield return account;
        }
    }

    private async Task<Invoice> BuildAsync(PrepayPeriod account, InstantRange range, Instant now, CancellationToken cancellationToken)
    {
        // The subscription charges the billing run closed in the period (paid from the balance then), by period and id.
        var closed = await Pages.AllAsync(page => _prepaid.QueryChargesAsync(
            new SubscriptionChargeQuery(account.AccountId) { Status = SubscriptionChargeStatus.Closed, Closed = range, Page = page }, cancellationToken)).ConfigureAwait(false);
        var rows = new List<InvoiceSubscription>();
        foreach (var subscriptionId in closed.Select(c => c.SubscriptionId).Distinct(StringComparer.Ordinal))
        {
            var subscription = await _prepaid.FindSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false) ?? throw new NotFoundException("subscription", subscriptionId);
            rows.Add(new InvoiceSubscription(subscription.Id, subscription.Name, subscription.Status));
        }

        var usage = new List<ChargeSpec>();
        foreach (var sum in await _prepaid.SumConsumptionAsync(account.AccountId, range, cancellationToken).ConfigureAwait(false))
        {
            static string Kind(long tokens, string kind) => tokens > 0 ? string.Create(CultureInfo.InvariantCulture, $", {tokens:N0} {kind}") : "";
            var description = string.Create(
                CultureInfo.InvariantCulture,
                $"Usage {sum.Model} ({sum.TokenName}): {sum.Calls:N0} calls, {sum.InputTokens:N0} input, {sum.OutputTokens:N0} output{Kind(sum.CachedInputTokens, "cached")}{Kind(sum.ReasoningTokens, "reasoning")}{Kind(sum.ImageTokens, "image")}{Kind(sum.AudioTokens, "audio")} tokens");
            usage.Add(ChargeSpec.For(description, sum.Calls, new RatedAmount(sum.Cost)) with
            {
                IsPayAsYouGoExternal = true,
                Taxes = account.UsageTaxes,
            });
        }

        var approved = await Pages.AllAsync(page => _prepaid.QueryCorrectionsAsync(
            new CorrectionQuery(account.AccountId) { Status = CorrectionStatus.Approved, Booked = range, Page = page }, cancellationToken)).ConfigureAwait(false);
        var corrections = approved
            .OrderBy(c => c.ApprovedAt).ThenBy(c => c.CorrectionId, StringComparer.Ordinal)
            .Select((c, i) => new InvoiceCorrection(i + 1, c.CorrectionId, c.Description, c.Amount, c.ApprovedAt!.Value))
            .ToList();
        List<ChargeLine> lines = [.. closed.Select(c => c.Line), .. usage.Count == 0 ? [] : _engine.CalculateDocument(usage).Lines];
        Preconditions.CheckArgument(
            lines.All(l => l.Amount.Currency == account.Currency), nameof(account), $"A charge of account {account.AccountId} is not in its currency {account.Currency.Code}.");
        return Invoice.ClosePrepay(
            account.InvoiceId, account.AccountId, account.AccountName, account.Period, account.Currency,
            lines.Count == 0 ? null : ChargeDocument.Of(account.Currency, lines), rows, corrections, now,
            await CreditsAsync(account.AccountId, account.Currency, range, cancellationToken).ConfigureAwait(false)) with { AccountType = account.AccountType };
    }

    // The Credits table: the grants the period's ledger entries moved, in the order they first drew them; what the
    // debits drew (less what was given back) and what expired. The source comes from the entry that opened each.
    private async Task<List<InvoiceCredit>> CreditsAsync(string accountId, Currency currency, InstantRange range, CancellationToken cancellationToken)
    {
        var entries = await Pages.AllAsync(page => _prepaid.ListEntriesAsync(accountId, range, page, cancellationToken)).ConfigureAwait(false);
        var moved = new List<(string GrantId, decimal Spent, decimal Expired)>();
        foreach (var entry in entries)
        {
            foreach (var movement in entry.GrantMovements.Where(m => m.GrantId != entry.IdempotencyKey))   // not a new grant paying off what was on credit
            {
                var index = moved.FindIndex(m => m.GrantId == movement.GrantId);
                if (index < 0)
                {
                    moved.Add((movement.GrantId, 0m, 0m));
                    index = moved.Count - 1;
                }

                var amount = -movement.Amount.Amount;
                moved[index] = entry.Kind == Ledger.LedgerEntryKind.GrantExpiry
                    ? moved[index] with { Expired = moved[index].Expired + amount }
                    : moved[index] with { Spent = moved[index].Spent + amount };
            }
        }

        var credits = new List<InvoiceCredit>(moved.Count);
        foreach (var (grantId, spent, expired) in moved)
        {
            var opened = entries.FirstOrDefault(e => e.IdempotencyKey == grantId) ?? await _prepaid.FindEntryAsync(accountId, grantId, cancellationToken).ConfigureAwait(false);
            credits.Add(new InvoiceCredit(
                credits.Count + 1, grantId, opened?.OpensGrant?.Source ?? Grants.CreditSource.Paid, new Money(spent, currency), new Money(expired, currency)));
        }

        return credits;
    }
}
