namespace Billing.Domain;

/// <summary>
/// Thrown when a well-formed currency code is not in the registry it was looked up in.
/// </summary>
/// <remarks>
/// ISO 4217 codes are always known. A host's own currencies (credits, tokens) are known to the
/// <see cref="CurrencyRegistry"/> they were added to; use that registry's lookup, or the non-throwing
/// <see cref="CurrencyRegistry.TryFromCode(string?, out Currency)"/>.
/// </remarks>
public sealed class UnknownCurrencyException : BillingException
{
    /// <summary>The stable code of this rule: <c>currency.unknown</c>.</summary>
    public const string ErrorCode = "currency.unknown";

    /// <summary>Initializes a new instance for the code that was not found.</summary>
    /// <param name="currencyCode">The code that was looked up.</param>
    public UnknownCurrencyException(string currencyCode)
        : base(ErrorCode, $"Unknown currency code '{currencyCode}'.")
    {
        CurrencyCode = currencyCode;
    }

    /// <summary>Gets the currency code that was looked up and not found.</summary>
    public string CurrencyCode { get; }
}
