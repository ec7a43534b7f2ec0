using Billing.Domain.InvoiceApplications;
using Billing.Domain.StateMachines;
using Billing.Domain.Storage;
using FsCheck;
using FsCheck.Fluent;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.InvoiceApplications;

/// <summary>
/// Seed 002's invariants over random command sequences (recharges, consumption, refunds, apply, approve, reject,
/// issue, resubmit): 0 ≤ invoiceable ≤ completed recharges, and invoiceable + held + invoiced = recharges − refunds.
/// </summary>
public class InvoicingLaws
{
    private static Arbitrary<Step[]> Steps =>
        Arb.From(Gen.ArrayOf(Gen.OneOf(
            Gen.Choose(1, 20_000).Select(cents => (Step)new Recharge(cents)),
            Gen.Choose(1, 5_000).Select(cents => (Step)new Consume(cents)),
            Gen.Choose(0, 9).Select(order => (Step)new RefundOrder(order)),
            from id in Gen.Choose(0, 9) from cents in Gen.Choose(-100, 10_000) select (Step)new Apply(id, cents),
            from id in Gen.Choose(0, 9) from action in Gen.Choose(0, 3) select (Step)new Decide(id, action))));

    [Fact]
    public void InvoiceableStaysWithinRecharges_AndTheTotalsAlwaysAddUp() =>
        Check.One(Laws.Config.WithMaxTest(150), Prop.ForAll(Steps, steps => Run(steps).GetAwaiter().GetResult()));

    private static async Task<bool> Run(Step[] steps)
    {
        var h = new ApplicationHarness();
        await h.Prepaid.Accounts.OpenAsync("acc", Usd);
        await h.Headers.AddAsync("hdr", "acc", ApplicationHarness.Person);
        var orders = 0;
        var calls = 0;
        foreach (var step in steps)
        {
            try
            {
                switch (step)
                {
                    case Recharge recharge:
                        await h.Prepaid.FundAsync("acc", recharge.Cents / 100m, $"o{orders++}");
                        break;
                    case Consume consume:
                        await h.Prepaid.Consumption.RecordAsync(Call("acc", $"r{calls++}", consume.Cents / 100m));
                        break;
                    case RefundOrder refund when refund.Order < orders:
                        await h.Prepaid.TopUps.RefundAsync($"o{refund.Order}", "asked");
                        break;
                    case Apply apply:
                        await h.Applications.ApplyAsync($"a{apply.Id}", "acc", Dollars(apply.Cents / 100m), "finance@acme.example");
                        break;
                    case Decide { Action: 0 } decide:
                        await h.Applications.ApproveAsync($"a{decide.Id}", "fin");
                        break;
                    case Decide { Action: 1 } decide:
                        await h.Applications.RejectAsync($"a{decide.Id}", "fin", "no");
                        break;
                    case Decide { Action: 2 } decide:
                        await h.Applications.IssueAsync($"a{decide.Id}");
                        break;
                    case Decide decide:
                        await h.Applications.ResubmitAsync($"a{decide.Id}", $"a{decide.Id}-again");
                        break;
                }
            }
            catch (Exception refused) when (refused is TransitionRefusedException or NotFoundException or IdempotencyKeyReusedException)
            {
                // A refused move leaves everything as it was; the invariants below still hold.
            }

            var totals = await h.Applications.SummaryAsync("acc");
            Assert.True(totals.Invoiceable.Amount >= 0m && totals.Invoiceable <= totals.Recharged, $"{totals}");
            Assert.Equal(totals.Recharged - totals.Refunded, totals.Invoiceable + totals.Held + totals.Invoiced);
            var applications = (await h.Prepaid.Store.QueryApplicationsAsync(new InvoiceApplicationQuery("acc") { Page = new(1, 100) })).Items;
            Assert.Equal(Money.Sum(applications.Where(a => a.IsHolding).Select(a => a.Amount), Usd), totals.Held);
            Assert.Equal(Money.Sum(applications.Where(a => a.Status == InvoiceApplicationStatus.Issued).Select(a => a.Amount), Usd), totals.Invoiced);
        }

        return true;
    }

    private abstract record Step;

    private sealed record Recharge(int Cents) : Step;

    private sealed record Consume(int Cents) : Step;

    private sealed record RefundOrder(int Order) : Step;

    private sealed record Apply(int Id, int Cents) : Step;

    private sealed record Decide(int Id, int Action) : Step;
}
