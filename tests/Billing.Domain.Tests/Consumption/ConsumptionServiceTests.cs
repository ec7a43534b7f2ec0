using Billing.Domain.Consumption;
using Billing.Domain.Ledger;
using Billing.Domain.Pricing;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Tests.Prepaid;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Consumption;

public class ConsumptionServiceTests
{
    private readonly PrepaidHarness _h = new();

    [Fact]
    public async Task Record_DebitsTheCost_AndKeepsTheRecord()
    {
        await _h.FundAsync("acc-1", 10m);
        var call = Call("acc-1", "req-1", 0.0123456m);

        var result = await _h.Consumption.RecordAsync(call);

        Assert.Equal(ConsumptionOutcome.Recorded, result.Outcome);
        Assert.True(result.IsRecorded);
        Assert.Equal(Dollars(9.9876544m), result.Account.Balance);
        Assert.Equal((LedgerEntryKind.ConsumptionDebit, Dollars(-0.0123456m), "req-1"), (result.Debit!.Kind, result.Debit.Amount, result.Debit.Reference));
        Assert.Equal(call with { BookedAt = call.OccurredAt }, await _h.Store.FindConsumptionAsync("acc-1", "req-1"));   // booked when it occurred: no period is closed
    }

    [Fact]
    public async Task Record_SameRequestIdTwice_DebitsOnce()
    {
        await _h.FundAsync("acc-1", 10m);

        var first = await _h.Consumption.RecordAsync(Call("acc-1", "req-1", 1m));
        var second = await _h.Consumption.RecordAsync(Call("acc-1", "req-1", 1m));

        Assert.Equal(ConsumptionOutcome.AlreadyRecorded, second.Outcome);
        Assert.Equal(first.Debit, second.Debit);
        Assert.Equal(Dollars(9m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Record_PastTheCreditLimit_IsRefused_AndNothingIsWritten()
    {
        await _h.FundAsync("acc-1", 1m);
        var before = await _h.Accounts.GetAsync("acc-1");

        var refused = await _h.Consumption.RecordAsync(Call("acc-1", "req-1", 1.01m));

        Assert.Equal(ConsumptionOutcome.RefusedOverCreditLimit, refused.Outcome);
        Assert.False(refused.IsRecorded);
        Assert.Null(refused.Debit);
        Assert.Equal(before, await _h.Accounts.GetAsync("acc-1"));
        Assert.Null(await _h.Store.FindConsumptionAsync("acc-1", "req-1"));
    }

    [Fact]
    public async Task Record_UpToTheCreditLimit_GoesNegative_ButNoFurther()
    {
        await _h.FundAsync("acc-1", 1m);
        await _h.Accounts.SetCreditLimitAsync("acc-1", Dollars(5m));

        var toTheLimit = await _h.Consumption.RecordAsync(Call("acc-1", "req-1", 6m));
        var past = await _h.Consumption.RecordAsync(Call("acc-1", "req-2", 0.0000001m));

        Assert.Equal((ConsumptionOutcome.Recorded, Dollars(-5m)), (toTheLimit.Outcome, toTheLimit.Account.Balance));
        Assert.Equal(ConsumptionOutcome.RefusedOverCreditLimit, past.Outcome);
    }

    [Fact]
    public async Task Record_BadInput_Throws()
    {
        await _h.FundAsync("acc-1", 1m);

        await Assert.ThrowsAsync<NotFoundException>(() => _h.Consumption.RecordAsync(Call("nobody", "r", 1m)));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.Consumption.RecordAsync(Call("acc-1", "r", 1m) with { Cost = new Money(1m, Eur) }));
        var negative = await Assert.ThrowsAsync<NegativeCostException>(() => _h.Consumption.RecordAsync(Call("acc-1", "r", -1m)));
        Assert.Equal(("pricing.negative_cost", Dollars(-1m)), (negative.Code, negative.Cost));
        await Assert.ThrowsAsync<ArgumentNullException>("consumption", () => _h.Consumption.RecordAsync(null!));
        Assert.Equal(1, (await _h.Accounts.GetAsync("acc-1")).EntryCount);
    }

    [Fact]
    public async Task ANegativeCost_ClampedToZero_IsRecordedOnceAtZero()
    {
        await _h.FundAsync("acc-1", 5m);
        var clamping = new ConsumptionService(_h.Store, new NodaTime.Testing.FakeClock(Start)) { NegativeCosts = NegativeQuantityPolicy.ClampToZero };

        var first = await clamping.RecordAsync(Call("acc-1", "r-neg", -0.25m));
        var again = await clamping.RecordAsync(Call("acc-1", "r-neg", -0.25m));
        var many = await clamping.RecordManyAsync([Call("acc-1", "r-ok", 1m), Call("acc-1", "r-neg-2", -3m)]);

        Assert.Equal((ConsumptionOutcome.Recorded, ConsumptionOutcome.AlreadyRecorded), (first.Outcome, again.Outcome));
        Assert.Equal([ConsumptionOutcome.Recorded, ConsumptionOutcome.Recorded], many.Select(r => r.Outcome));
        Assert.Equal(Dollars(0m), (await _h.Store.FindConsumptionAsync("acc-1", "r-neg"))!.Cost);
        Assert.Equal(Dollars(0m), (await _h.Store.FindConsumptionAsync("acc-1", "r-neg-2"))!.Cost);
        Assert.Equal(Dollars(4m), (await _h.Accounts.GetAsync("acc-1")).Balance);   // only the 1.00 call moved it
        Assert.Throws<ArgumentOutOfRangeException>("NegativeCosts", () => new ConsumptionService(_h.Store, new NodaTime.Testing.FakeClock(Start)) { NegativeCosts = (NegativeQuantityPolicy)3 });
    }

    [Fact]
    public async Task ManyParallelConsumptions_NeverOverdrawTheAccount()
    {
        await _h.FundAsync("acc-1", 50m);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => _h.Consumption.RecordAsync(Call("acc-1", $"req-{i % 150}", 0.5m)))));

