using Billing.Domain.Invoices;
using Billing.Domain.Sqlite;
using Billing.Domain.Storage;
using Billing.Domain.TopUps;
using Microsoft.Data.Sqlite;
using PrepaidPlatform;

namespace Billing.Domain.Tests.Samples;

public sealed class PrepaidMonthTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"billing-sample-{Guid.NewGuid():N}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RunAsync_RunsTheMonthOnSqlite_PrintsTheInvoicesApplicationsAndReconciliation_AndWritesTheDocuments()
    {
        var lines = await RunAsync();

        Assert.Contains("[1/8] Top-ups", lines);
        Assert.Contains("  req-8801 on 2026-03-03 09:00 costs -4.50 USD: drawn from grant:trial-acc-88 -4.50 USD", lines);
        Assert.Contains("  req-8803 on 2026-03-20 09:00 costs -3.00 USD: drawn from grant:launch-bonus -1.00 USD, topup:ord-8801 -2.00 USD", lines);
        Assert.Contains("  acc-88 billing records (balance 18.00 USD; invoiceable 20.00 USD: the trial credit never is):", lines);
        Assert.Contains(lines, l => l.StartsWith("    2026-03-15 00:00  GrantExpiry            -1.50 USD  Expiry of Trial credit grant:trial-acc-88", StringComparison.Ordinal));
        Assert.Contains("    on the books: topup:ord-8801 (Paid) 18.00 USD of 20.00 USD", lines);
        Assert.Contains("  callback ord-1001 103.00 USD: Completed, credited 100.00 USD", lines);
        Assert.Contains("  callback ord-1001 103.00 USD: Completed, duplicate, nothing changed", lines);
        Assert.Contains("  callback ord-1003 10.30 USD: Abnormal, Paid 10.30 USD where 20.60 USD was expected.", lines);
        Assert.Contains("  carol accepts ord-1003's 10.30 USD: Completed, credited 10.00 USD", lines);
        Assert.Contains("  req-2 acc-42 cost 24.50 USD: AlreadyRecorded, balance 79.00 USD", lines);
        Assert.Contains("  req-3 acc-42 cost 95.00 USD: RefusedOverCreditLimit, balance 79.00 USD", lines);
        Assert.Contains("  alice approves her own: refused (correction.self_approval)", lines);
        Assert.Contains("  sub-7 Support plan: ordered -> installing -> activating -> active -> switching -> active", lines);
        Assert.Contains("  sub-8 GPU inference box: ordered -> installing -> installation_failed", lines);
        Assert.Contains("  sub-9 Team seats: ordered -> activating -> active -> graced -> stopping -> stopped", lines);
        Assert.Contains("  sub-10 Onboarding: ordered -> activating -> delivered", lines);
        Assert.Contains(lines, l => l.StartsWith("  run 2026-03-02 ", StringComparison.Ordinal) && l.EndsWith(": 2 made, 1 paid, 1 graced, 0 restored, 0 grace expired", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  run 2026-03-10 ", StringComparison.Ordinal) && l.EndsWith(": 0 made, 0 paid, 0 graced, 0 restored, 1 grace expired", StringComparison.Ordinal));
        Assert.Contains("  acc-42: Made INV-202604-000001", lines);
        Assert.Contains("  acc-77: Made INV-202604-000002", lines);
        Assert.Contains("  acc-88: Made INV-202604-000003", lines);
        Assert.Contains("    Credits, in the order they were spent", lines);   // acc-88's invoice: trial first, then the bonus, then the top-up
        Assert.Contains("    1  grant:trial-acc-88  Trial      6.50 USD  1.50 USD", lines);
        Assert.Contains("    2  grant:launch-bonus  Promotion  1.00 USD  0.00 USD", lines);
        Assert.Contains("    3  topup:ord-8801      Paid       2.00 USD  0.00 USD", lines);
        Assert.Contains("    Total          87.44 USD", lines);   // 18.15 + 24.20 - 9.96 + 26.55 charges + 31.00 usage - 2.50 correction
        Assert.Contains("    Total          10.49 USD", lines);   // 29.04 - 21.55 seats + 3.00 usage
        Assert.Contains(lines, l => l.StartsWith("    3  Credit: Support Fee, 2026-03-16 to 2026-04-01 ", StringComparison.Ordinal) && l.EndsWith("-9.96 USD", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    4  Support Pro Fee, 2026-03-16 to 2026-04-01 ", StringComparison.Ordinal) && l.EndsWith("26.55 USD", StringComparison.Ordinal));
        Assert.Contains("    sub-7   Support plan  Active", lines);
        Assert.Contains("    sub-10  Onboarding    Delivered", lines);
        Assert.Contains("    sub-9  Team seats  Stopped", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("    sub-8", StringComparison.Ordinal));   // no charges closed: not on the invoice
        Assert.Contains("  apply without a header: NoInvoiceHeader", lines);
        Assert.Contains(lines, l => l.StartsWith("  app-1  FP-2026-00001  Acme AI Ltd   40.00 USD  Issued", StringComparison.Ordinal));
        Assert.Contains("  Invoiceable 40.00 USD, held 30.00 USD, invoiced 40.00 USD (recharged 110.00 USD, refunded 0.00 USD)", lines);
        Assert.Contains(lines, l => l.StartsWith("  Missing req-3: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  Missing req-5: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  Duplicate req-2: ", StringComparison.Ordinal));
        Assert.Equal(
            ["FP-2026-00001.pdf", "INV-202604-000001.pdf", "INV-202604-000001.txt", "INV-202604-000002.pdf", "INV-202604-000002.txt", "INV-202604-000003.pdf", "INV-202604-000003.txt",
                "reconciliation-2026-03.csv"],
            Directory.GetFiles(Path.Combine(_folder, "documents")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["req-1", "req-2", "req-2", "req-3", "req-4", "req-5"], (await UsageLogs.ReadAsync(_folder)).Select(l => l.RequestId));   // the gateway's log, for the console
    }

    [Fact]
    public async Task RunAsync_ASecondRunOnTheSameFile_ChangesNothing()
    {
        await RunAsync();
        var first = await SnapshotAsync();

        var again = await RunAsync();

        Assert.Equal(first, await SnapshotAsync());
        Assert.Contains("  acc-42: AlreadyMade INV-202604-000001", again);
        Assert.Single(again, l => l.StartsWith("  run ", StringComparison.Ordinal));   // the last run again, which resumes and finds nothing to do
        Assert.Contains("  ord-1001 acc-42: credit 100.00 USD for 103.00 USD -> Completed", again);
        Assert.DoesNotContain(again, l => l.Contains("apply without a header", StringComparison.Ordinal));
    }

    private async Task<string[]> RunAsync()
    {
        var output = new StringWriter();
        using (new InvariantCultureScope())
        {
            await PrepaidMonth.RunAsync(output, _folder);
        }

        return output.ToString().Split(Environment.NewLine);
    }

    // Everything the month wrote: ledgers, orders, invoices, number series.
    private async Task<string> SnapshotAsync()
    {
        var path = Path.Combine(_folder, "billing.db");
        var prepaid = new SqlitePrepaidStore(path);
        var invoices = new SqliteInvoiceStore(path);
        var lines = new List<string>();
        foreach (var account in new[] { "acc-42", "acc-77" })
        {
            lines.Add((await prepaid.FindAccountAsync(account))!.ToString());
            lines.AddRange((await prepaid.ListEntriesAsync(account, InstantRange.All, new PageRequest(1, PageRequest.MaxSize))).Items.Select(e => e.ToString()));
            lines.AddRange((await prepaid.QueryOrdersAsync(new TopUpOrderQuery(account))).Items.Select(o => o.ToString()));
            lines.AddRange((await prepaid.QueryApplicationsAsync(new Billing.Domain.InvoiceApplications.InvoiceApplicationQuery(account))).Items.Select(a => a.ToString()));
            lines.AddRange((await prepaid.QueryChargesAsync(new Billing.Domain.Subscriptions.SubscriptionChargeQuery(account))).Items.Select(c => $"{c.ChargeId} {c.Status} {c.Amount} v{c.Version}"));
            lines.AddRange((await prepaid.QuerySubscriptionsAsync(new Billing.Domain.Subscriptions.SubscriptionQuery { AccountId = account })).Items.Select(s => $"{s.Id} {s.Status} v{s.Version}"));
        }

        lines.AddRange((await invoices.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts))).Items.Select(i => $"{i.InvoiceId} {i.Number} {i.Status} {i.Total} v{i.Version}"));
        lines.Add($"INV {await invoices.LastSequenceAsync("INV")}, FP {await prepaid.LastApplicationSequenceAsync("FP")}");
        return string.Join("\n", lines);
    }
}
