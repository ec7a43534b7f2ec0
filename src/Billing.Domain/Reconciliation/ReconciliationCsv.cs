using System.Globalization;
using Billing.Domain.Rating;
using Billing.Domain.Utility;

namespace Billing.Domain.Reconciliation;

/// <summary>CSV exports (RFC 4180: comma-separated, CRLF, fields quoted where needed, invariant culture) of a reconciliation and of consumption records.</summary>
public static class ReconciliationCsv
{
    /// <summary>Writes a reconciliation: one row per day, then one row per discrepancy.</summary>
    /// <param name="report">The reconciliation.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(ReconciliationReport report, TextWriter writer)
    {
        Preconditions.CheckNotNull(report);
        Preconditions.CheckNotNull(writer);
        Row(writer, "day", "orders", "topped_up", "paid", "ledger_credits", "granted", "expired", "consumption_records", "consumed", "usage_logs", "usage_log_cost");
        foreach (var day in report.Days)
        {
            Row(
                writer, day.Day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), Number(day.Orders), Amount(day.ToppedUp), string.Join(' ', day.Paid.Select(Amount)),
                Amount(day.LedgerCredits), Amount(day.Granted), Amount(day.Expired), Number(day.ConsumptionRecords), Amount(day.Consumed), Number(day.UsageLogs), Amount(day.UsageLogCost));
        }

        writer.Write("\r\n");
        Row(writer, "kind", "reference", "found_in", "missing_from", "expected", "actual", "detail");
        foreach (var d in report.Discrepancies)
        {
            Row(writer, d.Kind.ToString(), d.Reference, d.FoundIn.ToString(), d.MissingFrom?.ToString() ?? "", d.Expected is { } e ? Amount(e) : "", d.Actual is { } a ? Amount(a) : "", d.Detail);
        }
    }

    /// <summary>Writes consumption records, one row per call: seed 000's consumption records as a file.</summary>
    /// <param name="records">The records.</param>
    /// <param name="writer">Where to write.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteConsumption(IEnumerable<ConsumptionRecord> records, TextWriter writer)
    {
        Preconditions.CheckNotNull(records);
        Preconditions.CheckNotNull(writer);
        Row(writer, "occurred_at", "request_id", "account_id", "token_name", "model", "input_tokens", "output_tokens", "cached_input_tokens", "cost", "currency", "price_version", "reasoning_tokens",
            "image_tokens", "audio_tokens");
        foreach (var r in records)
        {
            var u = r.Usage;
            Row(
                writer, u.OccurredAt.ToString("uuuu-MM-dd'T'HH:mm:ss.FFFFFFFFF'Z'", CultureInfo.InvariantCulture), u.RequestId, u.AccountId, u.TokenName, u.Model,
                Number(u.InputTokens), Number(u.OutputTokens), Number(u.CachedInputTokens), r.Cost.Amount.ToString(CultureInfo.InvariantCulture), r.Cost.Currency.Code, r.PriceVersion,
                Number(u.ReasoningTokens), Number(u.ImageTokens), Number(u.AudioTokens));
        }
    }

    private static string Amount(Money money) => money.Amount.ToString(CultureInfo.InvariantCulture) + " " + money.Currency.Code;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(TextWriter writer, params string[] fields)
    {
        writer.Write(string.Join(',', fields.Select(Field)));
        writer.Write("\r\n");
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
