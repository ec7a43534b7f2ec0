using Billing.Domain.Subscriptions;
using Billing.Domain.Utility;

namespace Billing.Domain.Invoices;

/// <summary>A row of the invoice's Subscriptions table: a subscription with charges closed in the period.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Name">The subscription's name.</param>
/// <param name="Status">Its current status when the invoice was made.</param>
public sealed record InvoiceSubscription(string Id, string Name, SubscriptionStatus Status)
{
    /// <summary>Gets the subscription's id.</summary>
    public string Id { get; } = Preconditions.CheckNotNull(Id);

    /// <summary>Gets the subscription's name.</summary>
    public string Name { get; } = Preconditions.CheckNotNull(Name);

    /// <summary>Gets its current status when the invoice was made.</summary>
    public SubscriptionStatus Status { get; } = Preconditions.CheckNotNull(Status);
}
