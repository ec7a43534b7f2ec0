using Billing.Domain.Consumption;
using Billing.Domain.Corrections;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.TopUps;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.Prepaid;

/// <summary>
/// Laws of the prepaid side over random command sequences: the balance is the sum of the entries after every
/// command; replaying a command with the same key changes nothing; orders only move along their table; what the
/// ledger holds for an order is its credit less its refunds not declined; and the gateway makes each refund once.
/// </summary>
public class PrepaidLaws
{
    private static readonly int[] OverpaidCents = [100, 250, 1_000];

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
            from cents in Gen.Elements(0, 0, 1, 500, 2_500)
            from decline in Gen.Elements(false, false, true)
            select (Command)new Refund(order, cents, decline),
            from order in Gen.Choose(0, 5)
            from cents in Gen.Elements(OverpaidCents)
            select (Command)new Overpay(order, cents),
            from order in Gen.Choose(0, 5)
            from action in Gen.Choose(0, 3)
            from cents in Gen.Elements(OverpaidCents)
            select (Command)new Resolve(order, action, cents),
            from index in Gen.Choose(0, 50)
            select (Command)new Replay(index))));

    [Property(MaxTest = Laws.SequenceCases)]
    public Property BalanceIsTheSumOfEntries_ReplaysChangeNothing_OrdersFollowTheirTable() =>
        Prop.ForAll(Commands, commands => Run(commands).GetAwaiter().GetResult());

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
            var entries = (await h.Store.ListEntriesAsync("acc", default, new(1, 1_000))).Items;
            var orders = (await h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc") { Page = new(1, 100) })).Items;
            foreach (var order in orders)
            {
                var previous = statuses.GetValueOrDefault(order.OrderId, TopUpStatus.Pending);
                Assert.True(Reachable(previous, order.Status), $"{order.OrderId}: {previous} -> {order.Status}");
                statuses[order.OrderId] = order.Status;
                var credited = order.CreditedAmount ?? Dollars(0m);
                var refunded = Money.Sum(order.Refunds.Where(r => r.Status != TopUpRefundStatus.Declined && r.Credit is not null).Select(r => r.Credit!.Value), Usd);
                Assert.Equal(credited - refunded, Money.Sum(entries.Where(e => e.Reference == order.OrderId).Select(e => e.Amount), Usd));
                Assert.True(order.RefundInFlight is null, $"{order.OrderId} left a refund in flight");
            }

            var made = h.Gateway.RefundsMade;
            var asked = h.Gateway.RefundRequests;
            Assert.Equal(asked.Count, asked.Select(r => r.IdempotencyKey).Distinct().Count());   // asked at most once per refund
            Assert.Equal(made.Count, made.Select(r => r.IdempotencyKey).Distinct().Count());
            Assert.Equal(orders.Sum(o => o.Refunds.Count(r => r.Status == TopUpRefundStatus.Succeeded)), made.Count);
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
                var call = Call("acc", $"r{consume.Request}", consume.MicroCents / 1_000_000m);
                if (await h.Store.FindConsumptionAsync("acc", call.RequestId) is { } recorded && recorded with { BookedAt = null } != call)
                {
                    // The request id was recorded with another cost: a reused key, refused with nothing written.
                    await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => h.Consumption.RecordAsync(call));
                    return false;
                }

                var result = await h.Consumption.RecordAsync(call);
                Assert.True(result.Outcome != ConsumptionOutcome.Recorded || result.Account.Balance >= -result.Account.CreditLimit);
                return result.IsRecorded;
            case Correct correct:
                var correctionId = $"c{correct.Id}";
                if (await h.Store.FindCorrectionAsync(correctionId) is { } known && (known.Amount != Dollars(correct.Cents / 100m) || known.Status != CorrectionStatus.Requested && known.Status != (correct.Approve ? CorrectionStatus.Approved : CorrectionStatus.Rejected)))
                {
                    return false;
                }

                await h.Corrections.RequestAsync(correctionId, "acc", Dollars(correct.Cents / 100m), "fix", "alice");
                _ = correct.Approve ? await h.Corrections.ApproveAsync("acc", correctionId, "bob") : await h.Corrections.RejectAsync("acc", correctionId, "bob", "no");
                return true;
            case Refund refund:
                var refunded = await h.Store.FindOrderAsync($"o{refund.Order}");
                if (refunded is null)
                {
                    return false;
                }

                if (refunded.Status is not (TopUpStatus.Completed or TopUpStatus.PartiallyRefunded or TopUpStatus.Refunded or TopUpStatus.Abnormal))
                {
                    await Assert.ThrowsAnyAsync<BillingException>(() => h.TopUps.RefundAsync("acc", refunded.OrderId, "support", "asked"));
                    return false;
                }

                h.Gateway.DeclineRefunds(refund.Decline ? "declined" : null);
                var part = refund.Cents == 0 || refunded.Status == TopUpStatus.Abnormal ? (Money?)null : Dollars(refund.Cents / 100m);
                var outcome = (await h.TopUps.RefundAsync("acc", refunded.OrderId, "support", "asked", part)).Outcome;
                h.Gateway.DeclineRefunds(null);
                return part is null && outcome is TopUpRefundOutcome.Refunded or TopUpRefundOutcome.AlreadyRefunded;
            case Overpay overpay:
                if (await h.Store.FindOrderAsync($"o{overpay.Order}") is not { } paid)
                {
                    return false;
                }

                await h.TopUps.ConfirmAsync(new PaymentConfirmation(paid.OrderId, $"extra-{overpay.Order}-{overpay.Cents}", Dollars(overpay.Cents / 100m), Start));
                return true;
            case Resolve resolve:
                if (await h.Store.FindOrderAsync($"o{resolve.Order}") is not { } review)
                {
                    return false;
                }

                // Accept or cancel an abnormal order; refund or dismiss one of its unexpected payments, named as Overpay names it so a replay aims at the same one.
                var target = review.Payments.FirstOrDefault(p => p.Outcome == TopUpPaymentOutcome.Unexpected && p.Reference == $"extra-{resolve.Order}-{resolve.Cents}");
                try
                {
                    switch (resolve.Action)
                    {
                        case 0 when review.Status == TopUpStatus.Abnormal || review.Payments.Any(p => p.Resolution == TopUpPaymentResolution.Accepted):
                            await h.TopUps.AcceptPaymentAsync("acc", review.OrderId, "bob", "accepted");
                            break;
                        case 1 when review.Status is TopUpStatus.Abnormal or TopUpStatus.Cancelled:
                            await h.TopUps.CancelAsync("acc", review.OrderId, "bob", "dismissed");
                            break;
                        case 2 when target is not null:
                            await h.TopUps.RefundPaymentAsync("acc", review.OrderId, target.Reference, "bob", "overpaid");
                            break;
                        case 3 when target is not null:
                            await h.TopUps.DismissPaymentAsync("acc", review.OrderId, target.Reference, "bob", "settled outside");
                            break;
                        default:
                            return false;
                    }
                }
                catch (ArgumentException)
                {
                    return false;   // the payment was resolved the other way: refused, nothing written
                }

                return true;
            default:
                throw new InvalidOperationException(command.ToString());
        }
    }

    private static async Task<string> Snapshot(PrepaidHarness h)
    {
        var account = await h.Accounts.GetAsync("acc");
        var orders = (await h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc") { Page = new(1, 100) })).Items;
        var corrections = (await h.Store.QueryCorrectionsAsync(new CorrectionQuery("acc") { Page = new(1, 100) })).Items;
        return string.Join("\n", [account.ToString(), .. orders.Select(o => $"{o} {string.Join(",", o.Payments)} {string.Join(",", o.Refunds)}"), .. corrections.Select(c => c.ToString())]);
    }

    private static bool Reachable(TopUpStatus from, TopUpStatus to)
    {
        var seen = new HashSet<TopUpStatus> { from };
        var frontier = new Queue<TopUpStatus>([from]);
        while (frontier.TryDequeue(out var status))
        {
            foreach (var trigger in Enum.GetValues<TopUpTrigger>())
            {
                foreach (var progress in Enum.GetValues<TopUpRefundProgress>())
                {
                    if (TopUpLifecycle.Machine.CanFire(status, trigger, progress) && seen.Add(TopUpLifecycle.Machine.Fire(status, trigger, progress).Destination))
                    {
                        frontier.Enqueue(TopUpLifecycle.Machine.Fire(status, trigger, progress).Destination);
                    }
                }
            }
        }

        return seen.Contains(to);
    }

    private abstract record Command;

    private sealed record TopUp(int Order, int Cents, PaymentScriptKind Script, bool Twice, bool WrongAmount) : Command;

    private sealed record Consume(int Request, int MicroCents) : Command;

    private sealed record Correct(int Id, int Cents, bool Approve) : Command;

    private sealed record Refund(int Order, int Cents, bool Decline) : Command;

    private sealed record Overpay(int Order, int Cents) : Command;

    private sealed record Resolve(int Order, int Action, int Cents) : Command;

    private sealed record Replay(int Index) : Command;
}
