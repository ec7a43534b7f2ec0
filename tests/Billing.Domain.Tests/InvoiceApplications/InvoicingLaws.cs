using Billing.Domain.InvoiceApplications;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.InvoiceApplications;

/// <summary>
/// Seed 002's invariants over random command sequences (recharges, consumption, whole and partial refunds, apply,
/// approve, reject, issue, resubmit), where a command may also run while a refund waits for the gateway (the
/// interleaving a slow gateway gives): 0 ≤ invoiceable ≤ completed recharges, invoiced + held ≤ recharged − refunded,
/// invoiceable + held + invoiced = recharges − refunds, and the gateway makes each refund once.
/// </summary>
public class InvoicingLaws
{
    private static Arbitrary<Step[]> Steps =>
        Arb.From(Gen.ArrayOf(Gen.OneOf(
            Gen.Choose(1, 20_000).Select(cents => (Step)new Recharge(cents)),
            Gen.Choose(1, 5_000).Select(cents => (Step)new Consume(cents)),
            from order in Gen.Choose(0, 9) from cents in Gen.Elements(0, 0, 100, 2_500) select (Step)new RefundOrder(order, cents),
            from id in Gen.Choose(0, 9) from cents in Gen.Choose(-100, 10_000) select (Step)new Apply(id, cents),
            from id in Gen.Choose(0, 9) from action in Gen.Choose(0, 3) select (Step)new Decide(id, action)))
            .Select(Interleave));

    [Property(MaxTest = Laws.SequenceCases)]
    public Property InvoiceableStaysWithinRecharges_AndTheTotalsAlwaysAddUp() =>
        Prop.ForAll(Steps, steps => Run(steps).GetAwaiter().GetResult());

    // A refund of an order whose number is a multiple of three runs the step after it while it waits for the gateway.
    private static Step[] Interleave(Step[] steps)
    {
        var result = new List<Step>();
        for (var i = 0; i < steps.Length; i++)
        {
            result.Add(steps[i] is RefundOrder { Order: var order } refund && order % 3 == 0 && i + 1 < steps.Length ? new During(refund, steps[++i]) : steps[i]);
        }

        return [.. result];
    }

    private static async Task<bool> Run(Step[] steps)
    {
        var h = new ApplicationHarness();
        await h.Prepaid.Accounts.OpenAsync("acc", Usd);
        await h.Headers.AddAsync("hdr", "acc", ApplicationHarness.Person);
        var counters = new Counters();
        foreach (var step in steps)
        {
            if (step is During during)
            {
                h.Prepaid.Gateway.BeforeRefund(_ =>
                {
                    h.Prepaid.Gateway.BeforeRefund(null);
                    return RunAsync(h, during.Inner, counters);
                });
            }

            await RunAsync(h, step is During d ? d.Refund : step, counters);
            h.Prepaid.Gateway.BeforeRefund(null);

            var totals = await h.Applications.SummaryAsync("acc");
            Assert.True(totals.Invoiceable.Amount >= 0m && totals.Invoiceable <= totals.Recharged, $"{totals}");
            Assert.True(totals.Invoiced + totals.Held <= totals.Recharged - totals.Refunded, $"{totals}");
            Assert.Equal(totals.Recharged - totals.Refunded, totals.Invoiceable + totals.Held + totals.Invoiced);
            var applications = (await h.Prepaid.Store.QueryApplicationsAsync(new InvoiceApplicationQuery("acc") { Page = new(1, 100) })).Items;
            Assert.Equal(Money.Sum(applications.Where(a => a.IsHolding).Select(a => a.Amount), Usd), totals.Held);
            Assert.Equal(Money.Sum(applications.Where(a => a.Status == InvoiceApplicationStatus.Issued).Select(a => a.Amount), Usd), totals.Invoiced);
            var made = h.Prepaid.Gateway.RefundsMade;
            Assert.Equal(made.Count, made.Select(r => r.IdempotencyKey).Distinct().Count());
        }

        return true;
    }

    private static async Task RunAsync(ApplicationHarness h, Step step, Counters counters)
    {
        try
        {
            switch (step)
            {
                case Recharge recharge:
                    await h.Prepaid.FundAsync("acc", recharge.Cents / 100m, $"o{counters.Orders++}");
                    break;
                case Consume consume:
                    await h.Prepaid.Consumption.RecordAsync(Call("acc", $"r{counters.Calls++}", consume.Cents / 100m));
                    break;
                case RefundOrder refund when refund.Order < counters.Orders:
                    await h.Prepaid.TopUps.RefundAsync("acc", $"o{refund.Order}", "support", "asked", refund.Cents == 0 ? null : Dollars(refund.Cents / 100m));
                    break;
                case Apply apply:
                    await h.Applications.ApplyAsync($"a{apply.Id}", "acc", Dollars(apply.Cents / 100m), "finance@acme.example");
                    break;
                case Decide { Action: 0 } decide:
                    await h.Applications.ApproveAsync("acc", $"a{decide.Id}", "fin");
                    break;
                case Decide { Action: 1 } decide:
                    await h.Applications.RejectAsync("acc", $"a{decide.Id}", "fin", "no");
                    break;
                case Decide { Action: 2 } decide:
                    await h.Applications.IssueAsync("acc", $"a{decide.Id}");
                    break;
                case Decide decide:
                    await h.Applications.ResubmitAsync("acc", $"a{decide.Id}", $"a{decide.Id}-again");
                    break;
            }
        }
        catch (Exception refused) when (refused is TransitionRefusedException or NotFoundException or IdempotencyKeyReusedException)
        {
            // A refused move leaves everything as it was; the invariants still hold.
        }
    }

    private sealed class Counters
    {
        public int Orders { get; set; }

        public int Calls { get; set; }
    }

    private abstract record Step;

    private sealed record Recharge(int Cents) : Step;

    private sealed record Consume(int Cents) : Step;

    private sealed record RefundOrder(int Order, int Cents) : Step;

    private sealed record Apply(int Id, int Cents) : Step;

    private sealed record Decide(int Id, int Action) : Step;

    private sealed record During(RefundOrder Refund, Step Inner) : Step;
}
