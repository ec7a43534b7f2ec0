using System.Collections.Frozen;
using Billing.Domain.Consumption;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.TopUps;

namespace Billing.Domain.Hosting;

/// <summary>
/// Maps every error code of Billing.Domain, argument errors and the refusals the services return as data to RFC 9457
/// problem details (<see cref="BillingProblem"/>), so that an HTTP API answers them the same way everywhere. The table is
/// in <c>docs/hosting.md</c>; ASP.NET Core uses it through Billing.Domain.AspNetCore in one line.
/// </summary>
public static class BillingProblems
{
    /// <summary>The start of every problem type URI; the code follows it (an anchor of the error list).</summary>
    public const string TypeBase = "https://github.com/billing-domain/billing-domain/blob/main/docs/errors.md#";

    /// <summary>The code of an argument error: a null, out-of-range or malformed value the caller sent.</summary>
    public const string InvalidArgumentCode = "argument.invalid";

    private const int BadRequest = 400;
    private const int PaymentRequired = 402;
    private const int Forbidden = 403;
    private const int NotFound = 404;
    private const int Conflict = 409;
    private const int Unprocessable = 422;
    private const int Internal = 500;
    private const int Unavailable = 503;

    private static readonly FrozenDictionary<string, (int Status, string Title)> Known = new Dictionary<string, (int, string)>(StringComparer.Ordinal)
    {
        [InvalidArgumentCode] = (BadRequest, "A value of the request is invalid"),
        ["money.currency_mismatch"] = (Unprocessable, "Amounts in different currencies cannot be combined"),
        ["money.amount_not_rounded"] = (Unprocessable, "The amount has more decimals than its currency"),
        ["pricing.negative_quantity"] = (Unprocessable, "The quantity is negative"),
        ["pricing.negative_cost"] = (Unprocessable, "The cost is negative"),
        ["currency.unknown"] = (Unprocessable, "The currency is not known"),
        ["rating.no_price"] = (Unprocessable, "The call has no price in force"),
        ["rating.token_counts_inconsistent"] = (Unprocessable, "The call's token counts do not add up"),
        ["plan.unknown"] = (Unprocessable, "The plan is not in the catalog"),
        ["plan.switch_refused"] = (Unprocessable, "The subscription cannot switch to that plan"),
        ["billing.run_before_last"] = (Conflict, "A billing run cannot go back before the last one"),
        ["storage.concurrency_conflict"] = (Conflict, "The change lost a race with another one; try again"),
        ["storage.not_found"] = (NotFound, "The object is not stored for this account"),
        ["storage.busy"] = (Unavailable, "The store is busy; try again"),
        ["storage.schema_invalid"] = (Internal, "The store's schema is damaged or newer than the adapter"),
        ["idempotency.key_reused"] = (Unprocessable, "The id was used before with a different request"),
        ["correction.self_approval"] = (Forbidden, "A correction needs a second person to decide it"),
        ["invoice.not_editable"] = (Conflict, "The invoice is no longer a draft"),
        ["invoice.period_not_ended"] = (Conflict, "The billing period has not ended yet"),
        ["application.not_issued"] = (Conflict, "The invoice application is not issued yet"),
        ["application.document_corrupt"] = (Internal, "The issued document is missing or damaged"),
        [ConsumptionResult.OverCreditLimitCode] = (PaymentRequired, "The balance and credit limit do not cover the call"),
        [TopUpRefundResult.OverCreditLimitCode] = (Conflict, "The refund would take the balance below the credit limit"),
        [TopUpRefundResult.InvoicedCode] = (Conflict, "The recharge is invoiced or held by an invoice application"),
        [TopUpRefundResult.OverRefundableCode] = (Unprocessable, "The refund is more than is left to refund"),
        [Refused(ApplicationRule.NoInvoiceHeader)] = (Unprocessable, "The account has no invoice header"),
        [Refused(ApplicationRule.UnknownInvoiceHeader)] = (Unprocessable, "The invoice header is not the account's"),
        [Refused(ApplicationRule.AmountNotPositive)] = (Unprocessable, "The amount applied for is not positive"),
        [Refused(ApplicationRule.AmountNotInMinorUnits)] = (Unprocessable, "The amount applied for has more decimals than its currency"),
        [Refused(ApplicationRule.WrongCurrency)] = (Unprocessable, "The amount applied for is not in the recharges' currency"),
        [Refused(ApplicationRule.AmountOverInvoiceable)] = (Unprocessable, "The amount applied for is more than the invoiceable amount"),
        [Refused(ApplicationRule.InvalidEmail)] = (Unprocessable, "The receiving email is invalid"),
        [Refused(ApplicationRule.RemarksTooLong)] = (Unprocessable, "The remarks are too long"),
        [Refused(ApplicationRule.NotResubmittable)] = (Conflict, "Only a rejected application can be resubmitted, once"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static string Refused(ApplicationRule rule) => new ApplicationRefusal(rule, rule.ToString()).Code;

    /// <summary>Returns the problem an exception stands for: a <see cref="BillingException"/> by its code, an argument error as <see cref="InvalidArgumentCode"/>; null for any other exception (the host's own, or a bug), which a host answers as it answers its other failures.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The problem, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static BillingProblem? FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            BillingException rule => ForCode(rule.Code, rule.Message),
            ArgumentException argument => ForCode(InvalidArgumentCode, argument.Message),
            _ => null,
        };
    }

    /// <summary>Returns the problem of a consumption that was refused; null when the call was recorded or a replay.</summary>
    /// <param name="result">The answer of <see cref="ConsumptionService.RecordAsync"/>.</param>
    /// <returns>The problem, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static BillingProblem? FromResult(ConsumptionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.RefusalCode is { } code
            ? ForCode(code, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Account {result.Account.AccountId} has {result.Account.Available} available; the call was not recorded."))
            : null;
    }

    /// <summary>Returns the problem of an invoice application that was refused; null when it was made.</summary>
    /// <param name="result">The answer of <see cref="InvoiceApplicationService.ApplyAsync"/> or <c>ResubmitAsync</c>.</param>
    /// <returns>The problem, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static BillingProblem? FromResult(ApplyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Refusal is { } refusal ? ForCode(refusal.Code, refusal.Message) : null;
    }

    /// <summary>Returns the problem of a refund that was refused by a rule; null when it went on (or the gateway answered).</summary>
    /// <param name="result">The answer of a <see cref="TopUpService"/> refund.</param>
    /// <returns>The problem, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static BillingProblem? FromResult(TopUpRefundResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.RefusalCode is { } code ? ForCode(code, $"The refund of order {result.Order.OrderId} was refused: {result.Outcome}.") : null;
    }

    /// <summary>
    /// Returns the problem of a code: its status and title from the table; a <c>&lt;machine&gt;.transition_refused</c>
    /// is 409 Conflict, and a code the table does not know 500 with a generic title (the table covers every code the library throws or returns; a test keeps it so).
    /// </summary>
    /// <param name="code">The stable code.</param>
    /// <param name="detail">What went wrong this time.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="detail"/> is null or empty.</exception>
    public static BillingProblem ForCode(string code, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentException.ThrowIfNullOrEmpty(detail);
        var (status, title) = Known.TryGetValue(code, out var known) ? known
            : code.EndsWith(".transition_refused", StringComparison.Ordinal) ? (Conflict, "The object's status does not allow that")
            : (Internal, "A billing rule was broken");
        return new BillingProblem(status, TypeBase + code, title, detail, code);
    }
}
