using Billing.Domain.Charging;
using Billing.Domain.Utility;

namespace Billing.Domain.Invoices;

/// <summary>A subscription and the charges closed for it in a billing period, as the host's plans price them.</summary>
/// <param name="Subscription">The Subscriptions table row.</param>
/// <param name="Charges">Its charges, in order; a subscription without charges is left off the invoice.</param>
public sealed record SubscriptionCharges(InvoiceSubscription Subscription, IReadOnlyList<ChargeSpec> Charges)
{
    /// <summary>Gets the Subscriptions table row.</summary>
    public InvoiceSubscription Subscription { get; } = Preconditions.CheckNotNull(Subscription);

    /// <summary>Gets its charges, in order; a subscription without charges is left off the invoice.</summary>
    public IReadOnlyList<ChargeSpec> Charges { get; } = Preconditions.CheckNotNull(Charges);
}
