using Billing.Domain.Consumption;
using Billing.Domain.Grants;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Grants;

public class CreditGrantServiceTests
{
    private static readonly Instant Mid = Start + Duration.FromDays(15);
    private readonly Prepaid.PrepaidHarness _h = new();

    private static GrantTerms Trial(Instant? expires = null, int priority = 10) => new(CreditSource.Trial, Start, expires ?? Mid, priority);

    private static GrantTerms Promotion(Instant? effective = null, Instant? expires = null, int priority = GrantTerms.DefaultPriority) =>
        new(CreditSource.Promotion, effective ?? Start, expires, priority);

    [Fact]
    public async Task AGrant_CreditsTheBalance_AsAGrantCreditEntry_AndIsOnTheBooks()
    {
        await _h.Accounts.OpenAsync("acc", Usd);

        var entry = await _h.Grants.GrantAsync("acc", "trial-1", Dollars(5m), Trial(), "Trial credit");
        var account = await _h.Accounts.GetAsync("acc");

        Assert.Equal((LedgerEntryKind.GrantCredit, "grant:trial-1", "trial-1", Dollars(5m)), (entry.Kind, entry.IdempotencyKey, entry.Reference, entry.Amount));
        Assert.Equal(Trial(), entry.OpensGrant);
        var grant = Assert.Single(account.Grants);
        Assert.Equal(("grant:trial-1", Dollars(5m), Dollars(5m)), (grant.GrantId, grant.Granted, grant.Remaining));
        Assert.Equal(Dollars(5m), account.Balance);
    }

