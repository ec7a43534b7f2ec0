namespace Billing.Domain.Benchmarks;

/// <summary>A charge line as a team writes it by hand: a mutable class, the price as a class with a string currency.</summary>
public sealed class NaiveLineItem
{
    /// <summary>Gets or sets the quantity.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Gets or sets the unit price.</summary>
    public NaiveMoney UnitPrice { get; set; } = new(0m, "");

    /// <summary>Gets or sets the discount percentage.</summary>
    public decimal DiscountPercent { get; set; }

    /// <summary>Prices the line by hand: a new amount for every step, rounded half away from zero to cents.</summary>
    /// <param name="subtotal">Quantity × unit price, or the line's tiered price.</param>
    /// <param name="taxPercent">The exclusive tax.</param>
    /// <returns>The line's net and tax.</returns>
    public NaiveLineResult Price(NaiveMoney subtotal, decimal taxPercent)
    {
        var discount = subtotal.Times(DiscountPercent / 100m);
        var net = subtotal.Subtract(discount).Round(2);
        return new NaiveLineResult { Net = net, Tax = net.Times(taxPercent / 100m).Round(2) };
    }
}

/// <summary>The result object a hand-written calculation allocates per line.</summary>
public sealed class NaiveLineResult
{
    /// <summary>Gets or sets the net.</summary>
    public NaiveMoney Net { get; set; } = new(0m, "");

    /// <summary>Gets or sets the tax.</summary>
    public NaiveMoney Tax { get; set; } = new(0m, "");
}

/// <summary>A leaner hand-written result: decimals and a currency code in one object per line.</summary>
public sealed class NaiveLineAmounts
{
    /// <summary>Gets or sets the net.</summary>
    public decimal Net { get; set; }

    /// <summary>Gets or sets the tax.</summary>
    public decimal Tax { get; set; }

    /// <summary>Gets or sets the currency code.</summary>
    public string Currency { get; set; } = "";
}

/// <summary>A graduated tier as a team writes it by hand.</summary>
/// <param name="UpTo">The inclusive bound; null for the last tier.</param>
/// <param name="UnitPrice">The price of each unit in the tier.</param>
/// <param name="FlatFee">The fee charged once when a quantity reaches the tier.</param>
public sealed record NaiveTier(decimal? UpTo, NaiveMoney UnitPrice, NaiveMoney FlatFee);
