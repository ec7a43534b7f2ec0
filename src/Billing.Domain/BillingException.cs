namespace Billing.Domain;

/// <summary>
/// The base of every exception Billing.Domain throws when valid input would break a billing rule.
/// </summary>
/// <remarks>
/// Bad arguments (null, out of range, malformed) throw the <see cref="ArgumentException"/> family instead.
/// Every rule has its own stable <see cref="Code"/>, such as <c>money.currency_mismatch</c>, that a host
/// can map to its own error contract; codes never change once released. The full list is in
/// <c>docs/errors.md</c>.
/// </remarks>
public abstract class BillingException : InvalidOperationException
{
    /// <summary>Initializes a new instance with the rule's stable code and a message.</summary>
    /// <param name="code">The stable code of the broken rule.</param>
    /// <param name="message">A message for people; it may change between releases.</param>
    protected BillingException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Initializes a new instance with the rule's stable code, a message and the error that caused it.</summary>
    /// <param name="code">The stable code of the broken rule.</param>
    /// <param name="message">A message for people; it may change between releases.</param>
    /// <param name="innerException">The error that caused it, or null.</param>
    protected BillingException(string code, string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Gets the stable, machine-readable code of the rule that was broken.</summary>
    /// <value>A lower-case dotted code such as <c>money.currency_mismatch</c>.</value>
    public string Code { get; }
}
