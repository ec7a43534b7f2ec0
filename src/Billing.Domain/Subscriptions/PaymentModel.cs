namespace Billing.Domain.Subscriptions;

/// <summary>Whether the account pays before or after it uses the service.</summary>
public enum PaymentModel
{
    /// <summary>Paid in advance from a prepaid balance; invoices are made after the period and closed at once.</summary>
    Prepaid,

    /// <summary>Paid after use against an invoice; an expired payment blocks the subscription.</summary>
    Postpaid,
}
