using Billing.Domain.Consumption;
using Billing.Domain.Ledger;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Tests.Prepaid;
using FsCheck;
using FsCheck.Fluent;
using NodaTime.Testing;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Consumption;

public class RecordManyTests
{
    /// <summary>
    /// The law of group commit: recording a list of calls in one group answers every call, and leaves the store,
    /// exactly as recording them one after the other does: outcomes, debits, heads, balances and records. The
    /// generator mixes two accounts near their credit limits, zero costs, request ids repeated in the list and
    /// request ids recorded before the group (which make the group's first commit conflict and its second attempt
    /// replay them).
    /// </summary>
    [Fact]
    public void RecordMany_AnswersAndWritesExactlyAsOneByOne() =>
        Prop.ForAll(Groups().ToArbitrary(), setup =>
        {
            var (one, oneStore) = Service();
            var (many, manyStore) = Service();
            foreach (var (store, service) in new[] { (oneStore, one), (manyStore, many) })
            {
                OpenAsync(store, setup.Limits).GetAwaiter().GetResult();
                foreach (var before in setup.Before)
                {
                    service.RecordAsync(before).GetAwaiter().GetResult();
                }
            }

            var sequential = setup.Calls.Select(c => one.RecordAsync(c).GetAwaiter().GetResult()).ToList();
            var grouped = many.RecordManyAsync(setup.Calls).GetAwaiter().GetResult();

            Assert.Equal(sequential, grouped);
            foreach (var account in new[] { "acc-a", "acc-b" })
            {
                Assert.Equal(oneStore.FindAccountAsync(account).Result, manyStore.FindAccountAsync(account).Result);
                Assert.Equal(
                    oneStore.QueryConsumptionAsync(new ConsumptionQuery(account) { Page = new PageRequest(1, PageRequest.MaxSize) }).Result.Items,
                    manyStore.QueryConsumptionAsync(new ConsumptionQuery(account) { Page = new PageRequest(1, PageRequest.MaxSize) }).Result.Items);
                Assert.Equal(
                    oneStore.ListEntriesAsync(account, InstantRange.All, new PageRequest(1, PageRequest.MaxSize)).Result.Items,
                    manyStore.ListEntriesAsync(account, InstantRange.All, new PageRequest(1, PageRequest.MaxSize)).Result.Items);
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public async Task RecordMany_CommitsOnce_ForTheWholeGroup()
    {
        var store = new InterceptingPrepaidStore(new InMemoryPrepaidStore());
        var service = new ConsumptionService(store, new FakeClock(Start));
        await OpenAsync(store, (10m, 10m));
        var opened = (store.Commits, store.Groups);

        var results = await service.RecordManyAsync([Call("acc-a", "r1", 1m), Call("acc-b", "r2", 2m), Call("acc-a", "r3", 3m)]);

        Assert.All(results, r => Assert.Equal(ConsumptionOutcome.Recorded, r.Outcome));
        Assert.Equal((opened.Commits, opened.Groups + 1), (store.Commits, store.Groups));
        Assert.Equal(Dollars(-4m), (await store.FindAccountAsync("acc-a"))!.Balance);
        Assert.Empty(await new ConsumptionService(store, new FakeClock(Start)).RecordManyAsync([]));
    }

    [Fact]
    public async Task RecordMany_WithACallRefusedByAnException_WritesNothing()
    {
        var store = new InMemoryPrepaidStore();
        var service = new ConsumptionService(store, new FakeClock(Start));
        await OpenAsync(store, (10m, 10m));
        var fine = Call("acc-a", "r1", 1m);

        await Assert.ThrowsAsync<NotFoundException>(() => service.RecordManyAsync([fine, Call("acc-nobody", "r2", 1m)]));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => service.RecordManyAsync([fine, Call("acc-a", "r1", 2m)]));   // the same request id, another call
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => service.RecordManyAsync([fine, Call("acc-b", "r3", 1m) with { Cost = new Money(1m, Eur) }]));

        Assert.Equal(Dollars(0m), (await store.FindAccountAsync("acc-a"))!.Balance);
        Assert.Null(await store.FindConsumptionAsync("acc-a", "r1"));
    }

    [Fact]
    public async Task RecordMany_BadArguments_AreRefused_BeforeAnythingIsRead()
    {
        var service = new ConsumptionService(new InMemoryPrepaidStore(), new FakeClock(Start));

        await Assert.ThrowsAsync<ArgumentNullException>("calls", () => service.RecordManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("calls", () => service.RecordManyAsync([Call("acc-a", "r1", 1m), null!]));
        await Assert.ThrowsAsync<Billing.Domain.Pricing.NegativeCostException>(() => service.RecordManyAsync([Call("acc-a", "r1", 1m) with { Cost = Dollars(-0.01m) }]));
    }

    internal static async Task OpenAsync(Billing.Domain.Prepaid.IPrepaidStore store, (decimal A, decimal B) limits)
    {
        var accounts = new PrepaidAccountService(store, new FakeClock(Start));
        await accounts.OpenAsync("acc-a", Usd, Dollars(limits.A));
        await accounts.OpenAsync("acc-b", Usd, Dollars(limits.B));
    }

    private static (ConsumptionService Service, InMemoryPrepaidStore Store) Service()
    {
        var store = new InMemoryPrepaidStore();
        return (new ConsumptionService(store, new FakeClock(Start)), store);
    }

    // Calls of two accounts whose limits a few calls reach; request ids from a small pool, so that some repeat in the
    // list (the same call again) and some were recorded before the group.
    private static Gen<Setup> Groups()
    {
        var call = from account in Gen.Elements("acc-a", "acc-b")
                   from request in Gen.Choose(0, 14)
                   select (account, request);
        return from limits in Gen.Elements((2m, 5m), (0m, 3m), (10m, 0.5m))
               from before in Gen.Choose(0, 4)
               from picks in Gen.ListOf(call)
               let calls = picks.Select(p => Call(p.account, $"req-{p.request}", Cost(p.request))).ToList()
               select new Setup(limits, [.. calls.Take(before)], [.. calls.Skip(before)]);
    }

    // The same request id is always the same call: a repeat is a replay, never a reused key.
    private static decimal Cost(int request) => request % 5 == 0 ? 0m : request * 0.25m;

    private sealed record Setup((decimal A, decimal B) Limits, ConsumptionRecord[] Before, ConsumptionRecord[] Calls);
}
