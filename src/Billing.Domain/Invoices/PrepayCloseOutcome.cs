namespace Billing.Domain.Invoices;

/// <summary>What closing one account's period did.</summary>
public enum PrepayCloseOutcome
{
    /// <summary>The invoice was made, numbered and closed.</summary>
    Made,

    /// <summary>The period was closed before; the invoice already made is returned.</summary>
    AlreadyMade,

    /// <summary>Closing failed; nothing was written for this account.</summary>
    Failed,
}
