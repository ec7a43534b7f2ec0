using Billing.Domain.Consumption;
using Billing.Domain.Grants;
using Billing.Domain.Ledger;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Grants;

/// <summary>
/// Laws of credit grants over random top-ups, grants (every source, priorities that tie and differ, effective dates
/// past and future, expiries or none), calls that span grants, corrections both ways, refunds, expiries and time
/// moving on, with and without a credit limit: each debit draws exactly what an independent greedy model of the
/// spending order draws, only from grants spendable at its instant; no grant is ever below zero, above what it was
/// granted, or spent after its expiry; the balance is the sum of the entries and of the grants' remainders (plus the
/// part on credit, never above zero); each grant's remainder is the running sum of the entries that moved it; and the
/// invoiceable amount counts top-ups only.
/// </summary>
public class GrantLaws
{
    private static readonly int[] Priorities = [0, 10, 50, 50, 90];

    private static Arbitrary<(bool Limit, Step[] Steps)> Cases =>
        Arb.From(
            from limit in Gen.Elements(false, true)
            from steps in Gen.ArrayOf(Gen.OneOf(
                Gen.Choose(1, 5_000).Select(cents => (Step)new TopUp(cents)),
                from cents in Gen.Choose(1, 3_000)
                from source in Gen.Elements(CreditSource.Promotion, CreditSource.Trial, CreditSource.Goodwill)
                from effectiveHours in Gen.Choose(-48, 120)
                from lifetimeHours in Gen.Elements(0, 0, 1, 24, 72, 240)
                from priority in Gen.Elements(Priorities)
                select (Step)new Grant(cents, source, effectiveHours, lifetimeHours, priority),
                Gen.Choose(0, 4_000_000).Select(microCents => (Step)new Call(microCents)),
                Gen.Choose(-2_000, 2_000).Where(c => c != 0).Select(cents => (Step)new Correct(cents)),
                from order in Gen.Choose(0, 5) from cents in Gen.Elements(0, 1, 500) select (Step)new Refund(order, cents),
                Gen.Choose(1, 96).Select(hours => (Step)new Wait(hours)),
                Gen.Constant((Step)new Expire())))
            select (limit, steps));

    [Property(MaxTest = Laws.SequenceCases)]
    public Property DebitsFollowTheSpendingOrder_GrantsNeverGoBelowZeroOrPastExpiry_AndTheBalanceIsTheirSum() =>
        Prop.ForAll(Cases, c => Run(c.Limit, c.Steps).GetAwaiter().GetResult());

    private static async Task<bool> Run(bool limit, Step[] steps)
    {
        var h = new Prepaid.PrepaidHarness();
        await h.Accounts.OpenAsync("acc", Usd, limit ? Dollars(10m) : null);
        var (orders, grants, calls, corrections) = (0, 0, 0, 0);
        foreach (var step in steps)
        {
            var before = await h.Accounts.GetAsync("acc");
            var count = before.EntryCount;
            switch (step)
            {
                case TopUp top:
                    var order = await h.TopUps.CreateAsync($"ord-{++orders}", "acc", Cents(top.Cents), Cents(top.Cents), "card");
                    h.Gateway.Script(order.OrderId, PaymentScript.SucceedAtOnce());
                    await h.TopUps.StartPaymentAsync(order.OrderId);
                    break;
                case Grant g:
                    var now = h.Clock.GetCurrentInstant();
                    var effective = now + Duration.FromHours(g.EffectiveHours);
                    var expires = g.LifetimeHours == 0 ? (Instant?)null : Instant.Max(effective, now) + Duration.FromHours(g.LifetimeHours);
                    await h.Grants.GrantAsync("acc", $"g-{++grants}", Cents(g.Cents), new GrantTerms(g.Source, effective, expires, g.Priority), "grant");
                    break;
                case Call call:
                    await h.Consumption.RecordAsync(Call("acc", $"r-{++calls}", call.MicroCents / 100_000_000m));
                    break;
                case Correct correct when correct.Cents > 0 || before.CanDebit(Cents(-correct.Cents), h.Clock.GetCurrentInstant()):
                    await h.Corrections.RequestAsync($"c-{++corrections}", "acc", Cents(correct.Cents), "fix", "alice");
                    await h.Corrections.ApproveAsync("acc", $"c-{corrections}", "bob");
                    break;
                case Refund refund when refund.Order < orders:
                    var id = $"ord-{refund.Order + 1}";
                    if ((await h.Store.FindOrderAsync(id))!.Status == TopUpStatus.Completed)
                    {
                        await h.TopUps.RefundAsync("acc", id, "ops", "asked", refund.Cents == 0 ? null : Cents(refund.Cents));
                    }

                    break;
                case Wait wait:
                    h.Clock.Advance(Duration.FromHours(wait.Hours));
                    break;
                case Expire:
                    var at = h.Clock.GetCurrentInstant();
                    await h.Grants.ExpireAsync("acc", at);
                    Assert.DoesNotContain((await h.Accounts.GetAsync("acc")).Grants, x => x.Terms.HasExpiredAt(at));
                    break;
            }

            await CheckAsync(h, before, count);
        }

        return true;
    }

