using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Billing.Domain.Utility;

/// <summary>
/// Argument checks shared by every type of the library: each throws a member of the
/// <see cref="ArgumentException"/> family naming the offending parameter.
/// </summary>
internal static class Preconditions
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null.</summary>
    public static T CheckNotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return value;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is in [min, max].</summary>
    public static int CheckRange(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"Value must be between {min} and {max} inclusive.");
        }

        return value;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless a stored aggregate's version is 1 or more: stores advance it from 0 on the first save.</summary>
    public static long CheckStoredVersion(long version, [CallerArgumentExpression(nameof(version))] string? paramName = null) =>
        version >= 1 ? version : throw new ArgumentOutOfRangeException(paramName, version, "A stored aggregate was saved at least once: its version is 1 or more.");

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <paramref name="value"/> is a named value of its enum.</summary>
    public static TEnum CheckDefined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(paramName, value, $"It is not a {typeof(TEnum).Name}.");

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="money"/> is in <paramref name="currency"/>.</summary>
    public static Money CheckCurrency(Money money, Currency currency, [CallerArgumentExpression(nameof(money))] string? paramName = null)
    {
        CheckArgument(money.Currency == currency, paramName ?? nameof(money), $"It is in {money.Currency.Code}, not {currency.Code}.");
        return money;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with <paramref name="message"/> when <paramref name="condition"/> is false.</summary>
    public static void CheckArgument([DoesNotReturnIf(false)] bool condition, string paramName, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="currency"/> is <c>default(Currency)</c>.</summary>
    public static Currency CheckInitialized(Currency currency, [CallerArgumentExpression(nameof(currency))] string? paramName = null)
    {
        if (!currency.IsInitialized)
        {
            throw new ArgumentException("The currency is default(Currency), which is not a currency.", paramName);
        }

        return currency;
    }

    /// <summary>
    /// Checks free text (a description, a reason, remarks): throws <see cref="ArgumentNullException"/> when it is
    /// null and <see cref="ArgumentException"/> when it is empty or white space, or holds a control character other
    /// than tab, line feed and carriage return (NUL among them).
    /// </summary>
    public static string CheckText([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value may not be empty.", paramName);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                throw new ArgumentException($"The value holds the control character U+{(int)c:X4}.", paramName);
            }
        }

        return value;
    }

    /// <summary>
    /// Checks an id or a name (an account, order, request or series id; an account, token or model name; a person):
    /// not null, not empty, at most <see cref="Texts.MaxIdLength"/> characters, no white space at either end, and no
    /// control or invisible format character (NUL, line breaks, zero-width and bidi characters).
    /// </summary>
    public static string CheckId([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value may not be empty.", paramName);
        }

        if (Texts.IdProblem(value) is { } problem)
        {
            throw new ArgumentException(problem, paramName);
        }

        return value;
    }

    /// <summary>Checks a person's name as <see cref="Actors.ActorIdentity"/> reads it, and returns it trimmed.</summary>
    public static string CheckActor([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return Actors.ActorIdentity.Check(value, paramName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for <c>default(Money)</c>.</summary>
    public static Money CheckMoney(Money money, [CallerArgumentExpression(nameof(money))] string? paramName = null)
    {
        CheckInitialized(money.Currency, paramName);
        return money;
    }

    /// <summary>
    /// Checks an amount a host passes in: it has a currency, and its size is at most <see cref="Money.MaxAmount"/>
    /// (<see cref="ArgumentOutOfRangeException"/> otherwise), so that no later sum can overflow.
    /// </summary>
    public static Money CheckAmount(Money money, [CallerArgumentExpression(nameof(money))] string? paramName = null)
    {
        CheckInitialized(money.Currency, paramName);
        if (Math.Abs(money.Amount) > Money.MaxAmount)
        {
            throw new ArgumentOutOfRangeException(paramName, money, $"An amount is at most {Money.MaxAmount:N0} in size.");
        }

        return money;
    }

    /// <summary>Checks an amount as <see cref="CheckAmount"/> does, and that it has no more decimals than its currency's minor units (<see cref="AmountNotRoundedException"/>).</summary>
    public static Money CheckMinorUnits(Money money, [CallerArgumentExpression(nameof(money))] string? paramName = null) =>
        CheckAmount(money, paramName).IsInMinorUnits ? money : throw new AmountNotRoundedException(money);

    /// <summary>Checks an amount paid or granted: as <see cref="CheckMinorUnits"/>, and more than 0 (<see cref="ArgumentOutOfRangeException"/> otherwise).</summary>
    public static Money CheckPayable(Money money, [CallerArgumentExpression(nameof(money))] string? paramName = null)
    {
        CheckAmount(money, paramName);
        if (money.Amount <= 0m)
        {
            throw new ArgumentOutOfRangeException(paramName, money, "An amount paid or granted is more than 0.");
        }

        return CheckMinorUnits(money, paramName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="value"/> is longer than <paramref name="maxLength"/>.</summary>
    public static string? CheckLength(string? value, int maxLength, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is not null && value.Length > maxLength)
        {
            throw new ArgumentException($"The value is {value.Length} characters long; at most {maxLength} are allowed.", paramName);
        }

        return value;
    }
}
