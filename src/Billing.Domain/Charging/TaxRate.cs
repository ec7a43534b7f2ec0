using Billing.Domain.Utility;

namespace Billing.Domain.Charging;

/// <summary>A tax that applies to a charge line, such as VAT at 21 %.</summary>
public sealed record TaxRate
{
    /// <summary>Initializes a tax rate.</summary>
    /// <param name="name">The tax's name as the invoice shows it, such as <c>VAT 21%</c>; rates are told apart by name and percentage.</param>
    /// <param name="percent">The rate, 0 to 100.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is outside 0 to 100.</exception>
    public TaxRate(string name, decimal percent)
    {
        Preconditions.CheckNotNull(name);
        Preconditions.CheckArgument(!string.IsNullOrWhiteSpace(name), nameof(name), "A tax has a name.");
        Name = name;
        Percent = percent is >= 0m and <= 100m ? percent : throw new ArgumentOutOfRangeException(nameof(percent), percent, "A tax rate is between 0 and 100.");
    }

    /// <summary>Gets the tax's name.</summary>
    public string Name { get; }

    /// <summary>Gets the rate, 0 to 100.</summary>
    public decimal Percent { get; }
}
