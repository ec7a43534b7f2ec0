using System.Reflection;
using System.Text.RegularExpressions;
using Billing.Domain.Consumption;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Shared;
using Billing.Domain.TopUps;

namespace Billing.Domain.Hosting.Tests.Hosting;

public sealed partial class BillingProblemsTests
{
    private const string Generic = "A billing rule was broken";
    private static readonly Currency Usd = Currency.FromCode("USD");

    /// <summary>Every code the library throws or returns, found by reflection so that a new one cannot be forgotten.</summary>
    public static TheoryData<string> LibraryCodes()
    {
        var types = typeof(Money).Assembly.GetExportedTypes();
        var constants = types
            .Where(t => t.Name.EndsWith("Exception", StringComparison.Ordinal) || t.Name.EndsWith("Result", StringComparison.Ordinal))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.Name.EndsWith("Code", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!);
        var machines = types
            .Select(t => t.GetProperty("Machine", BindingFlags.Public | BindingFlags.Static))
            .OfType<PropertyInfo>()
            .Select(p => (string)p.PropertyType.GetProperty("Name")!.GetValue(p.GetValue(null))! + ".transition_refused");
        var rules = Enum.GetValues<ApplicationRule>().Select(rule => new ApplicationRefusal(rule, "refused").Code);
        return [.. constants.Concat(machines).Concat(rules).Append(BillingProblems.InvalidArgumentCode).Distinct()];
    }

    public static TheoryData<string> DocumentedCodes() =>
        [.. CodeCell().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "errors.md"))).Select(m => m.Groups[1].Value).Distinct()];

    [Theory]
    [MemberData(nameof(LibraryCodes))]
    public void EveryCodeOfTheLibrary_HasItsOwnStatusAndTitle(string code)
    {
        var problem = BillingProblems.ForCode(code, "detail");

        Assert.NotEqual(Generic, problem.Title);
        Assert.InRange(problem.Status, 400, 599);
        Assert.Equal((BillingProblems.TypeBase + code, code, "detail"), (problem.Type, problem.Code, problem.Detail));
    }

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void EveryCodeOfTheErrorList_IsMapped_AndHasAnAnchorForItsType(string code)
    {
        var errors = File.ReadAllText(Path.Combine(Repository.Root, "docs", "errors.md"));

        Assert.NotEqual(Generic, BillingProblems.ForCode(code, "detail").Title);
        Assert.Contains($"<a id=\"{code}\"></a>", errors, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LibraryCodes))]
    public void EveryCodeOfTheLibrary_IsInTheErrorList_AndInTheHostingTable(string code)
    {
        var errors = File.ReadAllText(Path.Combine(Repository.Root, "docs", "errors.md"));
        var hosting = File.ReadAllText(Path.Combine(Repository.Root, "docs", "hosting.md"));
        var problem = BillingProblems.ForCode(code, "detail");

        Assert.Contains($"<a id=\"{code}\"></a>", errors, StringComparison.Ordinal);
        Assert.Contains($"| `{code}` | {problem.Status} | {problem.Title} |", hosting, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("money.currency_mismatch", 422)]
    [InlineData("storage.concurrency_conflict", 409)]
    [InlineData("storage.not_found", 404)]
    [InlineData("storage.busy", 503)]
    [InlineData("correction.self_approval", 403)]
    [InlineData("consumption.over_credit_limit", 402)]
    [InlineData("invoice.transition_refused", 409)]
    [InlineData("application.amount_over_invoiceable", 422)]
    [InlineData("argument.invalid", 400)]
    public void TheStatus_SaysWhatTheCallerCanDo(string code, int status) =>
        Assert.Equal(status, BillingProblems.ForCode(code, "detail").Status);

    [Fact]
    public void ACodeTheTableDoesNotKnow_IsAnInternalError()
    {
        var problem = BillingProblems.ForCode("host.something_else", "detail");

        Assert.Equal((500, Generic), (problem.Status, problem.Title));
    }

    [Fact]
    public void ABillingException_IsItsCode_WithItsMessageAsTheDetail()
    {
        var failure = new CurrencyMismatchException(Usd, Currency.FromCode("EUR"));

        var problem = BillingProblems.FromException(failure);

        Assert.Equal(("money.currency_mismatch", 422, failure.Message), (problem?.Code, problem?.Status, problem?.Detail));
    }

    [Fact]
    public void AnArgumentError_IsABadRequest_NamingTheParameter()
    {
        var problem = BillingProblems.FromException(new ArgumentOutOfRangeException("amount", "Too large."));

        Assert.Equal((BillingProblems.InvalidArgumentCode, 400), (problem?.Code, problem?.Status));
        Assert.Contains("amount", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyOtherException_IsLeftToTheHost() =>
        Assert.Null(BillingProblems.FromException(new InvalidOperationException("a bug")));

    [Fact]
    public void ARefusedCall_IsPaymentRequired_AndARecordedOneIsNoProblem()
    {
        var account = PrepaidAccount.Open("acc", Usd, Instant.FromUtc(2026, 3, 1, 0, 0));

        var refused = BillingProblems.FromResult(new ConsumptionResult(ConsumptionOutcome.RefusedOverCreditLimit, account, null));
        var replayed = BillingProblems.FromResult(new ConsumptionResult(ConsumptionOutcome.AlreadyRecorded, account, null));

        Assert.Equal((ConsumptionResult.OverCreditLimitCode, 402), (refused?.Code, refused?.Status));
        Assert.Contains("acc", refused!.Detail, StringComparison.Ordinal);
        Assert.Null(replayed);
    }

    [Fact]
    public void ARefusedApplication_IsItsRulesCode_AndAMadeOneIsNoProblem()
    {
        var refusal = new ApplicationRefusal(ApplicationRule.AmountOverInvoiceable, "Only 10.00 USD can be invoiced.");

        var problem = BillingProblems.FromResult(new ApplyResult(null, refusal));

        Assert.Equal(("application.amount_over_invoiceable", 422, refusal.Message), (problem?.Code, problem?.Status, problem?.Detail));
    }

    [Fact]
    public void AnEmptyCodeOrDetail_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => BillingProblems.ForCode("", "detail"));
        Assert.Throws<ArgumentException>(() => BillingProblems.ForCode("storage.busy", ""));
        Assert.Throws<ArgumentNullException>(() => BillingProblems.FromException(null!));
    }

    [GeneratedRegex(@"^\| (?:<a id=""[^""]+""></a>)?`([a-z_]+\.[a-z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex CodeCell();
}
