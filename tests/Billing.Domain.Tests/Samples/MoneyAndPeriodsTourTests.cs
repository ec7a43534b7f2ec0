using PrepaidPlatform;

namespace Billing.Domain.Tests.Samples;

public class MoneyAndPeriodsTourTests
{
    [Fact]
    public void Run_PrintsExactResultsOfEveryStep()
    {
        var output = new StringWriter();
        using (new InvariantCultureScope())
        {
            MoneyAndPeriodsTour.Run(output);
        }

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("Top-up 100.00 USD, card fee 2.90 USD, credited 97.10 USD", lines);
        Assert.Contains("Formatted for de-DE: 1.234.567,50 USD", lines);
        Assert.Contains("A host currency: 2500.5000 CREDIT", lines);
        Assert.Contains("3333 calls at 0.000125 USD = 0.416625 USD unrounded; bankers 0.42 USD; commercial 0.42 USD", lines);
        Assert.Contains("100.00 USD split 3 ways: 33.34 USD, 33.33 USD, 33.33 USD", lines);
        Assert.Contains("100.00 USD by 1:2:4: 14.29 USD, 28.57 USD, 57.14 USD", lines);
        Assert.Contains("Period 1: [2028-02-29, 2028-03-31), 31 days", lines);
        Assert.Contains("ActualDays: [2026-01-20, 2026-04-01) is 71/90 of [2026-01-01, 2026-04-01): 71.00 USD", lines);
        Assert.Contains("Months: [2026-01-20, 2026-04-01) is 74/93 of [2026-01-01, 2026-04-01): 71.61 USD", lines);
        Assert.Contains("Split across the two parts: 19.00 USD + 71.00 USD = 90.00 USD", lines);
        Assert.Contains("Duration of [2026-01-20, 2026-04-01) in months: 2.387", lines);
        Assert.Contains("A call at 2026-01-31T20:00:00Z is billed on 2026-02-01 in Asia/Tokyo", lines);
    }

    [Fact]
    public void Run_NullOutput_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("output", () => MoneyAndPeriodsTour.Run(null!));
}
