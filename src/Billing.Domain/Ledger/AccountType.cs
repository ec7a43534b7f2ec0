namespace Billing.Domain.Ledger;

/// <summary>The kind of account a ledger belongs to, as seed 001's invoice list filters by it.</summary>
public enum AccountType
{
    /// <summary>An end customer buying for its own use; the default.</summary>
    Customer,

    /// <summary>A reseller buying to sell on to its own customers.</summary>
    Reseller,
}
