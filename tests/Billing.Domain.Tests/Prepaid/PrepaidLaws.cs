using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.StateMachines;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using FsCheck;
using FsCheck.Fluent;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Prepaid;

/// <summary>
/// Laws of the prepaid side over random command sequences: the balance is the sum of the entries after every
/// command; replaying a command with the same key changes nothing; orders only move along their table.
/// </summary>
public class PrepaidLaws
{
    private static readonly Config Config = Laws.Config.WithMaxTest(150);

    private static Arbitrary<Command[]> Commands =>
        Arb.From(Gen.ArrayOf(Gen.OneOf(
            from order in Gen.Choose(0, 5)
            from cents in Gen.Choose(1, 5_000)
            from script in Gen.Elements(PaymentScriptKind.Succeed, PaymentScriptKind.SucceedAtOnce, PaymentScriptKind.Decline, PaymentScriptKind.TimeOut)
            from twice in Gen.Elements(false, true)
            from wrongAmount in Gen.Elements(false, false, false, true)
            select (Command)new TopUp(order, cents, script, twice, wrongAmount),
            from request in Gen.Choose(0, 30)
            from microCents in Gen.Choose(0, 3_000_000)
            select (Command)new Consume(request, microCents),
            from id in Gen.Choose(0, 4)
            from cents in Gen.Choose(-3_000, 3_000).Where(c => c != 0)
            from approve in Gen.Elements(true, false)
            select (Command)new Correct(id, cents, approve),
            from order in Gen.Choose(0, 5)
            select (Command)new Refund(order),
            from index in Gen.Choose(0, 50)
            select (Command)new Replay(index))));

    [Fact]
    public void BalanceIsTheSumOfEntries_ReplaysChangeNothing_OrdersFollowTheirTable() =>
        Check.One(Config, Prop.ForAll(Commands, commands => Run(commands).GetAwaiter().GetResult()));

    private static async Task<bool> Run(Command[] commands)
    {
        var h = new PrepaidHarness();
        await h.Accounts.OpenAsync("acc", Usd, Dollars(10m));
        var done = new List<Command>();
        var statuses = new Dictionary<string, TopUpStatus>();
        foreach (var command in commands)
        {
            if (command is Replay replay)
            {
                if (done.Count == 0)
                {
                    continue;
                }

                var before = await Snapshot(h);
                await Execute(h, done[replay.Index % done.Count]);
                Assert.Equal(before, await Snapshot(h));
            }
            else if (await Execute(h, command))
            {
                done.Add(command);
            }

            var account = await h.Accounts.GetAsync("acc");
            Assert.Equal(account.Balance, await h.SumOfEntriesAsync("acc"));
            foreach (var order in (await h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc") { Page = new(1, 100) })).Items)
            {
                var previous = statuses.GetValueOrDefault(order.OrderId, TopUpStatus.Pending);
                Assert.True(Reachable(previous, order.Status), $"{order.OrderId}: {previous} -> {order.Status}");
                statuses[order.OrderId] = order.Status;
            }
        }

        return true;
    }

    // Runs a command; true when it took effect, so that running it again must change nothing.
    private static async Task<bool> Execute(PrepaidHarness h, Command command)
    {
        switch (command)
        {
            case TopUp top:
                var id = $"o{top.Order}";
                if (await h.Store.FindOrderAsync(id) is { } existing && (existing.Amount != Dollars(top.Cents / 100m) || existing.Status == TopUpStatus.Refunded))
                {
                    return false;
                }

                var order = await h.TopUps.CreateAsync(id, "acc", Dollars(top.Cents / 100m), Dollars(top.Cents / 100m), "card");
                h.Gateway.Script(id, top.WrongAmount ? PaymentScript.Pay(Dollars(1_000m)) : top.Script switch
                {
                    PaymentScriptKind.SucceedAtOnce => PaymentScript.SucceedAtOnce(),
                    PaymentScriptKind.Decline => PaymentScript.Decline(),
                    PaymentScriptKind.TimeOut => PaymentScript.TimeOut(),
                    _ => top.Twice ? PaymentScript.CallBackTwice() : PaymentScript.Succeed(),
                });
                try
                {
                    await h.TopUps.StartPaymentAsync(order.OrderId);
                }
                catch (TimeoutException)
                {
                }

                await h.Gateway.DeliverCallbacksAsync(c => h.TopUps.ConfirmAsync(c), newestFirst: top.Twice);
                return true;
            case Consume consume:
                var result = await h.Consumption.RecordAsync(Call("acc", $"r{consume.Request}", consume.MicroCents / 1_000_000m));
                Assert.True(result.Outcome != ConsumptionOutcome.Recorded || result.Account.Balance >= -result.Account.CreditLimit);
                return result.IsRecorded;
            case Correct correct:
                var correctionId = $"c{correct.Id}";
                if (await h.Store.FindCorrectionAsync(correctionId) is { } known && (known.Amount != Dollars(correct.Cents / 100m) || known.Status != CorrectionStatus.Requested && known.Status != (correct.Approve ? CorrectionStatus.Approved : CorrectionStatus.Rejected)))
                {
                    return false;
                }

                await h.Corrections.RequestAsync(correctionId, "acc", Dollars(correct.Cents / 100m), "fix", "alice");
                _ = correct.Approve ? await h.Corrections.ApproveAsync(correctionId, "bob") : await h.Corrections.RejectAsync(correctionId, "bob", "no");
                return true;
            case Refund refund:
                if (await h.Store.FindOrderAsync($"o{refund.Order}") is not { Status: TopUpStatus.Completed or TopUpStatus.Refunded })
                {
                    await Assert.ThrowsAnyAsync<BillingException>(() => h.TopUps.RefundAsync($"o{refund.Order}", "asked"));
                    return false;
                }

                return (await h.TopUps.RefundAsync($"o{refund.Order}", "asked")).Outcome is TopUpRefundOutcome.Refunded or TopUpRefundOutcome.AlreadyRefunded;
            default:
                throw new InvalidOperationException(command.ToString());
        }
    }

    private static async Task<string> Snapshot(PrepaidHarness h)
    {
        var account = await h.Accounts.GetAsync("acc");
        var orders = (await h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc") { Page = new(1, 100) })).Items;
        var corrections = (await h.Store.QueryCorrectionsAsync(new CorrectionQuery("acc") { Page = new(1, 100) })).Items;
        return string.Join("\n", [account.ToString(), .. orders.Select(o => o.ToString()), .. corrections.Select(c => c.ToString())]);
    }

    private static bool Reachable(TopUpStatus from, TopUpStatus to)
    {
        var seen = new HashSet<TopUpStatus> { from };
        var frontier = new Queue<TopUpStatus>([from]);
        while (frontier.TryDequeue(out var status))
        {
            foreach (var trigger in Enum.GetValues<TopUpTrigger>())
            {
                if (TopUpLifecycle.Machine.CanFire(status, trigger, default) && seen.Add(TopUpLifecycle.Machine.Fire(status, trigger, default).Destination))
                {
                    frontier.Enqueue(TopUpLifecycle.Machine.Fire(status, trigger, default).Destination);
                }
            }
        }

        return seen.Contains(to);
    }

    private abstract record Command;

    private sealed record TopUp(int Order, int Cents, PaymentScriptKind Script, bool Twice, bool WrongAmount) : Command;

    private sealed record Consume(int Request, int MicroCents) : Command;

    private sealed record Correct(int Id, int Cents, bool Approve) : Command;

    private sealed record Refund(int Order) : Command;

    private sealed record Replay(int Index) : Command;
}
