using Billing.Domain.Periods;
using Billing.Domain.Tests.Shared;

namespace Billing.Domain.Tests;

/// <summary>The README's sample is this file's region: the test checks the README shows it and runs it.</summary>
public class ReadmeTests
{
    private const string Region = "readme-sample";

    [Fact]
    public void Readme_ShowsTheSampleExactlyAsCompiled()
    {
        var compiled = RegionLines(File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Billing.Domain.Tests", "ReadmeTests.cs")));
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var block = readme[(readme.IndexOf("```csharp", StringComparison.Ordinal) + "```csharp".Length)..];
        var shown = block[..block.IndexOf("```", StringComparison.Ordinal)]
            .Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0 && !line.StartsWith("using ", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(compiled, shown);
        Assert.True(compiled.Count <= 20, $"The README sample has {compiled.Count} lines; keep it to 20.");
    }

    [Fact]
    public void ReadmeSample_RunsAndPrintsWhatTheReadmeSays()
    {
        using var invariant = new InvariantCultureScope();

        Assert.Equal(
            [
                "[2026-01-11, 2026-02-01): 21/31 of the month = 20.32 USD",
                "6.78 USD + 6.77 USD + 6.77 USD = 20.32 USD",
                "money.currency_mismatch",
            ],
            Sample());
    }

    private static List<string> Sample()
    {
        Console.Lines = [];

#region readme-sample
var usd = Currency.FromCode("USD");
var plan = new Money(30.00m, usd); // a monthly plan

// A customer joins on January 11th: prorate by days, round once, explicitly.
var january = BillingPeriod.OfMonth(new YearMonth(2026, 1));
var covered = new BillingPeriod(new LocalDate(2026, 1, 11), january.End);
var factor = Proration.Factor(covered, january, ProrationMethod.ActualDays);
var firstCharge = factor.Apply(plan, RoundingPolicy.Commercial);
Console.WriteLine($"{covered}: {factor} of the month = {firstCharge}");

// Share it between three cost centres without losing a cent.
var shares = firstCharge.Split(3);
Console.WriteLine($"{string.Join(" + ", shares)} = {Money.Sum(shares, usd)}");

// Amounts in different currencies never mix.
try { _ = plan + new Money(1m, Currency.FromCode("EUR")); }
catch (CurrencyMismatchException e) { Console.WriteLine(e.Code); } // money.currency_mismatch
#endregion

        return Console.Lines;
    }

    private static List<string> RegionLines(string[] source)
    {
        var start = Array.FindIndex(source, line => line.Trim() == $"#region {Region}");
        var end = Array.FindIndex(source, start, line => line.Trim() == "#endregion");
        return source[(start + 1)..end].Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToList();
    }

    /// <summary>Stands in for System.Console in the sample so that the test can read what it prints.</summary>
    private static class Console
    {
        [ThreadStatic]
        private static List<string>? _lines;

        public static List<string> Lines
        {
            get => _lines ??= [];
            set => _lines = value;
        }

        public static void WriteLine(string? line) => Lines.Add(line ?? string.Empty);
    }
}
