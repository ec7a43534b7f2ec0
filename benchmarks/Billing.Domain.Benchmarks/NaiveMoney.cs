namespace Billing.Domain.Benchmarks;

/// <summary>The money type a team writes by hand: a class, a string currency code, checks by string comparison.</summary>
/// <param name="Amount">The amount.</param>
/// <param name="Currency">The currency code.</param>
public sealed record NaiveMoney(decimal Amount, string Currency)
{
    /// <summary>Adds another amount after comparing currency codes.</summary>
    /// <param name="other">The amount to add.</param>
    /// <returns>A new amount.</returns>
    public NaiveMoney Add(NaiveMoney other) =>
        string.Equals(Currency, other.Currency, StringComparison.OrdinalIgnoreCase)
            ? new NaiveMoney(Amount + other.Amount, Currency)
            : throw new InvalidOperationException("Currency mismatch.");

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
}
