using Billing.Domain.Charging;
using Billing.Domain.Events;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Periods;
using Billing.Domain.Pricing;
using Billing.Domain.Storage;
using Billing.Domain.Subscriptions;
using Billing.Domain.Testing.InMemory;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Billing.Domain.Testing.Contracts;

/// <summary>
/// The contract every <see cref="IInvoiceStore"/> adapter must pass: inherit it, return a fresh, empty store from
/// <see cref="CreateStore"/> and the outbox its events go to from <see cref="CreateOutbox"/>. It closes Prepay periods
/// and runs postpaid invoices through the library's services against the store.
/// </summary>
/// <remarks>
/// It checks that every field of an invoice round-trips (its three tables, each charge's taxes and derivation,
/// the number), that stale versions, a second Prepay invoice for one period and a number out of sequence are
/// refused with nothing written, that numbers stay gapless and unique under concurrent closes, that queries and
/// totals filter as <see cref="InvoiceQuery"/> says, that accounts are isolated, and that a close's
/// <see cref="InvoiceClosed"/> is written with the invoice, once, and never by a refused commit.
/// </remarks>
public abstract class InvoiceStoreContract
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly BillingPeriod March = BillingPeriod.OfMonth(new YearMonth(2026, 3));
    private static readonly NumberSeries Series = new("INV", "INV-{yyyy}{MM}-{seq:000000}");

    private readonly Lazy<IInvoiceStore> _store;
    private readonly Lazy<IOutboxStore> _outbox;
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 4, 2, 0, 0)) { AutoAdvance = Duration.FromMinutes(1) };
    private readonly InMemoryPrepaidStore _prepaid = new();

    /// <summary>Initializes the suite; the store is created on first use, once per test.</summary>
    protected InvoiceStoreContract()
    {
        _store = new Lazy<IInvoiceStore>(CreateStore);
        _outbox = new Lazy<IOutboxStore>(() => { _ = _store.Value; return CreateOutbox(); });
    }

    private IInvoiceStore Store => _store.Value;

    private IOutboxStore Outbox => _outbox.Value;

    private PrepayInvoicing Prepay => new(Store, _prepaid, new ChargeEngine(ChargePolicy.En16931), InvoiceNumbering.OneSeries(Series), _clock, ContractRetry.Racing);

    private PostpaidInvoicing Postpaid => new(Store, new ChargeEngine(ChargePolicy.PerLine), InvoiceNumbering.OneSeries(Series), _clock, ContractRetry.Racing);

    /// <summary>A closed Prepay invoice keeps every field: number, period, tables, taxes, derivations.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PrepayInvoice_RoundTripsEveryField()
    {
        var made = (await CloseAsAsync("acc", AccountType.Reseller, 19.99m, 5m)).Invoice!;

        var stored = await Store.FindInvoiceAsync(made.InvoiceId);

        AssertSame(made, stored!);
        AssertSame(made, (await Store.FindPrepayInvoiceAsync("acc", March))!);
        Assert.Equal(Series.NumberFor(1, new LocalDate(2026, 4, 2)), stored!.Number);
        Assert.Equal(2, stored.Charges.Count);
        Assert.Equal([new InvoiceCredit(1, "grant:promo", Grants.CreditSource.Promotion, new Money(10m, Usd), new Money(0m, Usd))], stored.Credits);   // 24.19 drew the promotion, the rest went on credit
        Assert.Equal(made.Total, stored.Total);
    }

    /// <summary>A postpaid invoice keeps every field through draft, edits, finalizing and voiding.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PostpaidInvoice_RoundTripsThroughItsLife()
    {
        await Postpaid.CreateDraftAsync("inv-1", "acc", "Acme", March, Usd);
        var edited = await Postpaid.EditAsync(
            "acc", "inv-1",
            [Fee("Pro plan", 49.5m, 20m)],
            [new InvoiceSubscription("sub-1", "Pro", SubscriptionStatus.WaitingForManualApprove)],
            [new InvoiceCorrection(1, "cor-1", "Goodwill ▲", new Money(2.50m, Usd), Instant.FromUtc(2026, 3, 9, 12, 30, 15))]);
        AssertSame(edited, (await Store.FindInvoiceAsync("inv-1"))!);
        await Postpaid.FinalizeAsync("acc", "inv-1");
        var voided = await Postpaid.VoidAsync("acc", "inv-1", "issued by mistake");

        AssertSame(voided, (await Store.FindInvoiceAsync("inv-1"))!);
        Assert.NotNull(voided.Number);
    }

    /// <summary>A stale version, an invoice id another account holds, a second Prepay invoice for one account and period, and a number out of sequence are refused with nothing written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Conflicts_AreRefused_AndWriteNothing()
    {
        var draft = await Postpaid.CreateDraftAsync("inv-1", "acc", "Acme", March, Usd);
        await Postpaid.EditAsync("acc", "inv-1", [Fee("Pro", 10m, 0m)], [], []);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(draft.Edit(null, [], []), takesNumber: false, []));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(Invoice.Draft("inv-1", "acc-2", "Other", March, Usd, _clock.GetCurrentInstant()), takesNumber: false, []));
        Assert.Single((await Store.FindInvoiceAsync("inv-1"))!.Charges);
        Assert.Equal(0, (await Store.QueryInvoicesAsync(new InvoiceQuery("acc-2"))).TotalCount);

        var made = (await CloseAsync("acc", 1m)).Invoice!;
        var second = Invoice.ClosePrepay("other-id", "acc", "Acme", March, Usd, null, [], [], _clock.GetCurrentInstant());
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(second, takesNumber: false, []));
        Assert.Null(await Store.FindInvoiceAsync("other-id"));
        AssertSame(made, (await Store.FindPrepayInvoiceAsync("acc", March))!);

        await Postpaid.CreateDraftAsync("inv-2", "acc", "Acme", March, Usd);
        var racing = (await Store.FindInvoiceAsync("inv-2"))!.Finalize(_clock.GetCurrentInstant());
        var outOfSequence = Invoice.Restore(   // number 1, which is taken, as an adapter of the host's own could craft it
            racing.InvoiceId, racing.AccountId, racing.AccountName, racing.AccountType, racing.PaymentModel, racing.Period, racing.Currency, racing.CreatedAt, racing.Status,
            Series.NumberFor(1, new LocalDate(2026, 4, 2)), Series.Name, 1, racing.Charges, racing.TaxSummary, racing.Subscriptions, racing.Corrections, racing.IssuedAt,
            racing.SettledAt, racing.VoidReason, racing.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(outOfSequence, takesNumber: true, []));
        Assert.Equal(InvoiceStatus.Draft, (await Store.FindInvoiceAsync("inv-2"))!.Status);
        Assert.Equal(1, await Store.LastSequenceAsync("INV"));
    }

    /// <summary>Closes running at once take numbers 1, 2, … without a gap or a repeat, and close each period once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Numbers_AreGaplessAndUnique_UnderConcurrentCloses()
    {
        for (var i = 0; i < 16; i++)
        {
            await new PrepaidAccountService(_prepaid, _clock, ContractRetry.Racing).OpenAsync($"acc-{i}", Usd, new Money(1_000_000m, Usd));
            await BilledSubscriptions.ChargeAsync(_prepaid, $"acc-{i}", $"sub-{i}", Fee("Plan", 1m + i, 21m), March, Instant.FromUtc(2026, 3, 15, 0, 0));
        }

        var closes = Enumerable.Range(0, 24).Select(i => new PrepayPeriod($"acc-{i % 16}", $"Account {i % 16}", March, new AccountTimeZone(DateTimeZone.Utc), Usd)).ToList();

        var results = await Task.WhenAll(closes.Select(period => Task.Run(() => Prepay.CloseAsync(period))));

        var made = results.Where(r => r.Outcome == PrepayCloseOutcome.Made).Select(r => r.Invoice!).ToList();
        Assert.Equal(16, made.Count);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), made.Select(i => i.Sequence!.Value).Order());
        Assert.Equal(16, made.Select(i => i.Number).Distinct().Count());
        Assert.Equal(16, await Store.LastSequenceAsync("INV"));
    }

    /// <summary>Queries filter by account, status, payment model, account type, number and issue date, newest first; totals are per currency; accounts are isolated.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Queries_FilterOrderTotalAndIsolate()
    {
        var a = (await CloseAsync("acc-a", 10m)).Invoice!;
        var b = (await CloseAsAsync("acc-b", AccountType.Reseller, 20m)).Invoice!;
        await Postpaid.CreateDraftAsync("draft", "acc-a", "Acme", March, Currency.FromCode("EUR"));
        var all = (await Store.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { Page = new PageRequest(1, PageRequest.MaxSize) })).Items;

        foreach (var query in new[]
        {
            new InvoiceQuery("acc-a"),
            new InvoiceQuery(AccountScope.AllAccounts) { Status = InvoiceStatus.Closed },
            new InvoiceQuery(AccountScope.AllAccounts) { PaymentModel = PaymentModel.Postpaid },
            new InvoiceQuery(AccountScope.AllAccounts) { Number = b.Number },
            new InvoiceQuery(AccountScope.AllAccounts) { AccountType = AccountType.Reseller },
            new InvoiceQuery(AccountScope.AllAccounts) { AccountType = AccountType.Customer },
            new InvoiceQuery(AccountScope.AllAccounts) { Issued = new InstantRange(a.IssuedAt, b.IssuedAt) },
            new InvoiceQuery(AccountScope.AllAccounts) { Page = new PageRequest(2, 1) },
        })
        {
            var expected = query.Apply(all);
            var actual = await Store.QueryInvoicesAsync(query);
            Assert.Equal(expected.Items.Select(i => i.InvoiceId), actual.Items.Select(i => i.InvoiceId));
            Assert.Equal((expected.TotalCount, expected.HasNext), (actual.TotalCount, actual.HasNext));
            Assert.Equal(query.TotalsByCurrency(all), await Store.TotalsByCurrencyAsync(query));
        }

        Assert.Equal(["draft", b.InvoiceId, a.InvoiceId], all.Select(i => i.InvoiceId));
        Assert.Equal([b.InvoiceId], (await Store.QueryInvoicesAsync(new InvoiceQuery(AccountScope.AllAccounts) { AccountType = AccountType.Reseller })).Items.Select(i => i.InvoiceId));
        Assert.All((await Store.QueryInvoicesAsync(new InvoiceQuery("acc-b"))).Items, i => Assert.Equal("acc-b", i.AccountId));
        Assert.Null(await Store.FindPrepayInvoiceAsync("acc-c", March));
    }

    /// <summary>A Prepay close writes its invoice.closed in the invoice's commit; closing again writes no second one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task PrepayClose_WritesInvoiceClosed_WithTheInvoice_Once()
    {
        var made = (await CloseAsync("acc", 19.99m)).Invoice!;
        var again = await CloseAsync("acc");

        var events = (await Outbox.NextAsync(_clock.GetCurrentInstant(), 10)).Select(e => e.Event).OfType<InvoiceClosed>().ToList();

        Assert.Equal(PrepayCloseOutcome.AlreadyMade, again.Outcome);
        var closed = Assert.Single(events);
        Assert.Equal(
            ($"invoice.closed/{made.InvoiceId}", made.InvoiceId, "acc", made.Number, made.Total, March, made.IssuedAt ?? made.CreatedAt),
            (closed.EventId, closed.InvoiceId, closed.AccountId, closed.Number, closed.Total, closed.Period, closed.OccurredAt));
    }

    /// <summary>A commit the store refuses (a stale version) writes none of its events.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RefusedCommit_WritesNoEvent()
    {
        var made = (await CloseAsync("acc", 19.99m)).Invoice!;
        await Outbox.MarkDeliveredAsync((await Outbox.NextAsync(_clock.GetCurrentInstant(), 10)).Single().Sequence, _clock.GetCurrentInstant());
        var stale = made with { Version = made.Version - 1 };

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Store.CommitAsync(stale, takesNumber: false, [new InvoiceClosed(made.InvoiceId, "acc", made.Number!, made.Total, March, made.IssuedAt ?? made.CreatedAt)]));

        Assert.Empty(await Outbox.NextAsync(_clock.GetCurrentInstant(), 10));
    }

    /// <summary>Returns a fresh, empty store of the adapter under test.</summary>
    /// <returns>The store.</returns>
    protected abstract IInvoiceStore CreateStore();

    /// <summary>Returns the outbox the store's commits write their events to: its database's (read through the adapter's prepaid store), or the in-memory prepaid store it was made with.</summary>
    /// <returns>The outbox.</returns>
    protected abstract IOutboxStore CreateOutbox();

    private static ChargeSpec Fee(string name, decimal amount, decimal vat) =>
        ChargeSpec.For(name, 1m, new RecurringFee(new Money(amount, Usd))) with { DurationMonths = 1m, Taxes = vat == 0m ? [] : [new TaxRate("VAT", vat)], Discounts = [Discount.Percent(10m)] };

    // Opens the account's ledger (a close refuses an account never opened), stores a March charge of each fee as the
    // billing run would, then closes its period.
    private Task<PrepayCloseResult> CloseAsync(string account, params decimal[] fees) => CloseAsAsync(account, AccountType.Customer, fees);

    private async Task<PrepayCloseResult> CloseAsAsync(string account, AccountType type, params decimal[] fees)
    {
        await new PrepaidAccountService(_prepaid, _clock, ContractRetry.Racing).OpenAsync(account, Usd, new Money(1_000_000m, Usd));
        var promotion = new Grants.GrantTerms(Grants.CreditSource.Promotion, Instant.FromUtc(2026, 3, 1, 0, 0));
        await new Grants.CreditGrantService(_prepaid, _clock, ContractRetry.Racing).GrantAsync(account, "promo", new Money(10m, Usd), promotion, "Promotion");   // the Credits table
        for (var i = 0; i < fees.Length; i++)
        {
            await BilledSubscriptions.ChargeAsync(_prepaid, account, $"{account}-sub-{i}", Fee($"Plan {i}", fees[i], 21m), March, Instant.FromUtc(2026, 3, 15, 0, 0));
        }

        return await Prepay.CloseAsync(new PrepayPeriod(account, $"Account {account}", March, new AccountTimeZone(DateTimeZone.Utc), Usd) { AccountType = type });
    }

    // Every field, the tables row by row, each charge's taxes and derivation.
    private static void AssertSame(Invoice expected, Invoice actual)
    {
        Assert.Equal(
            (expected.InvoiceId, expected.Number, expected.Series, expected.Sequence, expected.AccountId, expected.AccountName, expected.AccountType, expected.PaymentModel, expected.Status),
            (actual.InvoiceId, actual.Number, actual.Series, actual.Sequence, actual.AccountId, actual.AccountName, actual.AccountType, actual.PaymentModel, actual.Status));
        Assert.Equal(
            (expected.Period, expected.Currency, expected.CreatedAt, expected.IssuedAt, expected.SettledAt, expected.VoidReason, expected.Version),
            (actual.Period, actual.Currency, actual.CreatedAt, actual.IssuedAt, actual.SettledAt, actual.VoidReason, actual.Version));
        Assert.Equal(expected.Charges.Count, actual.Charges.Count);
        foreach (var (e, a) in expected.Charges.Zip(actual.Charges))
        {
            Assert.Equal((e.Number, e.Description, e.Quantity, e.DurationMonths, e.UnitPrice), (a.Number, a.Description, a.Quantity, a.DurationMonths, a.UnitPrice));
            Assert.Equal((e.Discount, e.Taxes, e.Amount, e.Net), (a.Discount, a.Taxes, a.Amount, a.Net));
            Assert.Equal(e.TaxAmounts, a.TaxAmounts);
            Assert.Equal(e.Explanation.ToString(), a.Explanation.ToString());
        }

        Assert.Equal(expected.TaxSummary, actual.TaxSummary);
        Assert.Equal(expected.Subscriptions, actual.Subscriptions);
        Assert.Equal(expected.Corrections, actual.Corrections);
        Assert.Equal(expected.Credits, actual.Credits);
        Assert.Equal(expected.Total, actual.Total);
    }
}