    private static async Task CheckAsync(Prepaid.PrepaidHarness h, PrepaidAccount before, long count)
    {
        var account = await h.Accounts.GetAsync("acc");
        var entries = (await h.Store.ListEntriesAsync("acc", default, new PageRequest(1, PageRequest.MaxSize))).Items;
        var terms = entries.Where(e => e.OpensGrant is not null).ToDictionary(e => e.IdempotencyKey, e => e.OpensGrant!);

        Assert.Equal(Money.Sum(entries.Select(e => e.Amount), Usd), account.Balance);
        Assert.Equal(Money.Sum(account.Grants.Select(g => g.Remaining), Usd) + account.Uncovered, account.Balance);
        Assert.True(account.Uncovered.Amount <= 0m, $"uncovered {account.Uncovered}");
        Assert.All(account.Grants, g => Assert.True(g.Remaining.Amount > 0m && g.Remaining <= g.Granted, $"{g}"));
        foreach (var grantId in terms.Keys)
        {
            var running = entries.Where(e => e.IdempotencyKey == grantId).Sum(e => e.Amount.Amount)
                + entries.SelectMany(e => e.GrantMovements).Where(m => m.GrantId == grantId).Sum(m => m.Amount.Amount);
            Assert.Equal(account.Grants.FirstOrDefault(g => g.GrantId == grantId)?.Remaining.Amount ?? 0m, running);
        }

        foreach (var entry in entries.Where(e => e.Kind != LedgerEntryKind.GrantExpiry))
        {
            Assert.All(entry.GrantMovements.Where(m => m.Amount.Amount < 0m && m.GrantId != entry.IdempotencyKey), m => Assert.True(terms[m.GrantId].IsSpendableAt(entry.RecordedAt), $"{entry} drew {m.GrantId}"));
        }

        Assert.Equal(Money.Sum(entries.Where(e => e.Kind == LedgerEntryKind.TopUpCredit).Select(e => e.Amount), Usd), account.Invoicing.Recharged);
        foreach (var debit in entries.Where(e => e.Sequence > count && e.Amount.Amount < 0m && e.Kind is LedgerEntryKind.ConsumptionDebit or LedgerEntryKind.Correction or LedgerEntryKind.Refund))
        {
            Assert.Equal(Model(before, debit), debit.GrantMovements.Select(m => (m.GrantId, m.Amount.Amount)));
        }
    }

    // The draws of a debit by the spending order, computed independently of the library's: the grants spendable at its
    // instant (paid ones only for a refund, its order's first) by priority, expiry (none last), effective date, sequence.
    private static List<(string, decimal)> Model(PrepaidAccount before, LedgerEntry debit)
    {
        var refund = debit.Kind == LedgerEntryKind.Refund;
        var own = refund ? TopUpService.CreditKeyFor(debit.Reference) : null;
        var candidates = before.Grants
            .Where(g => g.Terms.EffectiveAt <= debit.RecordedAt && (g.Terms.ExpiresAt is null || debit.RecordedAt < g.Terms.ExpiresAt) && (!refund || g.Terms.Source == CreditSource.Paid))
            .OrderBy(g => g.GrantId == own ? 0 : 1)
            .ThenBy(g => g.Terms.Priority)
            .ThenBy(g => g.Terms.ExpiresAt ?? Instant.MaxValue)
            .ThenBy(g => g.Terms.EffectiveAt)
            .ThenBy(g => g.Sequence);
        var need = -debit.Amount.Amount;
        var draws = new List<(string, decimal)>();
        foreach (var g in candidates)
        {
            var take = Math.Min(need, g.Remaining.Amount);
            if (take > 0m)
            {
                draws.Add((g.GrantId, -take));
                need -= take;
            }
        }

        return draws;
    }

    private static Money Cents(int cents) => Dollars(cents / 100m);

    private abstract record Step;

    private sealed record TopUp(int Cents) : Step;

    private sealed record Grant(int Cents, CreditSource Source, int EffectiveHours, int LifetimeHours, int Priority) : Step;

    private sealed record Call(int MicroCents) : Step;

    private sealed record Correct(int Cents) : Step;

    private sealed record Refund(int Order, int Cents) : Step;

    private sealed record Wait(int Hours) : Step;

    private sealed record Expire : Step;
}
