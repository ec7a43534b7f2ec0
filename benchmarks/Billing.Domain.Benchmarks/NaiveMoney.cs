namespace Billing.Domain.Benchmarks;

/// <summary>The money type a team writes by hand: a class, a string currency code, checks by string comparison.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">The currency code.</param>
public sealed record NaiveMoney(decimal Amount, string Currency)
{
    /// <summary>Adds another amount after comparing currency codes.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>A new amount.</returns>
    public NaiveMoney Add(NaiveMoney other) => new(Amount + SameCurrency(other).Amount, Currency);

    /// <summary>Subtracts another amount after comparing currency codes.</summary>
    /// <param name="other">The amount to subtract.</param>
    /// <returns>A new amount.</returns>
    public NaiveMoney Subtract(NaiveMoney other) => new(Amount - SameCurrency(other).Amount, Currency);

    /// <summary>Multiplies by a factor.</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>A new amount.</returns>
    public NaiveMoney Times(decimal factor) => new(Amount * factor, Currency);

    /// <summary>Rounds half away from zero.</summary>
    /// <param name="decimals">The decimals to keep.</param>
    /// <returns>A new amount.</returns>
    public NaiveMoney Round(int decimals) => new(Math.Round(Amount, decimals, MidpointRounding.AwayFromZero), Currency);

    /// <summary>Splits into parts in cents, the first parts taking the leftover cents.</summary>
    /// <param name="money">The amount.</param>
    /// <param name="parts">The number of parts.</param>
    /// <returns>The parts.</returns>
    public static NaiveMoney[] Split(NaiveMoney money, int parts)
    {
        var cents = (long)(money.Amount * 100);
        var shares = Enumerable.Range(0, parts).Select(_ => cents / parts).ToList();
        var left = cents - shares.Sum();
        for (var i = 0; i < left; i++)
        {
            shares[i]++;
        }

        return shares.Select(s => new NaiveMoney(s / 100m, money.Currency)).ToArray();
    }

    private NaiveMoney SameCurrency(NaiveMoney other) =>
        string.Equals(Currency, other.Currency, StringComparison.OrdinalIgnoreCase) ? other : throw new InvalidOperationException("Currency mismatch.");
}
