using Billing.Domain.Subscriptions;

namespace Billing.Domain.Invoices;

/// <summary>A row of the invoice's Subscriptions table: a subscription with charges closed in the period.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Name">The subscription's name.</param>
/// <param name="Status">Its current status when the invoice was made.</param>
public sealed record InvoiceSubscription(string Id, string Name, SubscriptionStatus Status);
