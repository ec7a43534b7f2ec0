using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Events;
using Billing.Domain.Grants;
using Billing.Domain.InvoiceApplications;
using Billing.Domain.InvoiceHeaders;
using Billing.Domain.Invoices;
using Billing.Domain.Ledger;
using Billing.Domain.Numbering;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Storage;
using Billing.Domain.Testing.InMemory;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Billing.Domain.Testing.Contracts;

/// <summary>
/// The contract every <see cref="IPrepaidStore"/> adapter must pass: inherit it in your test project and return a
/// fresh, empty store from <see cref="CreateStore"/>. It drives the store through the library's own services, so
/// what it stores is what a host's billing writes.
/// </summary>
/// <remarks>
/// It checks that every field of every aggregate round-trips (amounts with their scale, instants, statuses,
/// nested values), that stale versions and taken keys are refused with nothing written, that application numbers
/// stay gapless under concurrent issues, that every query filters, orders and pages as its query record says, and
/// that one account never sees another's rows.
/// </remarks>
public abstract class PrepaidStoreContract
{
    private static readonly Currency Usd = Currency.FromCode("USD");
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 1, 0, 0);

    private readonly Lazy<Harness> _harness;

    /// <summary>Initializes the suite; the store is created on first use, once per test.</summary>
    protected PrepaidStoreContract()
    {
        _harness = new Lazy<Harness>(() => new Harness(CreateStore()));
    }

    private Harness H => _harness.Value;

    /// <summary>A round trip keeps every field of the ledger head, its entries and the invoicing totals, amounts with their scale.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Account_AndEntries_RoundTripEveryField()
    {
        await H.FundAsync("acc", 100.50m);
        await H.Accounts.SetCreditLimitAsync("acc", M(5.00m));
        var recorded = await H.Consumption.RecordAsync(Call("acc", "req-1", 0.0012345m, Start + Duration.FromHours(5)));
        var closed = (await H.Store.CommitAsync(new PrepaidChange(recorded.Account.CloseThrough(Start + Duration.FromDays(31))))).Account!;

        var account = await H.Store.FindAccountAsync("acc");
        var entry = await H.Store.FindEntryAsync("acc", ConsumptionService.KeyFor("req-1"));

        Assert.Equal(closed, account);
        Assert.Equal(Start + Duration.FromDays(31), account!.ClosedThrough);
        Assert.Equal(recorded.Debit, entry);
        AssertExact(M(100.4987655m), account.Balance);
        AssertExact(M(5.00m), account.CreditLimit);
        AssertExact(M(100.50m), account.Invoicing.Recharged);
        Assert.Equal(recorded.Account.Balance, await H.Store.BalanceAsOfAsync("acc", Instant.MaxValue));
    }

    /// <summary>
    /// Grants round-trip on the ledger head (terms, granted, what is left with every decimal, spending order) and on
    /// their entries (the terms an entry opened, the grants a debit drew from); a call spans grants in spending order.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Grants_RoundTripOnTheHeadAndTheEntries()
    {
        await H.FundAsync("acc", 10m);
        var trial = new GrantTerms(CreditSource.Trial, Start, Start + Duration.FromDays(15), priority: 10);
        await H.Grants.GrantAsync("acc", "trial-1", M(5m), trial, "Trial credit");
        await H.Grants.GrantAsync("acc", "promo-1", M(2.50m), new GrantTerms(CreditSource.Promotion, Start + Duration.FromDays(40)), "Spring promotion");
        var recorded = await H.Consumption.RecordAsync(Call("acc", "req-1", 6.0012345m, Start + Duration.FromHours(5)));

        var account = (await H.Store.FindAccountAsync("acc"))!;
        var debit = await H.Store.FindEntryAsync("acc", ConsumptionService.KeyFor("req-1"));
        var opened = await H.Store.FindEntryAsync("acc", CreditGrantService.KeyFor("trial-1"));

        Assert.Equal(recorded.Account, account);
        Assert.Equal(recorded.Debit, debit);
        Assert.Equal([TopUpService.CreditKeyFor("ord-acc"), CreditGrantService.KeyFor("promo-1")], account.Grants.Select(g => g.GrantId));
        AssertExact(M(8.9987655m), account.Grants[0].Remaining);
        AssertExact(M(2.50m), account.Grants[1].Remaining);
        Assert.Equal(Start + Duration.FromDays(40), account.Grants[1].Terms.EffectiveAt);
        Assert.Equal([("grant:trial-1", -5m), ("topup:ord-acc", -1.0012345m)], debit!.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Equal(trial, opened!.OpensGrant);
        Assert.Equal(LedgerEntryKind.GrantCredit, opened.Kind);
    }

    /// <summary>An expiry removes a grant's remainder with an entry recorded at its expiry, so the balance as of any instant is exact; expiring again writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GrantExpiry_IsRecordedAtTheExpiry_AndTheBalanceAsOfIsExact()
    {
        await H.FundAsync("acc", 10m);
        var expires = Start + Duration.FromDays(15);
        await H.Grants.GrantAsync("acc", "trial-1", M(5m), new GrantTerms(CreditSource.Trial, Start, expires, priority: 0), "Trial credit");
        await H.Consumption.RecordAsync(Call("acc", "req-1", 1.25m, Start + Duration.FromHours(5)));
        H.Clock.Reset(expires + Duration.FromDays(3));

        var written = await H.Grants.ExpireAsync("acc", H.Clock.GetCurrentInstant());
        var again = await H.Grants.ExpireAsync("acc", H.Clock.GetCurrentInstant());

        var expiry = Assert.Single(written);
        Assert.Empty(again);
        Assert.Equal(expiry, await H.Store.FindEntryAsync("acc", expiry.IdempotencyKey));
        Assert.Equal("grant:trial-1", expiry.Reference);
        Assert.Equal((LedgerEntryKind.GrantExpiry, expires), (expiry.Kind, expiry.RecordedAt));
        AssertExact(M(-3.75m), expiry.Amount);
        Assert.Equal(M(13.75m), await H.Store.BalanceAsOfAsync("acc", expires - Duration.Epsilon));
        Assert.Equal(M(10m), await H.Store.BalanceAsOfAsync("acc", expires));
        var account = (await H.Store.FindAccountAsync("acc"))!;
        Assert.Equal((M(10m), 1), (account.Balance, account.Grants.Count));
    }

    /// <summary>An account's low-balance threshold and automatic top-up round-trip (a payment in another currency too), and clear back to none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AlertsAndAutomaticTopUps_RoundTrip()
    {
        await H.FundAsync("acc", 10m);
        var auto = new AutoTopUp(M(-2.50m), M(20m), new Money(18.40m, Currency.FromCode("EUR")), "pm_card_visa");
        await H.Accounts.SetLowBalanceThresholdAsync("acc", M(5.00m));
        var set = await H.Accounts.SetAutoTopUpAsync("acc", auto);

        var stored = (await H.Store.FindAccountAsync("acc"))!;
        await H.Accounts.SetAutoTopUpAsync("acc", null);
        var cleared = await H.Accounts.SetLowBalanceThresholdAsync("acc", null);

        Assert.Equal(set, stored);
        Assert.Equal((M(5.00m), auto), (stored.LowBalanceThreshold, stored.AutoTopUp));
        AssertExact(M(-2.50m), stored.AutoTopUp!.Threshold);
        Assert.Equal(cleared, await H.Store.FindAccountAsync("acc"));
        Assert.Equal((null, null), (cleared.LowBalanceThreshold, cleared.AutoTopUp));
    }

    /// <summary>An account's profile (name, type, time zone) round-trips when it is opened and when it is changed; the profile of an account opened without one is the default.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AccountProfiles_RoundTrip()
    {
        var profile = new AccountProfile("Ünïcode & Co. — \"AI\"", AccountType.Reseller, DateTimeZoneProviders.Tzdb["America/St_Johns"]);
        await H.Accounts.OpenAsync("acc-1", profile, Usd);
        await H.Accounts.OpenAsync("acc-2", Usd);
        var renamed = await H.Accounts.UpdateProfileAsync("acc-2", new AccountProfile("Li's studio", AccountType.Customer, DateTimeZoneProviders.Tzdb["Asia/Kathmandu"]));

        Assert.Equal(profile, (await H.Store.FindAccountAsync("acc-1"))!.Profile);
        Assert.Equal(renamed, await H.Store.FindAccountAsync("acc-2"));
        Assert.Equal("Asia/Kathmandu", (await H.Store.FindAccountsAsync(["acc-2"]))["acc-2"].Profile.Zone.Id);
        await H.Accounts.OpenAsync("acc-3", Usd);
        Assert.Equal(AccountProfile.DefaultFor("acc-3"), (await H.Store.FindAccountAsync("acc-3"))!.Profile);
    }

    /// <summary>
    /// Accounts list by id in ordinal order (upper case before lower case, whatever the database's collation), of one type
    /// when asked, paged with the count of all that match.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Accounts_ListById_Ordinally_ByType_Paged()
    {
        var reseller = new AccountProfile("Reseller", AccountType.Reseller, DateTimeZone.Utc);
        foreach (var id in new[] { "b-2", "a-1", "B-3", "a-10", "a-9" })
        {
            await (id.StartsWith('a') ? H.Accounts.OpenAsync(id, reseller, Usd) : H.Accounts.OpenAsync(id, Usd));
        }

        var all = await H.Store.ListAccountsAsync(new AccountQuery { Page = new PageRequest(1, 10) });
        var second = await H.Store.ListAccountsAsync(new AccountQuery { Page = new PageRequest(2, 2) });
        var resellers = await H.Store.ListAccountsAsync(new AccountQuery { Type = AccountType.Reseller, Page = new PageRequest(2, 2) });
        var customers = await H.Store.ListAccountsAsync(new AccountQuery { Type = AccountType.Customer });
        var beyond = await H.Store.ListAccountsAsync(new AccountQuery { Page = new PageRequest(4, 2) });

        Assert.Equal(["B-3", "a-1", "a-10", "a-9", "b-2"], all.Items.Select(a => a.AccountId));
        Assert.Equal(await H.Store.FindAccountAsync("a-1"), all.Items[1]);
        Assert.Equal(["a-10", "a-9"], second.Items.Select(a => a.AccountId));
        Assert.Equal((5, true), (second.TotalCount, second.HasNext));
        Assert.Equal(["a-9"], resellers.Items.Select(a => a.AccountId));
        Assert.Equal((3, false), (resellers.TotalCount, resellers.HasNext));
        Assert.Equal(["B-3", "b-2"], customers.Items.Select(a => a.AccountId));
        Assert.Equal((0, 5), (beyond.Items.Count, beyond.TotalCount));
        await Assert.ThrowsAsync<ArgumentNullException>(() => H.Store.ListAccountsAsync(null!));
    }

    /// <summary>A top-up order keeps every field through its whole life: its payments (credited, mismatched, unexpected, resolved) and its refunds (partial, declined, of a payment).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Orders_RoundTripEveryField_ThroughTheirLife()
    {
        var completed = await H.FundAsync("acc", 20m, paid: 20.60m);
        var abnormal = await H.TopUps.CreateAsync("ord-x", "acc", M(10m), M(10.30m), "alipay");
        var flagged = await H.TopUps.ConfirmAsync(new PaymentConfirmation("ord-x", "pay-x", M(1.03m), Start));
        var overpaid = await H.TopUps.ConfirmAsync(new PaymentConfirmation(completed.OrderId, "pay-again", M(20.60m), Start + Duration.FromMinutes(9)));
        H.Gateway.DeclineRefunds("too late");
        var declined = await H.TopUps.RefundAsync("acc", completed.OrderId, "alice", "asked", M(5.00m));
        H.Gateway.DeclineRefunds(null);
        var partial = await H.TopUps.RefundAsync("acc", completed.OrderId, "alice", "asked again", M(5.00m));
        var paymentRefund = await H.TopUps.RefundPaymentAsync("acc", completed.OrderId, "pay-again", "bob", "paid twice");
        var accepted = await H.TopUps.AcceptPaymentAsync("acc", "ord-x", "bob", "customer confirmed the amount");

        Assert.Equal(TopUpStatus.Abnormal, flagged.Order.Status);
        Assert.NotEqual(abnormal.Version, flagged.Order.Version);
        Assert.Equal((TopUpRefundOutcome.Declined, TopUpRefundOutcome.Refunded, TopUpRefundOutcome.Refunded), (declined.Outcome, partial.Outcome, paymentRefund.Outcome));
        var stored = (await H.Store.FindOrderAsync(completed.OrderId))!;
        Assert.Equal(paymentRefund.Order, stored);
        Assert.Equal(accepted.Order, await H.Store.FindOrderAsync("ord-x"));
        Assert.Equal(TopUpStatus.PartiallyRefunded, stored.Status);
        Assert.Equal(
            [(TopUpPaymentOutcome.Credited, (TopUpPaymentResolution?)null), (TopUpPaymentOutcome.Unexpected, TopUpPaymentResolution.Refunded)],
            stored.Payments.Select(p => (p.Outcome, p.Resolution)));
        Assert.Equal([TopUpRefundStatus.Declined, TopUpRefundStatus.Succeeded, TopUpRefundStatus.Succeeded], stored.Refunds.Select(r => r.Status));
        AssertExact(M(20.60m), stored.PaymentAmount);
        AssertExact(M(5.15m), stored.Refunds[1].PaymentAmount);
        AssertExact(M(5.00m), stored.Refunds[1].Credit!.Value);
        Assert.Null(stored.Refunds[2].Credit);
        AssertExact(M(1.03m), (await H.Store.FindOrderAsync("ord-x"))!.AmountReceived!.Value);
        Assert.Equal(overpaid.Order.Payments[1], stored.Payments[1] with { Resolution = null, ResolvedBy = null, ResolvedAt = null, ResolutionReason = null });
        Assert.Equal(["acc", "acc"], (await H.Store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).Items.Select(o => o.AccountId));
    }

    /// <summary>Consumption records and corrections keep every field.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ConsumptionAndCorrections_RoundTripEveryField()
    {
        await H.FundAsync("acc", 10m);
        var call = new ConsumptionRecord(
            new UsageRecord("req-9", "acc", "key-b", "gpt-x", 1_234, 567, Start + Duration.FromMinutes(3), 89) { ReasoningTokens = 345, ImageTokens = 258, AudioTokens = 16 },
            M(0.004200m),
            "gpt-x/2026-01");
        await H.Consumption.RecordAsync(call);
        await H.Corrections.RequestAsync("cor-1", "acc", M(1.25m), "Reversal ▲ of a duplicate", "alice", "req-9");
        var approved = await H.Corrections.ApproveAsync("acc", "cor-1", "bob");
        await H.Corrections.RequestAsync("cor-2", "acc", M(2m), "Goodwill", "alice");
        var rejected = await H.Corrections.RejectAsync("acc", "cor-2", "bob", "not owed");

        Assert.Equal(call with { BookedAt = call.OccurredAt }, await H.Store.FindConsumptionAsync("acc", "req-9"));
        AssertExact(M(0.004200m), (await H.Store.FindConsumptionAsync("acc", "req-9"))!.Cost);
        Assert.Equal(approved.Correction, await H.Store.FindCorrectionAsync("cor-1"));
        Assert.Equal(rejected.Correction, await H.Store.FindCorrectionAsync("cor-2"));
        Assert.Equal(approved.Entry, await H.Store.FindEntryAsync("acc", CorrectionService.KeyFor("cor-1")));
    }

    /// <summary>An invoice application keeps every field, its header snapshot and its number.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Applications_RoundTripEveryField()
    {
        await H.FundAsync("acc", 100m);
        await H.Headers.AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Company, "Acme", "TAX-1", "Addr", "Phone", "Bank", "0001"));
        await H.Applications.ApplyAsync("app-1", "acc", M(40m), "a@acme.example", "remarks");
        await H.Applications.ApproveAsync("acc", "app-1", "fin");
        var issued = await H.Applications.IssueAsync("acc", "app-1");
        await H.Applications.ApplyAsync("app-2", "acc", M(10m), "a@acme.example");
        await H.Applications.RejectAsync("acc", "app-2", "fin", "why");
        var resubmitted = await H.Applications.ResubmitAsync("acc", "app-2", "app-3");

        Assert.Equal(issued, await H.Store.FindApplicationAsync("app-1"));
        Assert.Equal(resubmitted.Application, await H.Store.FindApplicationAsync("app-3"));
        Assert.Equal("app-3", (await H.Store.FindApplicationAsync("app-2"))!.ResubmittedAs);
        Assert.Equal(1, await H.Store.LastApplicationSequenceAsync("FP"));
    }

    /// <summary>
    /// The document an application is issued with round-trips byte for byte (every byte value), with its name, type and
    /// hash; a second document for the application is refused with nothing written, the first kept.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task IssuedDocuments_RoundTripByteForByte_AndAreNeverReplaced()
    {
        await H.FundAsync("acc", 100m);
        await H.Headers.AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
        await H.Applications.ApplyAsync("app-1", "acc", M(40m), "a@acme.example");
        await H.Applications.ApproveAsync("acc", "app-1", "fin");
        var file = new RenderedDocument("fapiao-1.pdf", "application/pdf", Enumerable.Range(0, 512).Select(i => (byte)(i % 256)).ToArray());
        var issued = await H.Applications.IssueAsync("acc", "app-1", new OfficialInvoice("OFFICIAL-1", file));

        var stored = await H.Store.FindDocumentAsync("app-1");

        Assert.Equal(new IssuedDocument("app-1", file), stored);
        Assert.True(file.Content.Span.SequenceEqual(stored!.Document.Content.Span));
        Assert.Equal((issued.DocumentSha256, "OFFICIAL-1"), (stored.Sha256, (await H.Store.FindApplicationAsync("app-1"))!.OfficialNumber));
        Assert.Null(await H.Store.FindDocumentAsync("app-2"));

        var forged = new IssuedDocument("app-1", new RenderedDocument("forged.pdf", "application/pdf", new byte[] { 1, 2, 3 }));
        var rehashed = InvoiceApplication.Restore(
            issued.ApplicationId, issued.AccountId, issued.Header, issued.Amount, issued.Email, issued.Remarks, issued.AppliedAt, issued.ResubmissionOf, issued.Status,
            issued.ApprovedBy, issued.ApprovedAt, issued.RejectedBy, issued.RejectedAt, issued.RejectionReason, issued.ResubmittedAs, issued.Number, issued.Series,
            issued.Sequence, issued.IssuedAt, issued.OfficialNumber, forged.Sha256, issued.Version);
        var account = (await H.Store.FindAccountAsync("acc"))!;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(account, applications: [rehashed], document: forged)));

        Assert.Equal(new IssuedDocument("app-1", file), await H.Store.FindDocumentAsync("app-1"));
        Assert.Equal(issued, await H.Store.FindApplicationAsync("app-1"));
        Assert.Equal(account, await H.Store.FindAccountAsync("acc"));
    }

    /// <summary>
    /// Events are written with the change that caused them and never without it; the outbox gives each account's oldest
    /// undelivered event, oldest account first, round-trips every field of the event, keeps a failed one's attempts,
    /// error and retry time (holding the account's later events until then), lets a parked one's later events pass, and
    /// requeues a parked one.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Events_AreWrittenWithTheirChange_AndComeOutInOrderPerAccount()
    {
        await H.FundAsync("acc-1", 10m);
        await H.FundAsync("acc-2", 20m);
        await H.Corrections.RequestAsync("c1", "acc-1", M(-2.50m), "Fee", "alice");
        await H.Corrections.ApproveAsync("acc-1", "c1", "bob");
        var stale = (await H.Store.FindAccountAsync("acc-1"))! with { Version = 1 };
        var refused = new CorrectionApproved("c-stale", "acc-1", M(1m), "bob", Start);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(stale, events: [refused])));
        var now = Start + Duration.FromDays(1);

        var first = await H.Store.NextAsync(now, 10);
        Assert.Equal(["top_up.completed/ord-acc-1", "top_up.completed/ord-acc-2"], first.Select(e => e.Event.EventId));
        Assert.Equal((first[0].Sequence < first[1].Sequence, 0, false, null, null), (true, first[0].Attempts, first[0].Parked, first[0].RetryAt, first[0].LastError));
        var completed = Assert.IsType<TopUpCompleted>(first[0].Event);
        Assert.Equal(("ord-acc-1", "acc-1", M(10m), M(10m)), (completed.OrderId, completed.AccountId, completed.Credited, completed.Balance));
        Assert.Single(await H.Store.NextAsync(now, 1));

        await H.Store.MarkFailedAsync(first[0].Sequence, "consumer down", now + Duration.FromMinutes(5));
        await H.Store.MarkDeliveredAsync(first[1].Sequence, now);
        Assert.Empty(await H.Store.NextAsync(now, 10));   // acc-1 waits for its retry; acc-2 has nothing left
        var retried = Assert.Single(await H.Store.NextAsync(now + Duration.FromMinutes(5), 10));
        Assert.Equal((first[0].Sequence, 1, "consumer down", now + Duration.FromMinutes(5)), (retried.Sequence, retried.Attempts, retried.LastError, retried.RetryAt));

        await H.Store.MarkFailedAsync(first[0].Sequence, "still down", null);
        var next = Assert.Single(await H.Store.NextAsync(now, 10));   // parked: acc-1's later event passes
        Assert.Equal("correction.approved/c1", next.Event.EventId);
        Assert.Equal(new CorrectionApproved("c1", "acc-1", M(-2.50m), "bob", next.Event.OccurredAt), next.Event);
        var parked = Assert.Single(await H.Store.ParkedAsync());
        Assert.Equal((first[0].Sequence, 2, true, "still down"), (parked.Sequence, parked.Attempts, parked.Parked, parked.LastError));

        await H.Store.MarkDeliveredAsync(next.Sequence, now);
        await H.Store.RequeueAsync(parked.Sequence);
        Assert.Equal([first[0].Sequence], (await H.Store.NextAsync(now, 10)).Select(e => e.Sequence));
        Assert.Empty(await H.Store.ParkedAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => H.Store.MarkDeliveredAsync(999_999, now));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => H.Store.NextAsync(now, 0));
    }

    /// <summary>A change with one stale version is refused whole: nothing of it is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task StaleVersion_RefusesTheWholeChange()
    {
        await H.Accounts.OpenAsync("acc", Usd);
        var order = await H.TopUps.CreateAsync("ord-1", "acc", M(5m), M(5m), "card");
        await H.TopUps.CancelAsync("acc", "ord-1", "customer", "changed my mind");
        var account = (await H.Store.FindAccountAsync("acc"))!;
        var (credited, entry) = account.Post(LedgerEntryKind.TopUpCredit, M(5m), "topup:ord-1", Start, "ord-1", "credit");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(credited, entry, order.StartPayment("p"))));

        Assert.Equal(account, await H.Store.FindAccountAsync("acc"));
        Assert.Null(await H.Store.FindEntryAsync("acc", "topup:ord-1"));
        Assert.Equal(TopUpStatus.Cancelled, (await H.Store.FindOrderAsync("ord-1"))!.Status);
    }

    /// <summary>A new aggregate whose id exists, a taken idempotency key and a recorded request id are refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TakenIdsAndKeys_AreRefused()
    {
        var opened = await H.Accounts.OpenAsync("acc", Usd);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start))));

        var (first, entry) = opened.Post(LedgerEntryKind.Correction, M(1m), "key-1", Start, "c", "d");
        var after = (await H.Store.CommitAsync(new PrepaidChange(first, entry))).Account!;
        var (second, again) = after.Post(LedgerEntryKind.Correction, M(1m), "key-1", Start, "c", "d");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(second, again)));

        var call = Call("acc", "req-1", 0m, Start);
        var (debited, debit) = after.Post(LedgerEntryKind.ConsumptionDebit, M(0m), "consumption:req-1", Start, "req-1", "call");
        var recorded = (await H.Store.CommitAsync(new PrepaidChange(debited, debit, consumption: call))).Account!;
        var (twice, debitAgain) = recorded.Post(LedgerEntryKind.ConsumptionDebit, M(0m), "consumption:req-1b", Start, "req-1", "call");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(twice, debitAgain, consumption: call)));

        Assert.Equal(recorded, await H.Store.FindAccountAsync("acc"));
    }

    /// <summary>Many ledger heads are read at once, exactly as one by one: ids compared exactly, repeats and unknown ids harmless, any number of them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindAccounts_ReadsManyHeadsAtOnce()
    {
        await H.Store.CommitManyAsync([.. Enumerable.Range(0, 620).Select(i => new PrepaidChange(PrepaidAccount.Open($"acc-{i:D3}", Usd, Start)))]);
        await H.FundAsync("acc-funded", 5.50m);

        var heads = await H.Store.FindAccountsAsync(["acc-funded", "acc-619", "ACC-001", "acc-nobody", "acc-funded"]);
        var all = await H.Store.FindAccountsAsync([.. Enumerable.Range(0, 620).Select(i => $"acc-{i:D3}")]);

        Assert.Equal(["acc-619", "acc-funded"], heads.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(await H.Store.FindAccountAsync("acc-funded"), heads["acc-funded"]);
        AssertExact(M(5.50m), heads["acc-funded"].Balance);
        Assert.Equal(620, all.Count);
        Assert.All(all, pair => Assert.Equal(pair.Key, pair.Value.AccountId));
        Assert.Empty(await H.Store.FindAccountsAsync([]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => H.Store.FindAccountsAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => H.Store.FindAccountsAsync(["acc-001", null!]));
    }

    /// <summary>A group commit writes its changes in order, each checked against the ones before it: one account debited many times, and another opened, in one transaction.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CommitMany_WritesEveryChangeInOrder_EachSeeingTheOnesBefore()
    {
        var account = await H.Accounts.OpenAsync("acc", Usd, M(10m));
        var changes = new List<PrepaidChange>();
        for (var i = 0; i < 5; i++)
        {
            var (debited, debit) = account.Post(LedgerEntryKind.ConsumptionDebit, M(-1.25m), $"consumption:req-{i}", Start, $"req-{i}", "call");
            var change = new PrepaidChange(debited, debit, consumption: Call("acc", $"req-{i}", 1.25m, Start));
            changes.Add(change);
            account = change.Saved().Account!;   // the next change carries the version this one saves
        }

        // A change that checks another aggregate between two changes of the account, and one more debit after it.
        var (credited, credit) = account.Post(LedgerEntryKind.Correction, M(0.25m), "key-correction", Start, "cor-1", "fix");
        changes.Add(new PrepaidChange(credited, credit, order: TopUpOrder.Create("ord-1", "acc", M(5m), M(5m), "card", Start)));
        account = changes[^1].Saved().Account!;
        var (last, lastDebit) = account.Post(LedgerEntryKind.ConsumptionDebit, M(-1.25m), "consumption:req-5", Start, "req-5", "call");
        changes.Add(new PrepaidChange(last, lastDebit, consumption: Call("acc", "req-5", 1.25m, Start)));
        account = changes[^1].Saved().Account!;
        changes.Add(new PrepaidChange(PrepaidAccount.Open("acc-2", Usd, Start)));
        var saved = await H.Store.CommitManyAsync(changes);

        Assert.Equal(changes.Select(c => (c.Saved().Account, c.Entry, c.Consumption)), saved.Select(c => (c.Account, c.Entry, c.Consumption)));
        Assert.Equal(account, await H.Store.FindAccountAsync("acc"));
        Assert.NotNull(await H.Store.FindOrderAsync("ord-1"));
        AssertExact(M(-7.25m), account.Balance);
        Assert.Equal(6, (await H.Store.QueryConsumptionAsync(new ConsumptionQuery("acc"))).TotalCount);
        Assert.Equal(account.Balance, await H.Store.BalanceAsOfAsync("acc", Instant.MaxValue));
        Assert.NotNull(await H.Store.FindAccountAsync("acc-2"));
        Assert.Empty(await H.Store.CommitManyAsync([]));
    }

    /// <summary>A group commit is all or nothing: a stale version or a taken key anywhere in it, in the store or from an earlier change of the list, refuses the whole group and writes none of it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CommitMany_RefusedAnywhere_WritesNothing()
    {
        var opened = await H.Accounts.OpenAsync("acc", Usd, M(10m));
        var (first, debit) = opened.Post(LedgerEntryKind.ConsumptionDebit, M(-1m), "consumption:req-1", Start, "req-1", "call");
        var one = new PrepaidChange(first, debit, consumption: Call("acc", "req-1", 1m, Start));
        var (second, again) = one.Saved().Account!.Post(LedgerEntryKind.ConsumptionDebit, M(-1m), "consumption:req-1", Start, "req-1", "call");
        var sameKey = new PrepaidChange(second, again, consumption: Call("acc", "req-1", 1m, Start));
        var stale = new PrepaidChange(opened.Post(LedgerEntryKind.Correction, M(1m), "key-x", Start, "c", "d").Account);   // the version before the first change
        var newAccount = new PrepaidChange(PrepaidAccount.Open("acc-2", Usd, Start));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitManyAsync([newAccount, one, sameKey]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitManyAsync([newAccount, one, stale]));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitManyAsync([newAccount, new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start))]));

        Assert.Equal(opened, await H.Store.FindAccountAsync("acc"));
        Assert.Null(await H.Store.FindAccountAsync("acc-2"));
        Assert.Null(await H.Store.FindConsumptionAsync("acc", "req-1"));
        Assert.Null(await H.Store.FindEntryAsync("acc", "consumption:req-1"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => H.Store.CommitManyAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => H.Store.CommitManyAsync([newAccount, null!]));
        Assert.Null(await H.Store.FindAccountAsync("acc-2"));
        Assert.Single(await H.Store.CommitManyAsync([one]));   // the group refused, the change alone is fine
    }

    /// <summary>Concurrent callers of a <see cref="ConsumptionBatcher"/>, grouped into commits on this store, keep the laws of the per-call path: each request once, never past the credit limit, the balance the sum of its entries.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task BatchedCalls_KeepTheLawsOfOneByOne()
    {
        await H.FundAsync("acc", 10m);
        await H.Accounts.SetCreditLimitAsync("acc", M(5m));
        var batcher = new ConsumptionBatcher(H.Consumption);

        var results = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => batcher.RecordAsync(Call("acc", $"req-{i % 40}", 0.50m, Start)))));
        await batcher.DisposeAsync();

        var account = (await H.Store.FindAccountAsync("acc"))!;
        var calls = await H.Store.QueryConsumptionAsync(new ConsumptionQuery("acc") { Page = new PageRequest(1, PageRequest.MaxSize) });
        AssertExact(M(-5.00m), account.Balance);   // 30 of the 40 requests fit under the limit, each once
        Assert.Equal(30, calls.TotalCount);
        Assert.Equal(30, results.Count(r => r.Outcome == ConsumptionOutcome.Recorded));
        Assert.Equal(account.Balance, await H.Store.BalanceAsOfAsync("acc", Instant.MaxValue));
    }

    /// <summary>Ids are compared exactly, as the library compares them: case and Unicode normalization make different ids, and any script round-trips.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Ids_AreExact_CaseAndNormalizationMakeDifferentIds()
    {
        await H.Accounts.OpenAsync("acc", Usd);
        string[] ids = ["ord-1", "ORD-1", "caf\u00E9", "cafe\u0301", "订单-1"];   // é precomposed and decomposed are different ids
        foreach (var id in ids)
        {
            await H.TopUps.CreateAsync(id, "acc", M(1m), M(1m), "card");
        }

        foreach (var id in ids)
        {
            Assert.Equal(id, (await H.Store.FindOrderAsync(id))!.OrderId);
        }

        Assert.Equal(ids.Length, (await H.Store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).TotalCount);
        Assert.Null(await H.Store.FindOrderAsync("Ord-1"));
    }

    /// <summary>Idempotency keys and request ids are unique per account: another account may use the same ones; a taken order or correction id is a conflict whatever its account.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task KeysArePerAccount_ButOrderIdsAreGlobal()
    {
        var first = await H.Accounts.OpenAsync("acc-1", Usd);
        var second = await H.Accounts.OpenAsync("acc-2", Usd);
        var (a, entryA) = first.Post(LedgerEntryKind.Correction, M(1m), "same-key", Start, "c", "d");
        var (b, entryB) = second.Post(LedgerEntryKind.Correction, M(2m), "same-key", Start, "c", "d");
        await H.Store.CommitAsync(new PrepaidChange(a, entryA));
        await H.Store.CommitAsync(new PrepaidChange(b, entryB));
        await H.TopUps.CreateAsync("ord-x", "acc-1", M(1m), M(1m), "card");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(order: TopUpOrder.Create("ord-x", "acc-2", M(1m), M(1m), "card", Start))));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => H.TopUps.CreateAsync("ord-x", "acc-2", M(1m), M(1m), "card"));

        var correction = Correction.Request("cor-x", "acc-1", M(1m), "fix", "alice", Start);
        await H.Store.CommitAsync(new PrepaidChange(correction: correction));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => H.Store.CommitAsync(new PrepaidChange(correction: Correction.Request("cor-x", "acc-2", M(2m), "other", "bob", Start))));

        Assert.Equal(M(2m), (await H.Store.FindEntryAsync("acc-2", "same-key"))!.Amount);
        Assert.Equal("acc-1", (await H.Store.FindOrderAsync("ord-x"))!.AccountId);
        Assert.Equal(M(1m), (await H.Store.FindCorrectionAsync("cor-x"))!.Amount);
    }

    /// <summary>The smallest and largest amounts the library accepts round-trip exactly, with every decimal.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ExtremeAmounts_RoundTripExactly()
    {
        await H.Accounts.OpenAsync("acc", Usd);
        await H.TopUps.CreateAsync("ord-max", "acc", M(Money.MaxAmount), M(Money.MaxAmount), "card");
        await H.TopUps.StartPaymentAsync("ord-max");
        var tiny = new ConsumptionRecord(new UsageRecord("req-tiny", "acc", "key", "gpt-x", UsageRecord.MaxTokens, 0, Start), M(0.0000000000000000000000000001m), "v1");
        var recorded = await H.Consumption.RecordAsync(tiny);

        AssertExact(M(999_999_999_999_999.9999999999999999999999999999m), (await H.Store.FindAccountAsync("acc"))!.Balance);
        AssertExact(M(0.0000000000000000000000000001m), (await H.Store.FindConsumptionAsync("acc", "req-tiny"))!.Cost);
        Assert.Equal(UsageRecord.MaxTokens, (await H.Store.FindConsumptionAsync("acc", "req-tiny"))!.Usage.InputTokens);
        Assert.Equal(recorded.Account, await H.Store.FindAccountAsync("acc"));
    }

    /// <summary>Issues running at once take application numbers 1, 2, … without a gap or a repeat.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ApplicationNumbers_AreGaplessUnderConcurrency()
    {
        await H.FundAsync("acc", 1_000m);
        await H.Headers.AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
        for (var i = 0; i < 12; i++)
        {
            await H.Applications.ApplyAsync($"app-{i}", "acc", M(10m), "a@acme.example");
            await H.Applications.ApproveAsync("acc", $"app-{i}", "fin");
        }

        var issued = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => H.Applications.IssueAsync("acc", $"app-{i}"))));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), issued.Select(a => a.Sequence!.Value).Order());
        Assert.Equal(12, issued.Select(a => a.Number).Distinct().Count());
        Assert.Equal(12, await H.Store.LastApplicationSequenceAsync("FP"));
    }

    /// <summary>Orders filter by date, status and amount, newest first, paged.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task OrderQueries_FilterOrderAndPage()
    {
        await H.Accounts.OpenAsync("acc", Usd);
        for (var i = 1; i <= 5; i++)
        {
            await H.TopUps.CreateAsync($"o{i}", "acc", M(i * 10m), M(i * 10m), "card");
        }

        await H.TopUps.CancelAsync("acc", "o2", "customer", "no");
        var o1 = (await H.Store.FindOrderAsync("o1"))!;
        var o4 = (await H.Store.FindOrderAsync("o4"))!;
        var queries = new[]
        {
            new TopUpOrderQuery("acc"),
            new TopUpOrderQuery("acc") { Page = new PageRequest(2, 2) },
            new TopUpOrderQuery("acc") { Statuses = new HashSet<TopUpStatus> { TopUpStatus.Cancelled } },
            new TopUpOrderQuery("acc") { MinAmount = 20m, MaxAmount = 40m },
            new TopUpOrderQuery("acc") { Created = new InstantRange(o1.CreatedAt, o4.CreatedAt) },
        };
        var all = (await H.Store.QueryOrdersAsync(new TopUpOrderQuery("acc") { Page = new PageRequest(1, PageRequest.MaxSize) })).Items;

        foreach (var query in queries)
        {
            AssertPage(query.Apply(all), await H.Store.QueryOrdersAsync(query));
        }

        Assert.Equal(["o5", "o4", "o3", "o2", "o1"], all.Select(o => o.OrderId));
    }

    /// <summary>Consumption filters by date, model, token and request id, newest first; sums per model and token; balances as of an instant.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ConsumptionQueries_FilterSumAndBalanceAsOf()
    {
        await H.FundAsync("acc", 100m);
        for (var i = 0; i < 6; i++)
        {
            await H.Consumption.RecordAsync(Call("acc", $"r{i}", 1.5m, Start + Duration.FromHours(i), i % 2 == 0 ? "gpt-x" : "mini", i < 3 ? "key-a" : "key-b"));
        }

        var range = new InstantRange(Start + Duration.FromHours(1), Start + Duration.FromHours(5));
        var all = (await H.Store.QueryConsumptionAsync(new ConsumptionQuery("acc") { Page = new PageRequest(1, PageRequest.MaxSize) })).Items;
        foreach (var query in new[]
        {
            new ConsumptionQuery("acc") { Model = "mini" },
            new ConsumptionQuery("acc") { TokenName = "key-a", Page = new PageRequest(1, 2) },
            new ConsumptionQuery("acc") { RequestId = "r4" },
            new ConsumptionQuery("acc") { Occurred = range },
            new ConsumptionQuery("acc") { Booked = range },
        })
        {
            AssertPage(query.Apply(all), await H.Store.QueryConsumptionAsync(query));
        }

        var sums = await H.Store.SumConsumptionAsync("acc", range);
        Assert.Equal([("gpt-x", "key-a", 1L), ("gpt-x", "key-b", 1L), ("mini", "key-a", 1L), ("mini", "key-b", 1L)], sums.Select(s => (s.Model, s.TokenName, s.Calls)));
        Assert.Equal(M(1.5m), sums[0].Cost);
        var entries = (await H.Store.ListEntriesAsync("acc", InstantRange.All, new PageRequest(1, PageRequest.MaxSize))).Items;
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        var third = entries[2];
        Assert.Equal(Money.Sum(entries.Take(3).Select(e => e.Amount), Usd), await H.Store.BalanceAsOfAsync("acc", third.RecordedAt));
    }

    /// <summary>Corrections and applications filter by status and date, newest first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CorrectionAndApplicationQueries_FilterAndOrder()
    {
        await H.FundAsync("acc", 100m);
        await H.Headers.AddAsync("hdr", "acc", new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
        for (var i = 1; i <= 3; i++)
        {
            await H.Corrections.RequestAsync($"c{i}", "acc", M(i), "fix", "alice");
            await H.Applications.ApplyAsync($"a{i}", "acc", M(i), "a@acme.example");
        }

        var approved = await H.Corrections.ApproveAsync("acc", "c2", "bob");
        await H.Applications.RejectAsync("acc", "a1", "fin", "no");
        var corrections = (await H.Store.QueryCorrectionsAsync(new CorrectionQuery("acc"))).Items;
        var applications = (await H.Store.QueryApplicationsAsync(new InvoiceApplicationQuery("acc"))).Items;

        Assert.Equal(["c3", "c2", "c1"], corrections.Select(c => c.CorrectionId));
        Assert.Equal(["c2"], (await H.Store.QueryCorrectionsAsync(new CorrectionQuery("acc") { Approved = new InstantRange(approved.Correction.ApprovedAt, null) })).Items.Select(c => c.CorrectionId));
        Assert.Equal(["c2"], (await H.Store.QueryCorrectionsAsync(new CorrectionQuery("acc") { Booked = new InstantRange(approved.Correction.BookedAt, null) })).Items.Select(c => c.CorrectionId));
        Assert.Equal(["c3", "c1"], (await H.Store.QueryCorrectionsAsync(new CorrectionQuery("acc") { Status = CorrectionStatus.Requested })).Items.Select(c => c.CorrectionId));
        Assert.Equal(["a3", "a2", "a1"], applications.Select(a => a.ApplicationId));
        Assert.Equal(["a1"], (await H.Store.QueryApplicationsAsync(new InvoiceApplicationQuery("acc") { Status = InvoiceApplicationStatus.Rejected })).Items.Select(a => a.ApplicationId));
        var a2 = applications[1];
        Assert.Equal(["a2"], (await H.Store.QueryApplicationsAsync(new InvoiceApplicationQuery("acc") { Applied = new InstantRange(a2.AppliedAt, applications[0].AppliedAt) })).Items.Select(a => a.ApplicationId));
    }

    /// <summary>One account never sees another's orders, entries, consumption, corrections or applications.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Accounts_AreIsolated()
    {
        foreach (var account in new[] { "acc-1", "acc-2" })
        {
            await H.FundAsync(account, 10m);
            await H.Consumption.RecordAsync(Call(account, "same-request", 1m, Start));
            await H.Corrections.RequestAsync($"cor-{account}", account, M(1m), "fix", "alice");
            await H.Headers.AddAsync($"hdr-{account}", account, new InvoiceHeaderDetails(InvoiceHeaderType.Personal, "Li Wei"));
            await H.Applications.ApplyAsync($"app-{account}", account, M(1m), "a@acme.example");
        }

        Assert.All((await H.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1"))).Items, o => Assert.Equal("acc-1", o.AccountId));
        Assert.Single((await H.Store.QueryConsumptionAsync(new ConsumptionQuery("acc-1"))).Items);
        Assert.Equal("acc-2", (await H.Store.FindConsumptionAsync("acc-2", "same-request"))!.AccountId);
        Assert.Equal(["cor-acc-1"], (await H.Store.QueryCorrectionsAsync(new CorrectionQuery("acc-1"))).Items.Select(c => c.CorrectionId));
        Assert.Equal(["app-acc-2"], (await H.Store.QueryApplicationsAsync(new InvoiceApplicationQuery("acc-2"))).Items.Select(a => a.ApplicationId));
        Assert.All((await H.Store.ListEntriesAsync("acc-2", InstantRange.All, PageRequest.First)).Items, e => Assert.Equal("acc-2", e.AccountId));
        Assert.Null(await H.Store.FindEntryAsync("acc-1", TopUpService.CreditKeyFor("ord-acc-2")));
        Assert.Equal(M(9m), await H.Store.BalanceAsOfAsync("acc-1", Instant.MaxValue));
    }

    /// <summary>A store whose lock another writer holds answers with <see cref="StorageBusyException"/> after its busy timeout, and writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ALockedStore_IsATypedError_AndNothingIsWritten()
    {
        await using (await HoldWriteLockAsync(H.Store))
        {
            var busy = await Assert.ThrowsAsync<StorageBusyException>(() => H.Store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start))));
            Assert.Equal("storage.busy", busy.Code);
        }

        Assert.Null(await H.Store.FindAccountAsync("acc"));
        Assert.NotNull((await H.Store.CommitAsync(new PrepaidChange(PrepaidAccount.Open("acc", Usd, Start)))).Account);
    }

    /// <summary>Returns a fresh, empty store of the adapter under test, with a short busy timeout (a second or less).</summary>
    /// <returns>The store.</returns>
    protected abstract IPrepaidStore CreateStore();

    /// <summary>Holds the store's write lock, as another process's long transaction would, until the result is disposed.</summary>
    /// <param name="store">A store <see cref="CreateStore"/> made.</param>
    /// <returns>What releases the lock.</returns>
    protected abstract Task<IAsyncDisposable> HoldWriteLockAsync(IPrepaidStore store);

    private static Money M(decimal amount) => new(amount, Usd);

    private static ConsumptionRecord Call(string account, string requestId, decimal cost, Instant at, string model = "gpt-x", string token = "key-1") =>
        new(new UsageRecord(requestId, account, token, model, 1_000, 200, at), M(cost), model + "/v1");

    // Equal, and stored with the same number of decimals: 5.00 stays 5.00, not 5.
    private static void AssertExact(Money expected, Money actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Amount.Scale, actual.Amount.Scale);
    }

    private static void AssertPage<T>(Page<T> expected, Page<T> actual)
    {
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal((expected.TotalCount, expected.HasNext), (actual.TotalCount, actual.HasNext));
    }

    private sealed class Harness
    {
        public Harness(IPrepaidStore store)
        {
            Store = store;
            Gateway = new InMemoryPaymentGateway(Clock);
            Gateway.ScriptByDefault(PaymentScript.SucceedAtOnce());
            Accounts = new PrepaidAccountService(store, Clock, ContractRetry.Racing);
            TopUps = new TopUpService(store, Gateway, Clock, ContractRetry.Racing);
            Consumption = new ConsumptionService(store, Clock, ContractRetry.Racing);
            Corrections = new CorrectionService(store, Clock, ContractRetry.Racing);
            Grants = new CreditGrantService(store, Clock, ContractRetry.Racing);
            Headers = new InvoiceHeaderService(HeaderStore, ContractRetry.Racing);
            Applications = new InvoiceApplicationService(store, HeaderStore, new NumberSeries("FP", "FP-{yyyy}-{seq:00000}"), DateTimeZone.Utc, new PlainTextInvoiceRenderer(), Clock, ContractRetry.Racing);
        }

        public FakeClock Clock { get; } = new(Start) { AutoAdvance = Duration.FromMinutes(1) };

        public IPrepaidStore Store { get; }

        public InMemoryPaymentGateway Gateway { get; }

        public InMemoryInvoiceHeaderStore HeaderStore { get; } = new();

        public PrepaidAccountService Accounts { get; }

        public TopUpService TopUps { get; }

        public ConsumptionService Consumption { get; }

        public CorrectionService Corrections { get; }

        public CreditGrantService Grants { get; }

        public InvoiceHeaderService Headers { get; }

        public InvoiceApplicationService Applications { get; }

        public async Task<TopUpOrder> FundAsync(string account, decimal amount, decimal? paid = null)
        {
            await Accounts.OpenAsync(account, Usd);
            var order = await TopUps.CreateAsync($"ord-{account}", account, M(amount), M(paid ?? amount), "card");
            return await TopUps.StartPaymentAsync(order.OrderId);
        }
    }
}
