namespace Billing.Domain;

public readonly partial struct Money
{
    /// <summary>Adds two amounts of the same currency, exactly.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="InvalidOperationException">Either amount is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator +(Money left, Money right) => Add(left, right);

    /// <summary>Subtracts an amount from another of the same currency, exactly.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="InvalidOperationException">Either amount is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The difference is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator -(Money left, Money right) => Subtract(left, right);

    /// <summary>Negates an amount.</summary>
    /// <param name="money">The amount.</param>
    /// <returns>The amount with the opposite sign.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    public static Money operator -(Money money) => Negate(money);

    /// <summary>Multiplies an amount by a factor, exactly and unrounded.</summary>
    /// <param name="money">The amount.</param>
    /// <param name="factor">The factor, such as a quantity or a rate.</param>
    /// <returns>The product, with every decimal it has.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The product is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator *(Money money, decimal factor) => Multiply(money, factor);

    /// <summary>Multiplies an amount by a factor, exactly and unrounded.</summary>
    /// <param name="factor">The factor, such as a quantity or a rate.</param>
    /// <param name="money">The amount.</param>
    /// <returns>The product, with every decimal it has.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The product is outside the range of <see cref="decimal"/>.</exception>
    public static Money operator *(decimal factor, Money money) => Multiply(money, factor);

    /// <summary>Divides an amount by a divisor, unrounded.</summary>
    /// <param name="money">The amount.</param>
    /// <param name="divisor">The divisor, not zero.</param>
    /// <returns>The quotient, to the 28 to 29 significant digits a <see cref="decimal"/> holds.</returns>
    /// <remarks>This division can lose money: 10.00 / 3 does not give back 10.00 when multiplied by 3. To share an amount out, use <see cref="Split(int)"/> or <see cref="Allocate(ReadOnlySpan{decimal})"/>.</remarks>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="DivideByZeroException"><paramref name="divisor"/> is zero.</exception>
    public static Money operator /(Money money, decimal divisor) => Divide(money, divisor);

    /// <summary>Adds two amounts of the same currency, exactly.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="InvalidOperationException">Either amount is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public static Money Add(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(Sum(left.Amount, right.Amount), left.Currency);
    }

    /// <summary>Subtracts an amount from another of the same currency, exactly.</summary>
    /// <param name="left">The amount to subtract from.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    /// <exception cref="InvalidOperationException">Either amount is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The difference is outside the range of <see cref="decimal"/>.</exception>
    public static Money Subtract(Money left, Money right)
    {
        EnsureSameCurrency(left, right);
        return new Money(Sum(left.Amount, -right.Amount), left.Currency);
    }

    /// <summary>Negates an amount.</summary>
    /// <param name="money">The amount.</param>
    /// <returns>The amount with the opposite sign.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    public static Money Negate(Money money) => new(-money.EnsureInitialized().Amount, money.Currency);

    /// <summary>Multiplies an amount by a factor, exactly and unrounded.</summary>
    /// <param name="money">The amount.</param>
    /// <param name="factor">The factor, such as a quantity or a rate.</param>
    /// <returns>The product, with every decimal it has.</returns>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The product is outside the range of <see cref="decimal"/>.</exception>
    public static Money Multiply(Money money, decimal factor) => new(Product(money.EnsureInitialized().Amount, factor), money.Currency);

    /// <summary>Divides an amount by a divisor, unrounded.</summary>
    /// <param name="money">The amount.</param>
    /// <param name="divisor">The divisor, not zero.</param>
    /// <returns>The quotient, to the 28 to 29 significant digits a <see cref="decimal"/> holds.</returns>
    /// <remarks>This division can lose money. To share an amount out, use <see cref="Split(int)"/> or <see cref="Allocate(ReadOnlySpan{decimal})"/>.</remarks>
    /// <exception cref="InvalidOperationException"><paramref name="money"/> is <c>default(Money)</c>.</exception>
    /// <exception cref="DivideByZeroException"><paramref name="divisor"/> is zero.</exception>
    public static Money Divide(Money money, decimal divisor) => new(Quotient(money.EnsureInitialized().Amount, divisor), money.Currency);

    /// <summary>Returns the absolute value of this amount.</summary>
    /// <returns>The amount without its sign.</returns>
    /// <exception cref="InvalidOperationException">This is <c>default(Money)</c>.</exception>
    public Money Abs() => new(Math.Abs(EnsureInitialized().Amount), Currency);

    /// <summary>Adds up a sequence of amounts in one currency, exactly.</summary>
    /// <param name="values">The amounts; may be empty.</param>
    /// <param name="currency">The currency of the sum, which every amount must have; it is the currency of zero when <paramref name="values"/> is empty.</param>
    /// <returns>The sum, or zero in <paramref name="currency"/> for an empty sequence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default(Currency)</c>.</exception>
    /// <exception cref="CurrencyMismatchException">An amount is not in <paramref name="currency"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sum is outside the range of <see cref="decimal"/>.</exception>
    public static Money Sum(IEnumerable<Money> values, Currency currency)
    {
        Utility.Preconditions.CheckNotNull(values);
        var total = Zero(currency);
        foreach (var value in values)
        {
            total = Add(total, value);
        }

        return total;
    }

    // Decimal arithmetic that overflows is an argument out of range, never an OverflowException.
    private static decimal Sum(decimal left, decimal right)
    {
        try
        {
            return left + right;
        }
        catch (OverflowException overflow)
        {
            throw OutOfRange("sum", overflow);
        }
    }

    private static decimal Product(decimal left, decimal right)
    {
        try
        {
            return left * right;
        }
        catch (OverflowException overflow)
        {
            throw OutOfRange("product", overflow);
        }
    }

    private static decimal Quotient(decimal left, decimal right)
    {
        try
        {
            return left / right;
        }
        catch (OverflowException overflow)
        {
            throw OutOfRange("quotient", overflow);
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(string result, OverflowException overflow) => new($"The {result} is outside the range of decimal.", overflow);
}
