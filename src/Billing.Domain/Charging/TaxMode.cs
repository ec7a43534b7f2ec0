namespace Billing.Domain.Charging;

/// <summary>Whether a line's prices include its taxes.</summary>
public enum TaxMode
{
    /// <summary>Prices are net; taxes are added on top: amount = net + taxes.</summary>
    Exclusive,

    /// <summary>Prices include the taxes; net and taxes are extracted from them: net + taxes = the price, to the minor unit.</summary>
    Inclusive,
}
