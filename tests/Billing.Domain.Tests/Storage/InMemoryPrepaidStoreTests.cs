using Billing.Domain.Corrections;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Storage;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Storage;

public class InMemoryPrepaidStoreTests
{
    private readonly InMemoryPrepaidStore _store = new();

    [Fact]
    public async Task Commit_AdvancesEveryVersion_AndStoresTheSavedAggregates()
    {
        var account = PrepaidAccount.Open("acc", Usd, Start);
        var order = TopUpOrder.Create("o", "acc", Dollars(1m), Dollars(1m), "card", Start);

        var saved = await _store.CommitAsync(new PrepaidChange(account, order: order));

        Assert.Equal((1L, 1L), (saved.Account!.Version, saved.Order!.Version));
        Assert.Equal(saved.Account, await _store.FindAccountAsync("acc"));
        Assert.Equal(saved.Order, await _store.FindOrderAsync("o"));
    }

    [Fact]
    public async Task Commit_WithAStaleVersion_FailsWholly()
    {
        var account = (await _store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start)))).Account!;
        var order = (await _store.CommitAsync(new PrepaidChange(order: TopUpOrder.Create("o", "acc", Dollars(1m), Dollars(1m), "card", Start)))).Order!;
        await _store.CommitAsync(new PrepaidChange(order: order.Cancel("customer", "first", Start)));
        var (credited, entry) = account.Post(LedgerEntryKind.TopUpCredit, Dollars(1m), "topup:o", Start, "o", "credit");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.CommitAsync(new PrepaidChange(credited, entry, order.StartPayment("p"))));

        Assert.Equal(("storage.concurrency_conflict", "top-up order", "o", 1L, (long?)2L), (conflict.Code, conflict.Aggregate, conflict.Id, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(account, await _store.FindAccountAsync("acc"));
        Assert.Null(await _store.FindEntryAsync("acc", "topup:o"));
    }

    [Fact]
    public async Task Commit_OfANewAggregateThatExists_Conflicts()
    {
        await _store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start)));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start))));

        Assert.Equal((0L, (long?)1L), (conflict.ExpectedVersion, conflict.ActualVersion));
    }

    [Fact]
    public async Task Commit_OfADuplicateKey_ConflictsAndWritesNothing()
    {
        var account = (await _store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start)))).Account!;
        var (first, entry) = account.Post(LedgerEntryKind.Correction, Dollars(1m), "k", Start, "c", "d");
        var after = (await _store.CommitAsync(new PrepaidChange(first, entry))).Account!;
        var (second, duplicate) = after.Post(LedgerEntryKind.Correction, Dollars(1m), "k", Start, "c", "d");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => _store.CommitAsync(new PrepaidChange(second, duplicate)));

        Assert.Null(conflict.ActualVersion);
        Assert.Equal(after, await _store.FindAccountAsync("acc"));
    }

    [Fact]
    public void Change_MustHoldItsParts()
    {
        var account = PrepaidAccount.Open("acc", Usd, Start);
        var (_, entry) = account.Post(LedgerEntryKind.Correction, Dollars(1m), "k", Start, "c", "d");

        Assert.Throws<ArgumentException>("account", () => new PrepaidChange());
        Assert.Throws<ArgumentException>("entry", () => new PrepaidChange(account, entry));
        Assert.Throws<ArgumentException>("entry", () => new PrepaidChange(order: TopUpOrder.Create("o", "acc", Dollars(1m), Dollars(1m), "card", Start), entry: entry));
        Assert.Throws<ArgumentException>("consumption", () => new PrepaidChange(account, consumption: Call("acc", "r", 1m)));
    }

    [Fact]
    public async Task Reads_OfUnknownIds_AreEmpty()
    {
        Assert.Null(await _store.FindAccountAsync("x"));
        Assert.Null(await _store.FindEntryAsync("x", "k"));
        Assert.Null(await _store.FindConsumptionAsync("x", "r"));
        Assert.Null(await _store.FindCorrectionAsync("x"));
        Assert.Null(await _store.BalanceAsOfAsync("x", Start));
        Assert.Equal(0, (await _store.ListEntriesAsync("x", default, PageRequest.First)).TotalCount);
        Assert.Empty((await _store.QueryCorrectionsAsync(new CorrectionQuery("x"))).Items);
    }
}
