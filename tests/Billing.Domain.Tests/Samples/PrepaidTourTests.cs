using PrepaidPlatform;

namespace Billing.Domain.Tests.Samples;

public class PrepaidTourTests
{
    [Fact]
    public async Task RunAsync_PrintsTopUpsCallsACorrectionAndTheLedger()
    {
        var output = new StringWriter();
        using (new InvariantCultureScope())
        {
            await PrepaidTour.RunAsync(output);
        }

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("ord-1002: credit 50.00 USD for 51.50 USD -> Failed (card declined)", lines);
        Assert.Contains("callback ord-1001 103.00 USD: Completed, credited 100.00 USD", lines);
        Assert.Contains("callback ord-1001 103.00 USD: Completed, duplicate, nothing changed", lines);
        Assert.Contains("callback ord-1003 10.30 USD: Abnormal, Paid 10.30 USD where 20.60 USD was expected.", lines);
        Assert.Contains("req-2 cost 24.50 USD: AlreadyRecorded, balance 69.00 USD", lines);
        Assert.Contains("req-3 cost 95.00 USD: RefusedOverCreditLimit, balance 69.00 USD", lines);
        Assert.Contains("alice approves her own: refused (correction.self_approval)", lines);
        Assert.Contains("2026-03-01 08:21  ord-1002  Failed     credit    50.00 USD  payment    51.50 USD  -", lines);
        Assert.Contains(" 4  2026-03-01 09:17  Correction             -2.50 USD  ▼ Duplicate charge reversal", lines);
        Assert.Contains("Balance 66.50 USD after 4 entries", lines);
    }

    [Fact]
    public async Task RunAsync_NullOutput_ThrowsArgumentNull() =>
        await Assert.ThrowsAsync<ArgumentNullException>("output", () => PrepaidTour.RunAsync(null!));
}