        var account = await _h.Accounts.GetAsync("acc-1");
        Assert.Equal(Dollars(0m), account.Balance);   // exactly 100 calls of 0.50 fit in 50.00
        Assert.Equal(100, results.Count(r => r.Outcome == ConsumptionOutcome.Recorded));
        Assert.Equal(account.Balance, await _h.SumOfEntriesAsync("acc-1"));
        Assert.All(results.Where(r => r.Debit is not null), r => Assert.True(r.Debit!.Amount == Dollars(-0.5m)));
    }

    [Fact]
    public async Task ConsumptionRecords_FilterByDateModelTokenAndRequest_NewestFirst()
    {
        await _h.FundAsync("acc-1", 100m);
        await _h.FundAsync("acc-2", 100m);
        for (var i = 0; i < 6; i++)
        {
            await _h.Consumption.RecordAsync(Call("acc-1", $"r{i}", 1m, i % 2 == 0 ? "gpt-x" : "mini", i < 3 ? "key-a" : "key-b", Start + Duration.FromHours(i)));
        }

        await _h.Consumption.RecordAsync(Call("acc-2", "r9", 1m));

        Assert.Equal(["r5", "r4", "r3", "r2", "r1", "r0"], await Ids(new ConsumptionQuery("acc-1")));
        Assert.Equal(["r4", "r2", "r0"], await Ids(new ConsumptionQuery("acc-1") { Model = "gpt-x" }));
        Assert.Equal(["r5", "r4", "r3"], await Ids(new ConsumptionQuery("acc-1") { TokenName = "key-b" }));
        Assert.Equal(["r3"], await Ids(new ConsumptionQuery("acc-1") { RequestId = "r3" }));
        Assert.Equal(["r2", "r1"], await Ids(new ConsumptionQuery("acc-1") { Occurred = new(Start + Duration.FromHours(1), Start + Duration.FromHours(3)) }));
        Assert.Empty(await Ids(new ConsumptionQuery("acc-1") { RequestId = "r9" }));
    }

    private async Task<string[]> Ids(ConsumptionQuery query) => [.. (await _h.Store.QueryConsumptionAsync(query)).Items.Select(r => r.RequestId)];

    public static TheoryData<string> OtherCallsUnderOneRequestId => ["cost", "model", "token", "input", "output", "cached", "occurred", "price version"];

    [Theory]
    [MemberData(nameof(OtherCallsUnderOneRequestId))]
    public async Task ARequestIdRecordedAgain_WithAnotherCall_IsAReusedKey_AndWritesNothing(string field)
    {
        await _h.FundAsync("acc-1", 10m);
        var first = Call("acc-1", "req-1", 1m);
        await _h.Consumption.RecordAsync(first);
        var usage = first.Usage;
        UsageRecord With(string? token = null, string? model = null, long? input = null, long? output = null, long? cached = null, Instant? at = null) =>
            new(usage.RequestId, usage.AccountId, token ?? usage.TokenName, model ?? usage.Model, input ?? usage.InputTokens, output ?? usage.OutputTokens, at ?? usage.OccurredAt, cached ?? usage.CachedInputTokens);
        var other = field switch
        {
            "cost" => first with { Cost = Dollars(1.01m) },
            "model" => first with { Usage = With(model: "mini") },
            "token" => first with { Usage = With(token: "key-2") },
            "input" => first with { Usage = With(input: 1_001) },
            "output" => first with { Usage = With(output: 201) },
            "cached" => first with { Usage = With(cached: 1) },
            "occurred" => first with { Usage = With(at: Start + Duration.FromSeconds(1)) },
            _ => first with { PriceVersion = "gpt-x-v2" },
        };

        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Consumption.RecordAsync(other));
        var replay = await _h.Consumption.RecordAsync(first with { Cost = Dollars(1.000m) });   // the same call, its cost written with another scale

        Assert.Equal(("idempotency.key_reused", "req-1"), (reused.Code, reused.Id));
        Assert.Equal(ConsumptionOutcome.AlreadyRecorded, replay.Outcome);
        Assert.Equal(first with { BookedAt = first.OccurredAt }, await _h.Store.FindConsumptionAsync("acc-1", "req-1"));
        Assert.Equal(Dollars(9m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }
}
