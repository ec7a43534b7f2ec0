using Billing.Domain.Ledger;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.Tests.Prepaid;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.TopUps;

/// <summary>Payments that are received are never dropped; abnormal orders have ways out; refunds are partial, reserved first, and made once.</summary>
public class TopUpPaymentTests
{
    private readonly PrepaidHarness _h = new();

    [Fact]
    public async Task EveryPayment_IsKeptOnItsOrder_AndListedByTheBillingRecords()
    {
        var paid = await _h.FundAsync("acc", 40m, "ord-1");
        await _h.TopUps.CreateAsync("ord-2", "acc", Dollars(10m), Dollars(10m), "card");
        await _h.TopUps.ConfirmAsync(new PaymentConfirmation("ord-2", "pay-short", Dollars(9m), Start));

        var records = (await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc"))).Items;

        Assert.Equal(
            [("ord-2", "pay-short", Dollars(9m), TopUpPaymentOutcome.Mismatched), ("ord-1", "pay_ord-1", Dollars(40m), TopUpPaymentOutcome.Credited)],
            records.SelectMany(o => o.Payments.Select(p => (o.OrderId, p.Reference, p.Amount, p.Outcome))));
        Assert.Equal(paid.CompletedAt, records[1].Payments[0].ReceivedAt);
        Assert.Equal(["ord-2"], (await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc") { NeedsReview = true })).Items.Select(o => o.OrderId));
    }

    [Fact]
    public async Task ASecondDifferentPayment_ForACompletedOrder_IsKeptAndFlagged_NeverAReplay()
    {
        await _h.FundAsync("acc", 40m, "ord-1");

        var twice = await _h.TopUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-2", Dollars(40m), Start));
        var again = await _h.TopUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-2", Dollars(40m), Start));
        var sameReferenceOtherAmount = await _h.TopUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay_ord-1", Dollars(41m), Start));

        Assert.Equal((false, TopUpPaymentOutcome.Unexpected, true), (twice.Replayed, twice.Payment.Outcome, twice.Order.NeedsReview));
        Assert.Equal((true, twice.Payment), (again.Replayed, again.Payment));
        Assert.Equal(TopUpPaymentOutcome.Unexpected, sameReferenceOtherAmount.Payment.Outcome);
        Assert.Equal(3, (await _h.Store.FindOrderAsync("ord-1"))!.Payments.Count);
        Assert.Equal(Dollars(40m), (await _h.Accounts.GetAsync("acc")).Balance);
        Assert.Equal(TopUpStatus.Completed, again.Order.Status);
    }

    [Fact]
    public async Task AnUnexpectedPayment_IsRefundedThroughTheGateway_OrDismissed_ByANamedPerson()
    {
        await _h.FundAsync("acc", 40m, "ord-1");
        await _h.TopUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-2", Dollars(40m), Start));
        await _h.TopUps.ConfirmAsync(new PaymentConfirmation("ord-1", "pay-3", Dollars(5m), Start));

        var refunded = await _h.TopUps.RefundPaymentAsync("acc", "ord-1", "pay-2", "bob", "paid twice");
        var replay = await _h.TopUps.RefundPaymentAsync("acc", "ord-1", "pay-2", "bob", "paid twice");
        var dismissed = await _h.TopUps.DismissPaymentAsync("acc", "ord-1", "pay-3", "bob", "returned by the bank");

        Assert.Equal((TopUpRefundOutcome.Refunded, (Money?)null), (refunded.Outcome, refunded.Refund!.Credit));
        Assert.Equal(TopUpRefundOutcome.AlreadyRefunded, replay.Outcome);
        Assert.Equal([("pay-2", Dollars(40m), "refund:ord-1:1")], _h.Gateway.RefundsMade.Select(r => (r.PaymentReference, r.Amount, r.IdempotencyKey)));
        Assert.Equal(
            [(TopUpPaymentResolution?)null, TopUpPaymentResolution.Refunded, TopUpPaymentResolution.Dismissed],
            dismissed.Payments.Select(p => p.Resolution));
        Assert.Equal(("bob", "returned by the bank"), (dismissed.Payments[2].ResolvedBy, dismissed.Payments[2].ResolutionReason));
        Assert.False(dismissed.NeedsReview);
        Assert.Equal((TopUpStatus.Completed, Dollars(40m)), (dismissed.Status, (await _h.Accounts.GetAsync("acc")).Balance));
        Assert.Throws<ArgumentException>("paymentReference", () => dismissed.DismissPayment("pay_ord-1", "bob", "credited", Start));
    }

    [Fact]
    public async Task AnAbnormalOrder_IsAccepted_CreditingWhatWasPaid()
    {
        await AbnormalAsync("ord-x", credit: 100m, expected: 103m, paid: 51.50m);

        var accepted = await _h.TopUps.AcceptPaymentAsync("acc", "ord-x", "bob", "customer paid half; credit half");
        var again = await _h.TopUps.AcceptPaymentAsync("acc", "ord-x", "bob", "customer paid half; credit half");

        Assert.Equal((TopUpStatus.Completed, Dollars(50.00m), Dollars(51.50m)), (accepted.Order.Status, accepted.Order.CreditedAmount, accepted.Order.CreditedPayment!.Amount));
        Assert.Equal((Dollars(100m), Dollars(103m)), (accepted.Order.Amount, accepted.Order.PaymentAmount));   // as ordered: creating it again still replays
        Assert.Equal((LedgerEntryKind.TopUpCredit, Dollars(50.00m)), (accepted.Credit!.Kind, accepted.Credit.Amount));
        Assert.Equal((TopUpPaymentResolution.Accepted, "bob"), (accepted.Payment.Resolution, accepted.Payment.ResolvedBy));
        Assert.True(again.Replayed);
        Assert.Equal(Dollars(50.00m), (await _h.Accounts.GetAsync("acc")).Balance);
        Assert.Equal(Dollars(50.00m), (await _h.Accounts.GetAsync("acc")).Invoicing.Recharged);
        Assert.False(accepted.Order.NeedsReview);
    }

    [Fact]
    public async Task AcceptingAPaymentInAnotherCurrency_NeedsTheCreditGiven()
    {
        await AbnormalAsync("ord-x", credit: 100m, expected: 100m, paid: 90m, paidIn: Eur);

        await Assert.ThrowsAsync<ArgumentException>("credit", () => _h.TopUps.AcceptPaymentAsync("acc", "ord-x", "bob", "EUR paid"));
        var accepted = await _h.TopUps.AcceptPaymentAsync("acc", "ord-x", "bob", "EUR paid at 1.08", Dollars(97.20m));

        Assert.Equal((Dollars(97.20m), new Money(90m, Eur)), (accepted.Order.CreditedAmount, accepted.Order.CreditedPayment!.Amount));
        Assert.Equal(Dollars(97.20m), (await _h.Accounts.GetAsync("acc")).Balance);
    }

    [Theory]
    [InlineData("3", "9", "3", "1.00")]          // exact proportions stay exact: 3 × 3 / 9
    [InlineData("10", "3", "1", "3.33")]         // rounded down to a minor unit
    [InlineData("1000000000000000", "1000000000000000", "999999999999999.99", "999999999999999.99")]
    [InlineData("1000000000000000", "0.01", "1000000000000000", null)]   // beyond decimal: out of range, never an overflow
    public void CreditFor_IsTheExactProportion_RoundedDown(string credit, string expected, string paid, string? worth)
    {
        static Money D(string amount) => Dollars(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
        var order = TopUpOrder.Create("o", "acc", D(credit), D(expected), "card", Start);

        if (worth is null)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => order.CreditFor(D(paid)));
        }
        else
        {
            Assert.Equal(worth, order.CreditFor(D(paid)).Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task AnAbnormalOrder_IsRefundedWhole_WithoutTouchingTheBalance()
    {
        await AbnormalAsync("ord-x", credit: 100m, expected: 103m, paid: 51.50m);

        var refunded = await _h.TopUps.RefundAsync("acc", "ord-x", "bob", "wrong amount paid");

        Assert.Equal((TopUpRefundOutcome.Refunded, TopUpStatus.Refunded, (LedgerEntry?)null), (refunded.Outcome, refunded.Order.Status, refunded.Debit));
        Assert.Equal([("pay-x", Dollars(51.50m))], _h.Gateway.RefundsMade.Select(r => (r.PaymentReference, r.Amount)));
        Assert.Equal(TopUpPaymentResolution.Refunded, refunded.Order.Payments[0].Resolution);
        Assert.Equal((Dollars(0m), 0L), ((await _h.Accounts.GetAsync("acc")).Balance, (await _h.Accounts.GetAsync("acc")).EntryCount));
        await Assert.ThrowsAsync<ArgumentException>("credit", AbnormalRefundWithCreditAsync);
    }

    [Fact]
    public async Task AnAbnormalOrder_IsCancelled_ByANamedPerson_AndItsPaymentDismissed()
    {
        await AbnormalAsync("ord-x", credit: 100m, expected: 103m, paid: 51.50m);

        var cancelled = await _h.TopUps.CancelAsync("acc", "ord-x", "bob", "refunded by the bank directly");

        Assert.Equal((TopUpStatus.Cancelled, "bob", "refunded by the bank directly"), (cancelled.Status, cancelled.CancelledBy, cancelled.StatusReason));
        Assert.Equal((TopUpPaymentResolution.Dismissed, "bob"), (cancelled.Payments[0].Resolution, cancelled.Payments[0].ResolvedBy));
        Assert.False(cancelled.NeedsReview);
        Assert.Equal(Dollars(0m), (await _h.Accounts.GetAsync("acc")).Balance);
    }

    [Fact]
    public async Task PartialRefunds_GiveBackShares_ThatSumToThePayment()
    {
        await _h.Accounts.OpenAsync("acc", Usd);
        await _h.TopUps.CreateAsync("ord-1", "acc", Dollars(100m), Dollars(103m), "card");
        _h.Gateway.Script("ord-1", PaymentScript.SucceedAtOnce());
        await _h.TopUps.StartPaymentAsync("ord-1");

        var first = await _h.TopUps.RefundAsync("acc", "ord-1", "support", "one third", Dollars(33.33m));
        var over = await _h.TopUps.RefundAsync("acc", "ord-1", "support", "too much", Dollars(66.68m));
        var second = await _h.TopUps.RefundAsync("acc", "ord-1", "support", "the rest");
        var done = await _h.TopUps.RefundAsync("acc", "ord-1", "support", "the rest");

        Assert.Equal((TopUpRefundOutcome.Refunded, TopUpStatus.PartiallyRefunded), (first.Outcome, first.Order.Status));
        Assert.Equal(TopUpRefundOutcome.RefusedOverRefundable, over.Outcome);
        Assert.Equal((TopUpRefundOutcome.Refunded, TopUpStatus.Refunded, Dollars(66.67m)), (second.Outcome, second.Order.Status, second.Refund!.Credit!.Value));
        Assert.Equal(TopUpRefundOutcome.AlreadyRefunded, done.Outcome);
        Assert.Equal(second.Debit, done.Debit);
        Assert.Equal(
            [("refund:ord-1:1", Dollars(34.32m)), ("refund:ord-1:2", Dollars(68.68m))],
            _h.Gateway.RefundsMade.Select(r => (r.IdempotencyKey, r.Amount)));
        Assert.Equal(Dollars(0m), (await _h.Accounts.GetAsync("acc")).Balance);
        Assert.Equal(Dollars(100m), (await _h.Accounts.GetAsync("acc")).Invoicing.Refunded);
    }

    [Fact]
    public async Task ADeclinedRefund_GivesItsCreditBack_AndTheOrderReturnsWhereItWas()
    {
        await _h.FundAsync("acc", 40m, "ord-1");
        await _h.TopUps.RefundAsync("acc", "ord-1", "support", "ten", Dollars(10m));
        _h.Gateway.DeclineRefunds("card closed");

        var declined = await _h.TopUps.RefundAsync("acc", "ord-1", "support", "five", Dollars(5m));

        Assert.Equal((TopUpRefundOutcome.Declined, "card closed", TopUpStatus.PartiallyRefunded), (declined.Outcome, declined.DeclineReason, declined.Order.Status));
        var entries = (await _h.Store.ListEntriesAsync("acc", InstantRange.All, PageRequest.First)).Items;
        Assert.Equal(
            [LedgerEntryKind.TopUpCredit, LedgerEntryKind.Refund, LedgerEntryKind.Refund, LedgerEntryKind.RefundReversal],
            entries.Select(e => e.Kind));
        Assert.Equal(TopUpService.ReversalKeyFor("ord-1", 2), entries[3].IdempotencyKey);
        var account = await _h.Accounts.GetAsync("acc");
        Assert.Equal((Dollars(30m), Dollars(10m)), (account.Balance, account.Invoicing.Refunded));
        Assert.Equal(Dollars(30m), declined.Order.RefundableCredit);
    }

    [Fact]
    public async Task ARefundWhoseAnswerIsLost_StaysInFlight_IsNotSentTwice_AndSettlesUnderItsKey()
    {
        await _h.FundAsync("acc", 40m, "ord-1");
        _h.Gateway.TimeOutRefunds(true);

        await Assert.ThrowsAsync<TimeoutException>(() => _h.TopUps.RefundAsync("acc", "ord-1", "support", "asked"));
        var inFlight = await _h.Store.FindOrderAsync("ord-1");
        var second = await _h.TopUps.RefundAsync("acc", "ord-1", "support", "asked again");
        _h.Gateway.TimeOutRefunds(false);
        var settled = await _h.TopUps.SettleRefundAsync("acc", "ord-1");
        var settledAgain = await _h.TopUps.SettleRefundAsync("acc", "ord-1");

        Assert.Equal((TopUpStatus.Refunding, Dollars(0m)), (inFlight!.Status, (await _h.Accounts.GetAsync("acc")).Balance));
        Assert.Equal((TopUpRefundOutcome.InProgress, 1), (second.Outcome, second.Refund!.Number));
        Assert.Equal((TopUpRefundOutcome.Refunded, TopUpStatus.Refunded), (settled.Outcome, settled.Order.Status));
        Assert.Equal(settled, settledAgain);
        Assert.Equal(2, _h.Gateway.RefundRequests.Count);
        Assert.Single(_h.Gateway.RefundsMade);
        Assert.Equal(Dollars(0m), (await _h.Accounts.GetAsync("acc")).Balance);
    }

    [Fact]
    public async Task RefundCommands_RefuseAnOrderOfAnotherAccount_AsNotFound()
    {
        await _h.FundAsync("acc", 40m, "ord-1");
        await _h.Accounts.OpenAsync("other", Usd);

        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.RefundAsync("other", "ord-1", "support", "asked"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.CancelAsync("other", "ord-1", "support", "asked"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.AcceptPaymentAsync("other", "ord-1", "support", "asked"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.RefundPaymentAsync("other", "ord-1", "pay_ord-1", "support", "asked"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.DismissPaymentAsync("other", "ord-1", "pay_ord-1", "support", "asked"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.SettleRefundAsync("other", "ord-1"));
        Assert.Equal(TopUpStatus.Completed, (await _h.Store.FindOrderAsync("ord-1"))!.Status);
        Assert.Empty(_h.Gateway.RefundRequests);
    }

    [Fact]
    public async Task RefundBadInput_Throws_AndWritesNothing()
    {
        var order = await _h.FundAsync("acc", 40m, "ord-1");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("credit", () => _h.TopUps.RefundAsync("acc", "ord-1", "support", "x", Dollars(0m)));
        await Assert.ThrowsAsync<AmountNotRoundedException>(() => _h.TopUps.RefundAsync("acc", "ord-1", "support", "x", Dollars(1.001m)));
        await Assert.ThrowsAsync<ArgumentException>("credit", () => _h.TopUps.RefundAsync("acc", "ord-1", "support", "x", new Money(1m, Eur)));
        await Assert.ThrowsAsync<ArgumentException>("by", () => _h.TopUps.RefundAsync("acc", "ord-1", "sup\u200Bport", "x"));
        await Assert.ThrowsAsync<ArgumentException>("reason", () => _h.TopUps.RefundAsync("acc", "ord-1", "support", "x\0"));
        Assert.Equal(order, await _h.Store.FindOrderAsync("ord-1"));
        Assert.Empty(_h.Gateway.RefundRequests);
    }

    private async Task AbnormalRefundWithCreditAsync()
    {
        await AbnormalAsync("ord-y", credit: 10m, expected: 10m, paid: 1m);
        await _h.TopUps.RefundAsync("acc", "ord-y", "bob", "x", Dollars(1m));
    }

    private async Task AbnormalAsync(string orderId, decimal credit, decimal expected, decimal paid, Currency? paidIn = null)
    {
        await _h.Accounts.OpenAsync("acc", Usd);
        await _h.TopUps.CreateAsync(orderId, "acc", Dollars(credit), Dollars(expected), "card");
        var flagged = await _h.TopUps.ConfirmAsync(new PaymentConfirmation(orderId, "pay-" + orderId[^1..], new Money(paid, paidIn ?? Usd), Start));
        Assert.Equal(TopUpStatus.Abnormal, flagged.Order.Status);
    }
}
