using PrepaidPlatform;

namespace Billing.Domain.Tests.Samples;

public class ChargesTourTests
{
    [Fact]
    public void Run_RatesCallsAndPrintsTheChargesWithTheirDerivation()
    {
        var output = new StringWriter();
        using (new InvariantCultureScope())
        {
            ChargesTour.Run(output);
        }

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("req-1 gpt-x  in    1200 out    350 -> 0.0075 USD (gpt-x/2026-01)", lines);
        Assert.Contains("2026-03-03 gpt-x  prod-key  2 call(s) 0.032 USD", lines);
        Assert.Contains("1  GPU inference box, gpu-small           1     0.677   30.00 USD    0.00 USD    4.27 USD    24.59 USD", lines);
        Assert.Contains("3  Tokens (thousands)                298.05         -           -    0.00 USD    0.08 USD     0.48 USD", lines);
        Assert.Contains("  minimum 1.00 USD applies", lines);
        Assert.Contains("  VAT 21% on 53.97 USD: 11.3337 USD -> 11.33 USD (per document)", lines);
        Assert.Contains("Net 75.69 USD, taxes 15.89 USD, total 91.58 USD", lines);
        Assert.Contains("VAT 21%: 15.89 USD on 75.69 USD", lines);
    }

    [Fact]
    public void Run_NullOutput_ThrowsArgumentNull() =>
        Assert.Throws<ArgumentNullException>("output", () => ChargesTour.Run(null!));
}
