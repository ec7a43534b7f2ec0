namespace Billing.Domain;

/// <summary>
/// Thrown when two amounts in different currencies meet in one operation (add, subtract, compare, sum).
/// </summary>
public sealed class CurrencyMismatchException : BillingException
{
    /// <summary>The stable code of this rule: <c>money.currency_mismatch</c>.</summary>
    public const string ErrorCode = "money.currency_mismatch";

    /// <summary>Initializes a new instance naming both currencies.</summary>
    /// <param name="expected">The currency of the left operand, or of the accumulation.</param>
    /// <param name="actual">The currency that did not match it.</param>
    public CurrencyMismatchException(Currency expected, Currency actual)
        : base(ErrorCode, $"Currency mismatch: expected {Describe(expected)} but got {Describe(actual)}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Gets the currency of the left operand, or of the accumulation.</summary>
    public Currency Expected { get; }

    /// <summary>Gets the currency that did not match <see cref="Expected"/>.</summary>
    public Currency Actual { get; }

    private static string Describe(Currency currency) => currency.IsInitialized ? currency.Code : "default(Currency)";
}
