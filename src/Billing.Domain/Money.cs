using Billing.Domain.Utility;

namespace Billing.Domain;

/// <summary>
/// An exact amount of money: a <see cref="decimal"/> amount in a <see cref="Domain.Currency"/>.
/// </summary>
/// <remarks>
/// <para>
/// Amounts keep every decimal they are given or produce; rounding happens only where a
/// <see cref="RoundingPolicy"/> is applied. Amounts in different currencies never mix: adding, subtracting
/// or comparing them throws <see cref="CurrencyMismatchException"/>. There are no implicit conversions and
/// no <see cref="double"/> anywhere.
/// </para>
/// <para>
/// <c>default(Money)</c> has no currency: its <see cref="Amount"/> is 0 and its <see cref="Currency"/> is
/// <c>default(Currency)</c>; arithmetic, comparison, rounding and allocation on it throw
/// <see cref="InvalidOperationException"/>. Equality is the one thing it supports: it equals only itself.
/// </para>
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.MoneyJsonConverter))]
public readonly partial struct Money : IEquatable<Money>, IComparable<Money>
{
    /// <summary>
    /// The largest amount, in size, that any command of the library accepts from a host (a top-up, a payment, a
    /// correction, a credit limit, a call's cost, an invoice application, a price): 10^15. Inputs within it keep
    /// every sum the library makes far inside the range of <see cref="decimal"/>.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>Initializes a new amount of money.</summary>
    /// <param name="amount">The amount, with as many decimals as it needs.</param>
    /// <param name="currency">The currency.</param>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public Money(decimal amount, Currency currency)
    {
        Currency = Preconditions.CheckInitialized(currency);
        Amount = amount;
    }

    /// <summary>Gets the amount, unrounded unless it was rounded.</summary>
    public decimal Amount { get; }

    /// <summary>Gets the currency.</summary>
    public Currency Currency { get; }

    /// <summary>Gets a value indicating whether the amount is zero.</summary>
    public bool IsZero => Amount == 0m;

    /// <summary>Gets a value indicating whether the amount is greater than zero.</summary>
    public bool IsPositive => Amount > 0m;

    /// <summary>Gets a value indicating whether the amount is less than zero.</summary>
    public bool IsNegative => Amount < 0m;

    /// <summary>Gets −1, 0 or 1 as the amount is negative, zero or positive.</summary>
    public int Sign => Math.Sign(Amount);

    /// <summary>Gets a value indicating whether the amount is a whole number of its currency's minor units (no more decimals than the currency has).</summary>
    public bool IsInMinorUnits => decimal.Round(Amount, Currency.MinorUnits, MidpointRounding.ToZero) == Amount;

    /// <summary>Returns zero in the given currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>Zero, written with the currency's minor units.</returns>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public static Money Zero(Currency currency) =>
        new(DecimalMath.WithScale(0m, Preconditions.CheckInitialized(currency).MinorUnits), currency);

    /// <summary>Returns the amount of one minor unit of the given currency: 0.01 USD, 1 JPY.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>One minor unit.</returns>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    public static Money MinorUnit(Currency currency) => new(Preconditions.CheckInitialized(currency).MinorUnit, currency);

    /// <summary>Returns this amount rounded by <paramref name="policy"/>.</summary>
    /// <param name="policy">The rounding rule to apply.</param>
    /// <returns>The rounded amount, written with exactly the policy's number of decimals.</returns>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>.</exception>
    public Money Round(RoundingPolicy policy) => policy.Round(EnsureInitialized());

    /// <summary>Returns a value indicating whether this and <paramref name="other"/> are the same amount in the same currency.</summary>
    /// <param name="other">The amount to compare with.</param>
    /// <returns>True when currencies are equal and amounts are numerically equal (1.5 equals 1.50).</returns>
    public bool Equals(Money other) => Amount == other.Amount && Currency == other.Currency;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary>Compares two amounts of the same currency.</summary>
    /// <param name="other">The amount to compare with.</param>
    /// <returns>Less than zero, zero or more than zero as this is less than, equal to or greater than <paramref name="other"/>.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="InvalidOperationException">Either amount is <c>default(Money)</c>.</exception>
    public int CompareTo(Money other)
    {
        EnsureSameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>Returns a value indicating whether two amounts are equal.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>True when they are the same amount in the same currency.</returns>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Returns a value indicating whether two amounts differ.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>True when amount or currency differ.</returns>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>Returns a value indicating whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>True when <paramref name="left"/> is the smaller.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Returns a value indicating whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>True when <paramref name="left"/> is the greater.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Returns a value indicating whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>True when <paramref name="left"/> is not the greater.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Returns a value indicating whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>True when <paramref name="left"/> is not the smaller.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    private Money EnsureInitialized() =>
        Currency.IsInitialized
            ? this
            : throw new InvalidOperationException("default(Money) has no currency; create Money with a Currency.");

    private static void EnsureSameCurrency(Money left, Money right)
    {
        left.EnsureInitialized();
        right.EnsureInitialized();
        if (left.Currency != right.Currency)
        {
            throw new CurrencyMismatchException(left.Currency, right.Currency);
        }
    }
}
