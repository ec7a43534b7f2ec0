namespace Billing.Domain.Testing.Payments;

/// <summary>The kinds of behaviour of a <see cref="PaymentScript"/>.</summary>
public enum PaymentScriptKind
{
    /// <summary>Accepted as pending, then paid: callbacks follow.</summary>
    Succeed,

    /// <summary>Paid at once: the start answer says succeeded.</summary>
    SucceedAtOnce,

    /// <summary>Declined at once.</summary>
    Decline,

    /// <summary>Paid, but the start call throws <see cref="TimeoutException"/>: the callback still follows.</summary>
    TimeOut,
}
