using Billing.Domain.Rating;
using Billing.Domain.Reconciliation;
using Billing.Domain.Storage;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Reconciliation;

public class ReconciliationCsvTests
{
    [Fact]
    public void Write_PutsDaysThenDiscrepancies_QuotingWhereNeeded()
    {
        var report = new ReconciliationReport(
            "acc",
            new InstantRange(Start, Start + Duration.FromDays(1)),
            [new ReconciliationDay(new LocalDate(2026, 3, 1), 1, Dollars(50m), [Dollars(51.50m), new Money(360m, Currency.FromCode("CNY"))], Dollars(50m), Dollars(5m), Dollars(1.25m), 2, Dollars(0.0072m), 3, Dollars(0.0108m))],
            [new Discrepancy(DiscrepancyKind.Missing, "req-9", ReconciliationSide.UsageLogs, ReconciliationSide.ConsumptionRecords, Dollars(0.0036m), null, "Call \"req-9\" is logged, never billed, sadly")]);
        var csv = new StringWriter();

        ReconciliationCsv.Write(report, csv);

        Assert.Equal(
            "day,orders,topped_up,paid,ledger_credits,granted,expired,consumption_records,consumed,usage_logs,usage_log_cost\r\n"
            + "2026-03-01,1,50 USD,51.50 USD 360 CNY,50 USD,5 USD,1.25 USD,2,0.0072 USD,3,0.0108 USD\r\n"
            + "\r\n"
            + "kind,reference,found_in,missing_from,expected,actual,detail\r\n"
            + "Missing,req-9,UsageLogs,ConsumptionRecords,0.0036 USD,,\"Call \"\"req-9\"\" is logged, never billed, sadly\"\r\n",
            csv.ToString());
    }

    [Fact]
    public void WriteConsumption_WritesOneRowPerCall_Exactly()
    {
        var csv = new StringWriter();

        ReconciliationCsv.WriteConsumption(
            [new ConsumptionRecord(new UsageRecord("req-1", "acc", "key, prod", "gpt-x", 1_200, 350, Start + Duration.FromMilliseconds(1_250), 800) { ReasoningTokens = 90, AudioTokens = 7 }, Dollars(0.00750000m), "gpt-x/v1")],
            csv);

        Assert.Equal(
            "occurred_at,request_id,account_id,token_name,model,input_tokens,output_tokens,cached_input_tokens,cost,currency,price_version,reasoning_tokens,image_tokens,audio_tokens\r\n"
            + "2026-03-01T00:00:01.25Z,req-1,acc,\"key, prod\",gpt-x,1200,350,800,0.00750000,USD,gpt-x/v1,90,0,7\r\n",
            csv.ToString());
        Assert.Throws<ArgumentNullException>("writer", () => ReconciliationCsv.WriteConsumption([], null!));
    }
}