    [Fact]
    public async Task TheSameGrantAgain_ReturnsItsEntry_AnotherUnderItsId_IsRefused_NothingWritten()
    {
        await _h.Accounts.OpenAsync("acc", Usd);
        var first = await _h.Grants.GrantAsync("acc", "g", Dollars(5m), Trial(), "Trial credit");

        var again = await _h.Grants.GrantAsync("acc", "g", Dollars(5m), Trial(), "Trial credit");

        Assert.Equal(first, again);
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Grants.GrantAsync("acc", "g", Dollars(6m), Trial(), "Trial credit"));
        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.Grants.GrantAsync("acc", "g", Dollars(5m), Trial(priority: 11), "Trial credit"));
        Assert.Equal((Dollars(5m), 1L), ((await _h.Accounts.GetAsync("acc")).Balance, (await _h.Accounts.GetAsync("acc")).EntryCount));
    }

    [Fact]
    public async Task BadGrants_AreRefusedWithTypedErrors_AndNothingIsWritten()
    {
        await _h.Accounts.OpenAsync("acc", Usd);

        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.Grants.GrantAsync("acc", "g", new Money(5m, Eur), Trial(), "d"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("amount", () => _h.Grants.GrantAsync("acc", "g", Dollars(-5m), Trial(), "d"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("amount", () => _h.Grants.GrantAsync("acc", "g", Dollars(0m), Trial(), "d"));
        await Assert.ThrowsAsync<AmountNotRoundedException>(() => _h.Grants.GrantAsync("acc", "g", Dollars(1.001m), Trial(), "d"));
        await Assert.ThrowsAsync<ArgumentException>("terms", () => _h.Grants.GrantAsync("acc", "g", Dollars(5m), GrantTerms.PaidAt(Start), "d"));
        await Assert.ThrowsAsync<ArgumentException>("grant", () => _h.Grants.GrantAsync("acc", "g", Dollars(5m), Trial(expires: Start + Duration.FromSeconds(1)), "d"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Grants.GrantAsync("nobody", "g", Dollars(5m), Trial(), "d"));
        await Assert.ThrowsAsync<ArgumentException>("grantId", () => _h.Grants.GrantAsync("acc", " ", Dollars(5m), Trial(), "d"));
        await Assert.ThrowsAsync<ArgumentException>("description", () => _h.Grants.GrantAsync("acc", "g", Dollars(5m), Trial(), ""));
        await Assert.ThrowsAsync<ArgumentNullException>("terms", () => _h.Grants.GrantAsync("acc", "g", Dollars(5m), null!, "d"));

        var account = await _h.Accounts.GetAsync("acc");
        Assert.Equal((0L, 0), (account.EntryCount, account.Grants.Count));
    }

    [Fact]
    public void BadTerms_AreRefused()
    {
        Assert.Throws<ArgumentException>("expiresAt", () => new GrantTerms(CreditSource.Trial, Mid, Start));
        Assert.Throws<ArgumentException>("expiresAt", () => new GrantTerms(CreditSource.Trial, Mid, Mid));
        Assert.Throws<ArgumentOutOfRangeException>("priority", () => new GrantTerms(CreditSource.Trial, Start, priority: -1));
        Assert.Throws<ArgumentOutOfRangeException>("priority", () => new GrantTerms(CreditSource.Trial, Start, priority: 101));
        Assert.Throws<ArgumentOutOfRangeException>("source", () => new GrantTerms((CreditSource)9, Start));
    }

    [Fact]
    public void Terms_AreSpendableFromTheirEffectiveDate_UntilJustBeforeTheirExpiry()
    {
        var terms = new GrantTerms(CreditSource.Promotion, Start, Mid);

        Assert.Equal(
            [false, true, true, false, false],
            new[] { Start - Duration.Epsilon, Start, Mid - Duration.Epsilon, Mid, Mid + Duration.FromDays(1) }.Select(terms.IsSpendableAt));
        Assert.True(new GrantTerms(CreditSource.Paid, Start).IsSpendableAt(Instant.MaxValue));
    }

    [Fact]
    public async Task Spending_DrawsByPriority_ThenEarliestExpiry_ThenOldest_AndOneCallSpansGrants()
    {
        await _h.FundAsync("acc", 10m, "ord-1");                                                                  // paid, never expires, priority 50
        await _h.Grants.GrantAsync("acc", "late-promo", Dollars(1m), Promotion(Start + Duration.FromHours(1), Start + Duration.FromDays(30)), "d");
        await _h.Grants.GrantAsync("acc", "early-promo", Dollars(1m), Promotion(Start, Start + Duration.FromDays(30)), "d");
        await _h.Grants.GrantAsync("acc", "soon-promo", Dollars(1m), Promotion(Start, Start + Duration.FromDays(20)), "d");
        await _h.Grants.GrantAsync("acc", "trial", Dollars(1m), Trial(), "d");                                   // priority 10: first
        _h.Clock.Reset(Start + Duration.FromDays(2));

        var recorded = await _h.Consumption.RecordAsync(Call("acc", "r1", 4.5m));

        Assert.Equal(
            [("grant:trial", -1m), ("grant:soon-promo", -1m), ("grant:early-promo", -1m), ("grant:late-promo", -1m), ("topup:ord-1", -0.5m)],
            recorded.Debit!.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Equal(["topup:ord-1"], recorded.Account.Grants.Select(g => g.GrantId));
        Assert.Equal(Dollars(9.5m), recorded.Account.Balance);
    }

    [Fact]
    public async Task AGrantNotYetEffective_IsOnTheBalance_ButNotSpendable()
    {
        await _h.Accounts.OpenAsync("acc", Usd);
        await _h.Grants.GrantAsync("acc", "april", Dollars(5m), Promotion(Start + Duration.FromDays(31)), "April promotion");

        var refused = await _h.Consumption.RecordAsync(Call("acc", "r1", 1m));
        _h.Clock.Reset(Start + Duration.FromDays(31));
        var recorded = await _h.Consumption.RecordAsync(Call("acc", "r2", 1m));

        Assert.Equal(ConsumptionOutcome.RefusedOverCreditLimit, refused.Outcome);
        Assert.Equal((Dollars(5m), Dollars(0m)), (refused.Account.Balance, refused.Account.AvailableAt(Start + Duration.FromHours(1))));
        Assert.Equal(ConsumptionOutcome.Recorded, recorded.Outcome);
    }

    [Fact]
    public async Task AnExpiredGrant_IsNeverDrawn_EvenBeforeItsExpiryIsWritten()
    {
        await _h.FundAsync("acc", 2m, "ord-1");
        await _h.Grants.GrantAsync("acc", "trial", Dollars(5m), Trial(priority: 0), "d");
        _h.Clock.Reset(Mid);

        var recorded = await _h.Consumption.RecordAsync(Call("acc", "r1", 1.5m));
        var refused = await _h.Consumption.RecordAsync(Call("acc", "r2", 1m));

        Assert.Equal([("topup:ord-1", -1.5m)], recorded.Debit!.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Equal(ConsumptionOutcome.RefusedOverCreditLimit, refused.Outcome);
        Assert.Equal((Dollars(5.5m), Dollars(0.5m)), (refused.Account.Balance, refused.Account.AvailableAt(Mid)));
    }

    [Fact]
    public async Task Expiry_RemovesTheRemainder_AtTheExpiry_Once_AndNotBeforeIt()
    {
        await _h.FundAsync("acc", 10m, "ord-1");
        await _h.Grants.GrantAsync("acc", "trial", Dollars(5m), Trial(priority: 0), "d");
        await _h.Consumption.RecordAsync(Call("acc", "r1", 1.25m));

        _h.Clock.Reset(Mid - Duration.FromHours(1));
        var early = await _h.Grants.ExpireAsync("acc", Mid - Duration.FromHours(2));
        _h.Clock.Reset(Mid + Duration.FromDays(2));
        var expired = await _h.Grants.ExpireAsync("acc", Mid + Duration.FromDays(1));
        var again = await _h.Grants.ExpireAsync("acc", Mid + Duration.FromDays(2));

        Assert.Empty(early);
        var entry = Assert.Single(expired);
        Assert.Equal((LedgerEntryKind.GrantExpiry, Dollars(-3.75m), Mid, "expiry:grant:trial:4", "grant:trial"), (entry.Kind, entry.Amount, entry.RecordedAt, entry.IdempotencyKey, entry.Reference));
        Assert.Equal([("grant:trial", -3.75m)], entry.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Empty(again);
        Assert.Equal(Dollars(10m), (await _h.Accounts.GetAsync("acc")).Balance);
        Assert.Equal(Dollars(13.75m), await _h.Store.BalanceAsOfAsync("acc", Mid - Duration.Epsilon));
        Assert.Equal(await _h.SumOfEntriesAsync("acc"), (await _h.Accounts.GetAsync("acc")).Balance);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("at", () => _h.Grants.ExpireAsync("acc", _h.Clock.GetCurrentInstant() + Duration.FromDays(1)));
    }

    [Fact]
    public async Task ExpireAll_ExpiresEveryAccount()
    {
        foreach (var account in new[] { "acc-1", "acc-2", "acc-3" })
        {
            await _h.Accounts.OpenAsync(account, Usd);
            await _h.Grants.GrantAsync(account, "trial", Dollars(5m), Trial(), "d");
        }

        await _h.Grants.GrantAsync("acc-2", "long", Dollars(1m), Promotion(expires: Mid + Duration.FromDays(60)), "d");
        _h.Clock.Reset(Mid + Duration.FromDays(1));

        Assert.Equal(3, await _h.Grants.ExpireAllAsync(Mid));
        Assert.Equal(0, await _h.Grants.ExpireAllAsync(Mid));
        Assert.Equal([Dollars(0m), Dollars(1m), Dollars(0m)], [(await _h.Accounts.GetAsync("acc-1")).Balance, (await _h.Accounts.GetAsync("acc-2")).Balance, (await _h.Accounts.GetAsync("acc-3")).Balance]);
    }

    [Fact]
    public async Task PromotionalCredit_NeverCountsTowardsTheInvoiceable_AndSpendingItDoesNotReduceIt()
    {
        await _h.FundAsync("acc", 10m, "ord-1");
        await _h.Grants.GrantAsync("acc", "promo", Dollars(50m), Promotion(priority: 0), "d");

        var before = (await _h.Accounts.GetAsync("acc")).Invoicing;
        await _h.Consumption.RecordAsync(Call("acc", "r1", 30m));
        var after = await _h.Accounts.GetAsync("acc");

        Assert.Equal((Dollars(10m), Dollars(10m)), (before.Recharged, before.Invoiceable));
        Assert.Equal((Dollars(10m), Dollars(10m)), (after.Invoicing.Recharged, after.Invoicing.Invoiceable));
        Assert.Equal([("grant:promo", Dollars(20m)), ("topup:ord-1", Dollars(10m))], after.Grants.Select(g => (g.GrantId, g.Remaining)));
    }

    [Fact]
    public async Task ARefund_TakesPaidCreditOnly_TheOrdersOwnFirst_AndNeverPromotionalCredit()
    {
        await _h.FundAsync("acc", 10m, "ord-1");
        await _h.FundAsync("acc", 10m, "ord-2");
        await _h.Grants.GrantAsync("acc", "promo", Dollars(50m), Promotion(priority: 90), "d");
        await _h.Consumption.RecordAsync(Call("acc", "r1", 15m));                                               // ord-1 emptied, ord-2 has 5 left

        var refused = await _h.TopUps.RefundAsync("acc", "ord-2", "ops", "asked", Dollars(6m));
        var refunded = await _h.TopUps.RefundAsync("acc", "ord-2", "ops", "asked", Dollars(5m));

        Assert.Equal(TopUpRefundOutcome.RefusedOverCreditLimit, refused.Outcome);
        Assert.Equal(TopUpRefundOutcome.Refunded, refunded.Outcome);
        Assert.Equal([("topup:ord-2", -5m)], refunded.Debit!.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Equal([("grant:promo", Dollars(50m))], (await _h.Accounts.GetAsync("acc")).Grants.Select(g => (g.GrantId, g.Remaining)));
    }

    [Fact]
    public async Task ADeclinedRefund_GivesTheCreditBackToTheGrantItCameFrom()
    {
        await _h.FundAsync("acc", 10m, "ord-1");
        await _h.FundAsync("acc", 10m, "ord-2");
        _h.Gateway.DeclineRefunds("insufficient funds at the provider");

        var declined = await _h.TopUps.RefundAsync("acc", "ord-1", "ops", "asked", Dollars(10m));
        var account = await _h.Accounts.GetAsync("acc");
        var reversal = (await _h.Store.ListEntriesAsync("acc", default, PageRequest.First)).Items[^1];

        Assert.Equal(TopUpRefundOutcome.Declined, declined.Outcome);
        Assert.Equal((LedgerEntryKind.RefundReversal, "topup:ord-1", 10m), (reversal.Kind, reversal.GrantMovements.Single().GrantId, reversal.GrantMovements.Single().Amount.Amount));
        Assert.Equal([("topup:ord-1", Dollars(10m)), ("topup:ord-2", Dollars(10m))], account.Grants.Select(g => (g.GrantId, g.Remaining)));
    }

    [Fact]
    public async Task SpendingOnCredit_IsPaidOffByTheNextEffectiveCredit_First()
    {
        await _h.Accounts.OpenAsync("acc", Usd, Dollars(5m));
        await _h.Consumption.RecordAsync(Call("acc", "r1", 3m));

        var debt = await _h.Accounts.GetAsync("acc");
        var entry = await _h.Grants.GrantAsync("acc", "goodwill", Dollars(10m), new GrantTerms(CreditSource.Goodwill, Start), "Sorry");
        var account = await _h.Accounts.GetAsync("acc");

        Assert.Equal((Dollars(-3m), Dollars(-3m)), (debt.Balance, debt.Uncovered));
        Assert.Equal([("grant:goodwill", -3m)], entry.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        Assert.Equal((Dollars(7m), Dollars(0m), Dollars(7m)), (account.Balance, account.Uncovered, account.Grants.Single().Remaining));
    }

    [Fact]
    public async Task PaidCreditLifetime_MakesTopUpCreditExpire_InTheAccountsZone()
    {
        var topUps = new TopUpService(_h.Store, _h.Gateway, _h.Clock, _h.Retry) { PaidCreditLifetime = Period.FromYears(1), PaidCreditPriority = 70 };
        var paris = new AccountProfile("Acme", AccountType.Customer, DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        await _h.Accounts.OpenAsync("acc", paris, Usd);
        var order = await topUps.CreateAsync("ord-1", "acc", Dollars(10m), Dollars(10m), "card");
        _h.Gateway.Script(order.OrderId, PaymentScript.SucceedAtOnce());
        var completed = await topUps.StartPaymentAsync(order.OrderId);

        var grant = (await _h.Accounts.GetAsync("acc")).Grants.Single();

        var local = completed.CompletedAt!.Value.InZone(paris.TimeZone.Zone).LocalDateTime;
        Assert.Equal(local.PlusYears(1).InZoneLeniently(paris.TimeZone.Zone).ToInstant(), grant.Terms.ExpiresAt);
        Assert.Equal((CreditSource.Paid, 70), (grant.Terms.Source, grant.Terms.Priority));
        Assert.Throws<ArgumentException>(() => new TopUpService(_h.Store, _h.Gateway, _h.Clock) { PaidCreditLifetime = Period.Zero });
        Assert.Throws<ArgumentException>(() => new TopUpService(_h.Store, _h.Gateway, _h.Clock) { PaidCreditLifetime = Period.FromDays(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopUpService(_h.Store, _h.Gateway, _h.Clock) { PaidCreditPriority = 101 });
    }

    [Fact]
    public void Post_RefusesPaidTermsForUnpaidKinds_TermsOnDebits_ExpiredTerms_AndExpiryKinds()
    {
        var account = PrepaidAccount.Open("acc", Usd, Start);

        Assert.Throws<ArgumentException>("grant", () => account.Post(LedgerEntryKind.GrantCredit, Dollars(1m), "k", Start, "r", "d", GrantTerms.PaidAt(Start)));
        Assert.Throws<ArgumentException>("grant", () => account.Post(LedgerEntryKind.TopUpCredit, Dollars(1m), "k", Start, "r", "d", Promotion()));
        Assert.Throws<ArgumentException>("grant", () => account.Post(LedgerEntryKind.Correction, Dollars(-1m), "k", Start, "r", "d", Promotion()));
        Assert.Throws<ArgumentException>("grant", () => account.Post(LedgerEntryKind.GrantCredit, Dollars(1m), "k", Mid, "r", "d", Trial()));
        Assert.Throws<ArgumentException>("kind", () => account.Post(LedgerEntryKind.GrantExpiry, Dollars(-1m), "k", Start, "r", "d"));
        Assert.Throws<ArgumentException>("grantId", () => account.Expire("nothing"));
        var (credited, _) = account.Post(LedgerEntryKind.Correction, Dollars(1m), "k", Start, "r", "d");
        Assert.Equal(CreditSource.Goodwill, credited.Grants.Single().Terms.Source);
        Assert.Throws<ArgumentException>("grantId", () => credited.Expire("k"));   // never expires
    }
}
