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

    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null and <see cref="ArgumentException"/> when it is empty or white space.</summary>
    public static string CheckText([NotNull] string? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value may not be empty.", paramName);
        }

        return value;
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
