namespace Billing.Domain.InvoiceApplications;

/// <summary>The answer to applying (or resubmitting): the Pending application, or the refusal naming the rule broken.</summary>
/// <param name="Application">The application, when accepted (or found again on a replay).</param>
/// <param name="Refusal">The refusal, when not.</param>
public sealed record ApplyResult(InvoiceApplication? Application, ApplicationRefusal? Refusal)
{
    /// <summary>Gets a value indicating whether the application was accepted.</summary>
    public bool IsAccepted => Application is not null;
}
