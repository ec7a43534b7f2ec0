namespace Billing.Domain.Testing.Payments;

/// <summary>How <see cref="InMemoryPaymentGateway"/> behaves for an order's payment.</summary>
public sealed record PaymentScript
{
    private PaymentScript(PaymentScriptKind kind, int callbacks = 0, Money? amount = null, string? reason = null)
    {
        Kind = kind;
        Callbacks = callbacks;
        Amount = amount;
        Reason = reason;
    }

    /// <summary>Gets the kind of behaviour.</summary>
    public PaymentScriptKind Kind { get; }

    /// <summary>Gets how many times the confirmation callback is queued.</summary>
    public int Callbacks { get; }

    /// <summary>Gets the amount paid, when not the requested one.</summary>
    public Money? Amount { get; }

    /// <summary>Gets the decline reason.</summary>
    public string? Reason { get; }

    /// <summary>Accepted, then paid: one confirmation callback.</summary>
    /// <returns>The script.</returns>
    public static PaymentScript Succeed() => new(PaymentScriptKind.Succeed, 1);

    /// <summary>Accepted, then paid, and the provider calls back twice with the same confirmation.</summary>
    /// <returns>The script.</returns>
    public static PaymentScript CallBackTwice() => new(PaymentScriptKind.Succeed, 2);

    /// <summary>Paid at once: the start answer itself says succeeded; no callback.</summary>
    /// <returns>The script.</returns>
    public static PaymentScript SucceedAtOnce() => new(PaymentScriptKind.SucceedAtOnce);

    /// <summary>Declined at once.</summary>
    /// <param name="reason">The provider's reason.</param>
    /// <returns>The script.</returns>
    public static PaymentScript Decline(string reason = "card declined") => new(PaymentScriptKind.Decline, reason: reason);

    /// <summary>The start call times out (throws <see cref="TimeoutException"/>), but the customer paid: one callback follows.</summary>
    /// <returns>The script.</returns>
    public static PaymentScript TimeOut() => new(PaymentScriptKind.TimeOut, 1);

    /// <summary>Accepted, then a different amount is paid: one callback with it.</summary>
    /// <param name="amount">The amount actually paid.</param>
    /// <returns>The script.</returns>
    public static PaymentScript Pay(Money amount) => new(PaymentScriptKind.Succeed, 1, amount);
}
