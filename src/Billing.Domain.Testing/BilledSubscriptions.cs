using Billing.Domain.Charging;
using Billing.Domain.Ledger;
using Billing.Domain.Periods;
using Billing.Domain.Prepaid;
using Billing.Domain.Subscriptions;
using NodaTime;

namespace Billing.Domain.Testing;

/// <summary>
/// Puts into a prepaid store what the billing run leaves for a subscription, without a plan catalog or a run: tests of
/// what reads charges (invoices, reconciliation, renderers) set up their month with it.
/// </summary>
public static class BilledSubscriptions
{
    /// <summary>
    /// Stores a prepaid subscription, Active since <paramref name="closedAt"/>, and one closed charge of it for
    /// <paramref name="period"/> priced from <paramref name="spec"/>, debited from the account's balance in the same
    /// commit, as the billing run does.
    /// </summary>
    /// <param name="store">The store; it holds the account's ledger.</param>
    /// <param name="accountId">The account, whose ledger is open in the spec's currency.</param>
    /// <param name="subscriptionId">The new subscription's id; its name is the spec's description.</param>
    /// <param name="spec">What the charge costs.</param>
    /// <param name="period">The period charged.</param>
    /// <param name="closedAt">When the charge was made, paid and closed.</param>
    /// <param name="engine">The engine that prices the line; per line when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The charge as stored.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="Storage.NotFoundException">The account has no ledger.</exception>
    public static async Task<SubscriptionCharge> ChargeAsync(
        IPrepaidStore store, string accountId, string subscriptionId, ChargeSpec spec, BillingPeriod period, Instant closedAt, ChargeEngine? engine = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var subscription = Subscription.Order(subscriptionId, accountId, spec.Description, "plan", BillingType.Recurring, PaymentModel.Prepaid, closedAt, "billing-run");
        subscription.StartActivation(closedAt, "billing-run");
        subscription.CompleteActivation(closedAt, "billing-run");
        var line = (engine ?? new ChargeEngine(ChargePolicy.PerLine)).Calculate(spec);
        var charge = new SubscriptionCharge(
            SubscriptionCharge.KeyFor(subscriptionId, period, "Fee"), accountId, subscriptionId, "plan", 1, "Fee", period, line, SubscriptionChargeStatus.Open, closedAt, null, 0)
            .Close(closedAt);
        var account = await store.RequireAccountAsync(accountId, cancellationToken).ConfigureAwait(false);
        var (debited, debit) = account.Post(LedgerEntryKind.SubscriptionChargeDebit, -charge.Amount, "charge:" + charge.ChargeId, closedAt, charge.ChargeId, line.Description);
        return (await store.CommitAsync(new PrepaidChange(debited, debit, subscription: subscription, charges: [charge]), cancellationToken).ConfigureAwait(false)).Charges[0];
    }
}
