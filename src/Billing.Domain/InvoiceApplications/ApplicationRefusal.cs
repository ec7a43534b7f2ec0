using Billing.Domain.Utility;
namespace Billing.Domain.InvoiceApplications;

/// <summary>Why an application was not accepted: the rule and a sentence for the applicant. Nothing was written.</summary>
/// <param name="Rule">The rule broken.</param>
/// <param name="Message">What to tell the applicant.</param>
public sealed record ApplicationRefusal(ApplicationRule Rule, string Message)
{
    /// <summary>Gets what to tell the applicant.</summary>
    public string Message { get; } = Preconditions.CheckNotNull(Message);

    /// <summary>Gets the stable code of the rule, <c>application.</c> and the rule in snake case, such as <c>application.amount_over_invoiceable</c>.</summary>
    public string Code => "application." + Texts.SnakeCase(Rule.ToString());
}
