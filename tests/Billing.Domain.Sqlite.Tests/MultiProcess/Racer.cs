using System.Globalization;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.Invoices;
using Billing.Domain.Numbering;
using Billing.Domain.TopUps;
using NodaTime;

namespace Billing.Domain.Sqlite.Tests.MultiProcess;

/// <summary>
/// One worker process of a multi-process test: it waits for the <c>go</c> file, then refunds orders or applies for
/// invoices against one SQLite file, with the shared <see cref="FileGateway"/>.
/// </summary>
internal static class Racer
{
    /// <summary>Runs <c>racer refund|apply &lt;database&gt; &lt;folder&gt; &lt;worker&gt;</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["racer", var role, var database, var folder, var worker])
        {
            await Console.Error.WriteLineAsync("usage: racer refund|apply <database> <folder> <worker>").ConfigureAwait(false);
            return 2;
        }

        while (!File.Exists(Path.Combine(folder, "go")))
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        var clock = SystemClock.Instance;
        var store = new SqlitePrepaidStore(database);
        var gateway = new FileGateway(folder, TimeSpan.FromMilliseconds(40));
        var topUps = new TopUpService(store, gateway, clock);
        var applications = new InvoiceApplicationService(
            store, new SqliteInvoiceHeaderStore(database), new NumberSeries("FP", "FP-{seq:00000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), clock);
        var outcomes = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{worker}-{round}");
            if (role == "refund")
            {
                // Both refund workers go for the same orders, whole and in parts.
                var order = $"ord-{round % 3}";
                var result = await topUps.RefundAsync("acc", order, worker, "asked", round < 3 ? null : new Money(5m, MultiProcessTests.Usd)).ConfigureAwait(false);
                outcomes.Add($"{order}:{result.Outcome}");
            }
            else
            {
                var applied = await applications.ApplyAsync($"app-{id}", "acc", new Money(45m, MultiProcessTests.Usd), "finance@acme.example").ConfigureAwait(false);
                if (applied.Application is { } application && round % 2 == 0)
                {
                    await applications.ApproveAsync("acc", application.ApplicationId, worker).ConfigureAwait(false);
                    await applications.IssueAsync("acc", application.ApplicationId).ConfigureAwait(false);
                }

                outcomes.Add(applied.Refusal?.Rule.ToString() ?? "applied");
            }
        }

        await Console.Out.WriteLineAsync(string.Join(' ', outcomes)).ConfigureAwait(false);
        return 0;
    }
}
