using Billing.Domain.Consumption;
using Billing.Domain.Grants;
using Billing.Domain.Ledger;
using Billing.Domain.Prepaid;
using Billing.Domain.Rating;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Billing.Domain.Tests.Shared;

/// <summary>
/// The case every relational adapter's migration to grants passes: an account with a balance written before grants
/// existed reads back with one paid grant of it, <c>opening-balance</c>, that the next call draws from; an empty
/// account with none.
/// </summary>
internal static class LegacyBalanceMigration
{
    /// <summary>Takes a current schema back to before the version that keeps grants: none on the heads, none on the entries, no alerts or automatic top-ups, no Credits table on invoices.</summary>
    public const string UndoGrants = """
        ALTER TABLE accounts DROP COLUMN grants;
        ALTER TABLE ledger_entries DROP COLUMN opens_grant;
        ALTER TABLE ledger_entries DROP COLUMN grant_movements;
        ALTER TABLE accounts DROP COLUMN low_balance_threshold;
        ALTER TABLE accounts DROP COLUMN auto_top_up;
        ALTER TABLE invoices DROP COLUMN credits;
        """;

    private static readonly Currency Usd = Currency.FromCode("USD");

    public static FakeClock Clock() => new(Instant.FromUtc(2026, 3, 1, 0, 0)) { AutoAdvance = Duration.FromMinutes(1) };

    /// <summary>Opens <c>acc</c> with 12.34 topped up and <c>empty</c> with nothing; returns <c>acc</c> as opened.</summary>
    public static async Task<PrepaidAccount> WriteAsync(IPrepaidStore store, FakeClock clock)
    {
        var opened = await new PrepaidAccountService(store, clock).OpenAsync("acc", Usd);
        await new PrepaidAccountService(store, clock).OpenAsync("empty", Usd);
        var topUps = new TopUpService(store, new InMemoryPaymentGateway(clock), clock);
        await topUps.CreateAsync("ord-1", "acc", new Money(12.34m, Usd), new Money(12.34m, Usd), "card");
        await topUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-1", new Money(12.34m, Usd), clock.GetCurrentInstant()));
        return opened;
    }

    /// <summary>Reads the accounts back from the migrated store and spends from <c>acc</c>.</summary>
    public static async Task AssertMigratedAsync(IPrepaidStore migrated, FakeClock clock, PrepaidAccount opened)
    {
        var account = (await migrated.FindAccountAsync("acc"))!;
        var spent = await new ConsumptionService(migrated, clock).RecordAsync(
            new ConsumptionRecord(new UsageRecord("req-1", "acc", "key", "gpt", 1, 1, clock.GetCurrentInstant()), new Money(0.34m, Usd), "v1"));

        var grant = Assert.Single(account.Grants);
        Assert.Equal(("opening-balance", CreditSource.Paid, opened.OpenedAt, (Instant?)null), (grant.GrantId, grant.Terms.Source, grant.Terms.EffectiveAt, grant.Terms.ExpiresAt));
        Assert.Equal((new Money(12.34m, Usd), new Money(12.34m, Usd), new Money(12.34m, Usd)), (grant.Granted, grant.Remaining, account.Balance));
        Assert.Empty((await migrated.FindAccountAsync("empty"))!.Grants);
        Assert.Equal([("opening-balance", -0.34m)], spent.Debit!.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
    }
}
