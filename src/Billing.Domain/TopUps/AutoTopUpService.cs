using Billing.Domain.Events;
using Billing.Domain.Ledger;
using Billing.Domain.Payments;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Utility;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// Tops accounts up automatically (<see cref="PrepaidAccount.AutoTopUp"/>): for each crossing of the threshold
/// (<see cref="AutoTopUpDue"/>) it creates one top-up order, named by the crossing (<see cref="OrderIdFor"/>), and
/// starts its payment through the payment port. At most one automatic order of an account is in flight (Pending or
/// Processing); a failed or declined one is not tried again: the next order comes with the next crossing, after a
/// credit has lifted the balance to the threshold or above. Register it with the <see cref="BillingEventDispatcher"/>
/// as a consumer, or call <see cref="TopUpAsync"/> with the crossing.
/// </summary>
public sealed class AutoTopUpService : IBillingEventConsumer
{
    private readonly PrepaidCommands _commands;
    private readonly TopUpService _topUps;

    /// <summary>Initializes the service.</summary>
    /// <param name="store">The prepaid store.</param>
    /// <param name="gateway">The payment gateway that charges the saved method.</param>
    /// <param name="clock">The clock stamping the orders.</param>
    /// <param name="retry">How a command is tried again when its commit loses a race; <see cref="ConflictRetryPolicy.Default"/> when null.</param>
    /// <param name="logger">Where the service logs replays, refusals and retries; nowhere when null.</param>
    /// <exception cref="ArgumentNullException">A dependency is null.</exception>
    public AutoTopUpService(IPrepaidStore store, IPaymentGateway gateway, IClock clock, ConflictRetryPolicy? retry = null, ILogger? logger = null)
    {
        _commands = new PrepaidCommands(store, clock, retry, logger);
        _topUps = new TopUpService(store, gateway, clock, retry, logger);
    }

    /// <summary>Returns the id of the automatic top-up order of a crossing.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="sequence">The sequence of the ledger entry that crossed the threshold.</param>
    /// <returns><c>auto-</c>, the account and the sequence.</returns>
    public static string OrderIdFor(string accountId, long sequence) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"auto-{accountId}-{sequence}");

    /// <inheritdoc/>
    public Task HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken = default) =>
        Preconditions.CheckNotNull(billingEvent) is AutoTopUpDue due ? TopUpAsync(due.AccountId, due.Sequence, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Creates and starts the automatic top-up order of a crossing, unless the account has none set, its balance is
    /// back at the threshold or above, or another automatic order of it is in flight. The same crossing again returns
    /// its order as it is, whatever became of it (a failed one is not tried again).
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="sequence">The sequence of the ledger entry that crossed the threshold (<see cref="AutoTopUpDue.Sequence"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The crossing's order after the gateway's answer, or null when none was made.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is not 1 or more.</exception>
    /// <exception cref="NotFoundException">The account's ledger was never opened.</exception>
    /// <remarks>When the gateway throws, the order stays Pending (in flight) and the exception propagates; a confirmation or <see cref="TopUpService.RefreshAsync"/> settles it.</remarks>
    public async Task<TopUpOrder?> TopUpAsync(string accountId, long sequence, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(accountId);
        if (sequence < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "A ledger entry's sequence is 1 or more.");
        }

        var orderId = OrderIdFor(accountId, sequence);
        var created = await _commands.RunAsync("top_up.auto", async () =>
        {
            if (await _commands.Store.FindOrderAsync(orderId, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var account = await _commands.Store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account.AutoTopUp is not { } policy || account.Balance >= policy.Threshold || await InFlightAsync(accountId, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var order = TopUpOrder.Create(orderId, accountId, policy.Amount, policy.PaymentAmount, policy.PaymentMethod, _commands.Now);
            // the head is written with the order (its version moves), so two crossings deciding at once conflict, and the
            // one tried again sees the other's order in flight
            return (await _commands.CommitAsync(new PrepaidChange(account, order: order), cancellationToken).ConfigureAwait(false)).Order;
        }, cancellationToken).ConfigureAwait(false);
        return created is null ? null : await _topUps.StartPaymentAsync(created.OrderId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> InFlightAsync(string accountId, CancellationToken cancellationToken)
    {
        var prefix = OrderIdFor(accountId, 0)[..^1];
        var open = await Pages.AllAsync(page => _commands.Store.QueryOrdersAsync(
            new TopUpOrderQuery(accountId) { Statuses = new HashSet<TopUpStatus> { TopUpStatus.Pending, TopUpStatus.Processing }, Page = page }, cancellationToken)).ConfigureAwait(false);
        return open.Any(o => o.OrderId.StartsWith(prefix, StringComparison.Ordinal));
    }
}
