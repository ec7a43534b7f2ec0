namespace Billing.Domain.Benchmarks;

/// <summary>A charge line as a team writes it by hand: a mutable class with a string currency.</summary>
public sealed class NaiveLineItem
{
    /// <summary>Gets or sets the quantity.</summary>
    public decimal Quantity { get; set; }

    /// <summary>Gets or sets the unit price.</summary>
    public decimal UnitPrice { get; set; }

    /// <summary>Gets or sets the discount percentage.</summary>
    public decimal DiscountPercent { get; set; }

    /// <summary>Gets or sets the currency code.</summary>
    public string Currency { get; set; } = "";
}

/// <summary>The result object a hand-written calculation allocates per line.</summary>
public sealed class NaiveLineResult
{
    /// <summary>Gets or sets the net.</summary>
    public decimal Net { get; set; }

    /// <summary>Gets or sets the tax.</summary>
    public decimal Tax { get; set; }

    /// <summary>Gets or sets the currency code.</summary>
    public string Currency { get; set; } = "";
}
