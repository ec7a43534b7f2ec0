using System.Globalization;
using Billing.Domain.Charging;
using Billing.Domain.Consumption;
using Billing.Domain.Invoices;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.TopUps;
using NodaTime;

namespace Billing.Domain.PostgreSql.Tests.MultiProcess;

/// <summary>
/// One worker process of a multi-process test: it waits for the <c>go</c> file, then races the other workers on one
/// PostgreSQL schema, in one of three roles: <c>consume</c> (calls near the credit limit, half of their request ids
/// shared with the other workers), <c>callback</c> (every order's payment confirmed, as a duplicate callback of the
/// other workers' would be) or <c>close</c> (every account's March closed into a numbered Prepay invoice).
/// </summary>
internal static class Racer
{
    /// <summary>The accounts the <c>close</c> workers race on.</summary>
    public const int Accounts = 6;

    /// <summary>The calls each <c>consume</c> worker makes.</summary>
    public const int Calls = 40;

    /// <summary>The orders the <c>callback</c> workers confirm.</summary>
    public const int Orders = 8;

    /// <summary>Gets the period the <c>close</c> workers close.</summary>
    public static BillingPeriod March { get; } = BillingPeriod.OfMonth(new YearMonth(2026, 3));

    /// <summary>Gets the series the <c>close</c> workers number invoices in.</summary>
    public static NumberSeries Series { get; } = new("INV", "INV-{seq:0000}");

    /// <summary>Runs <c>racer consume|callback|close &lt;connection string&gt; &lt;folder&gt; &lt;worker&gt;</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["racer", var role, var connectionString, var folder, var worker])
        {
            await Console.Error.WriteLineAsync("usage: racer consume|callback|close <connection string> <folder> <worker>").ConfigureAwait(false);
            return 2;
        }

        while (!File.Exists(Path.Combine(folder, "go")))
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        var clock = SystemClock.Instance;
        var options = new PostgreSqlOptions(connectionString) { BusyTimeout = TimeSpan.FromSeconds(30) };
        var store = new PostgreSqlPrepaidStore(options);
        var outcomes = new List<string>();
        switch (role)
        {
            case "consume":
                var consumption = new ConsumptionService(store, clock, retry: new ConflictRetryPolicy(50, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50)));
                for (var call = 0; call < Calls; call++)
                {
                    // Even calls carry a request id every worker sends (a retried call); odd ones are the worker's own.
                    var requestId = call % 2 == 0 ? string.Create(CultureInfo.InvariantCulture, $"shared-{call}") : $"{worker}-{call}";
                    var usage = new UsageRecord(requestId, "acc", "key", "model-a", 100, 10, MultiProcessTests.Noon);
                    var result = await consumption.RecordAsync(new ConsumptionRecord(usage, new Money(1.25m, MultiProcessTests.Usd), "v1")).ConfigureAwait(false);
                    outcomes.Add(result.Outcome.ToString());
                }

                break;
            case "callback":
                var topUps = new TopUpService(store, new Testing.Payments.InMemoryPaymentGateway(clock), clock, retry: new ConflictRetryPolicy(50, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50)));
                for (var order = 0; order < Orders; order++)
                {
                    var confirmed = await topUps.ConfirmAsync(
                        new PaymentConfirmation($"ord-{order}", $"pay-{order}", new Money(10m, MultiProcessTests.Usd), MultiProcessTests.Noon)).ConfigureAwait(false);
                    outcomes.Add(confirmed.Order.Status.ToString());
                }

                break;
            case "close":
                var invoicing = new PrepayInvoicing(
                    new PostgreSqlInvoiceStore(options), store, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(Series), clock, retry: new ConflictRetryPolicy(50, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(50)));
                for (var account = 0; account < Accounts; account++)
                {
                    var closed = await invoicing.CloseAsync(
                        new PrepayPeriod($"acc-{account}", "Acme", March, new AccountTimeZone(DateTimeZone.Utc), MultiProcessTests.Usd)).ConfigureAwait(false);
                    outcomes.Add(closed.Outcome.ToString());
                }

                break;
            default:
                await Console.Error.WriteLineAsync($"unknown role {role}").ConfigureAwait(false);
                return 2;
        }

        await Console.Out.WriteLineAsync(string.Join(' ', outcomes)).ConfigureAwait(false);
        return 0;
    }
}
