using Billing.Domain.Utility;
using NodaTime;

namespace Billing.Domain.TopUps;

/// <summary>
/// One payment received for a top-up order, as its callback or the gateway's answer said (seed 000's payment
/// records, for troubleshooting): kept whatever it did, never dropped.
/// </summary>
/// <param name="Reference">The gateway's payment reference.</param>
/// <param name="Amount">The amount paid.</param>
/// <param name="PaidAt">When the gateway says it was paid.</param>
/// <param name="ReceivedAt">When the library received it.</param>
/// <param name="Outcome">What it did.</param>
/// <param name="Resolution">How a person resolved it, when it needed review and was resolved.</param>
/// <param name="ResolvedBy">Who resolved it.</param>
/// <param name="ResolvedAt">When.</param>
/// <param name="ResolutionReason">Why.</param>
public sealed record TopUpPayment(
    string Reference, Money Amount, Instant PaidAt, Instant ReceivedAt, TopUpPaymentOutcome Outcome,
    TopUpPaymentResolution? Resolution = null, string? ResolvedBy = null, Instant? ResolvedAt = null, string? ResolutionReason = null)
{
    /// <summary>Gets the gateway's payment reference.</summary>
    public string Reference { get; } = Preconditions.CheckId(Reference);

    /// <summary>Gets the amount paid.</summary>
    public Money Amount { get; } = Preconditions.CheckMoney(Amount);

    /// <summary>Gets a value indicating whether a person must still look at it: mismatched or unexpected, and not resolved.</summary>
    public bool NeedsReview => Outcome != TopUpPaymentOutcome.Credited && Resolution is null;

    /// <summary>Returns whether a confirmation is this payment again: the same reference and amount.</summary>
    /// <param name="confirmation">The confirmation.</param>
    /// <returns>True for a replay of this payment.</returns>
    public bool IsRepeatedBy(PaymentConfirmation confirmation) =>
        Preconditions.CheckNotNull(confirmation).PaymentReference == Reference && confirmation.AmountPaid == Amount;

    /// <summary>Records how a person resolved it.</summary>
    internal TopUpPayment Resolve(TopUpPaymentResolution resolution, string by, string reason, Instant at) =>
        this with { Resolution = resolution, ResolvedBy = by, ResolvedAt = at, ResolutionReason = reason };
}
