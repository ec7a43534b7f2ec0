using PrepaidPlatform;

namespace Billing.Domain.Tests.Samples;

public class PrepaidTourTests
{
    [Fact]
    public async Task RunAsync_PrintsTopUpsCallsACorrectionTheLedgerTheInvoiceAndTheApplications()
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
        Assert.Contains("Invoice INV-202604-000001", lines);
        Assert.Contains("Total          46.65 USD", lines);
        Assert.Contains("2  Usage gpt-x (prod-key): 2 calls, 6,600,000 input, 1,450,000 output tokens         2         -           -  0.00 USD  0.00 USD  31.00 USD", lines);
        Assert.Contains("sub-7  Support plan  Active", lines);
        Assert.Contains("1  Duplicate charge reversal      ▼ -2.50 USD  2026-03-01 09:17", lines);
        Assert.Contains("Closing March again: AlreadyMade", lines);
        Assert.Contains("apply without a header: NoInvoiceHeader", lines);
        Assert.Contains("apply 500.00 USD: AmountOverInvoiceable", lines);
        Assert.Contains("app-1  FP-2026-00001  Acme AI Ltd   40.00 USD  Issued    applied 2026-04-01 09:31  issued 2026-04-01 09:52", lines);
        Assert.Contains("app-2  -              Acme AI Ltd   30.00 USD  Rejected  applied 2026-04-01 09:38  issued -", lines);
        Assert.Contains("app-3  -              Acme AI Ltd   30.00 USD  Pending   applied 2026-04-01 10:06  issued -", lines);
        Assert.Contains("Invoiceable 30.00 USD, held 30.00 USD, invoiced 40.00 USD (recharged 100.00 USD, refunded 0.00 USD)", lines);
        Assert.Contains("Bill to        Acme AI Ltd (Company)", lines);
    }

    [Fact]
    public async Task RunAsync_NullOutput_ThrowsArgumentNull() =>
        await Assert.ThrowsAsync<ArgumentNullException>("output", () => PrepaidTour.RunAsync(null!));
}
