using Billing.Domain.Ledger;
using Billing.Domain.Lifecycles;
using Billing.Domain.Storage;
using Billing.Domain.Testing.Payments;
using Billing.Domain.Tests.Prepaid;
using Billing.Domain.TopUps;
using static Billing.Domain.Tests.Prepaid.PrepaidHarness;

namespace Billing.Domain.Tests.TopUps;

public class TopUpServiceTests
{
    private readonly PrepaidHarness _h = new();

    private async Task<TopUpOrder> PendingOrderAsync(string orderId = "ord-1", decimal amount = 100m, decimal paid = 103m)
    {
        await _h.Accounts.OpenAsync("acc-1", Usd);
        return await _h.TopUps.CreateAsync(orderId, "acc-1", Dollars(amount), Dollars(paid), "card");
    }

    [Fact]
    public async Task Create_KeepsBothAmounts_AndIsPending()
    {
        var order = await PendingOrderAsync(amount: 100m, paid: 103m);

        Assert.Equal((TopUpStatus.Pending, Dollars(100m), Dollars(103m), 1L), (order.Status, order.Amount, order.PaymentAmount, order.Version));
        Assert.Equal(Start + Duration.FromMinutes(1), order.CreatedAt);   // the clock's second reading: opening the ledger took the first
        Assert.Null(order.CompletedAt);
    }

    [Fact]
    public async Task Create_SameRequestTwice_ReturnsTheFirst_DifferentRequest_IsRefused()
    {
        var first = await PendingOrderAsync();

        Assert.Equal(first, await _h.TopUps.CreateAsync("ord-1", "acc-1", Dollars(100m), Dollars(103m), "card"));
        var reused = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => _h.TopUps.CreateAsync("ord-1", "acc-1", Dollars(50m), Dollars(50m), "card"));
        Assert.Equal("idempotency.key_reused", reused.Code);
    }

    [Fact]
    public async Task Create_BadInput_IsRefused_AndNothingIsWritten()
    {
        await _h.Accounts.OpenAsync("acc-1", Usd);

        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.CreateAsync("o", "nobody", Dollars(1m), Dollars(1m), "card"));
        await Assert.ThrowsAsync<CurrencyMismatchException>(() => _h.TopUps.CreateAsync("o", "acc-1", new Money(1m, Eur), Dollars(1m), "card"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>("amount", () => _h.TopUps.CreateAsync("o", "acc-1", Dollars(0m), Dollars(1m), "card"));
        await Assert.ThrowsAsync<AmountNotRoundedException>(() => _h.TopUps.CreateAsync("o", "acc-1", Dollars(1.001m), Dollars(1m), "card"));
        await Assert.ThrowsAsync<ArgumentException>("paymentMethod", () => _h.TopUps.CreateAsync("o", "acc-1", Dollars(1m), Dollars(1m), " "));
        Assert.Null(await _h.Store.FindOrderAsync("o"));
    }

    [Fact]
    public async Task Payment_ConfirmedByCallback_CompletesAndCreditsTheAmount_NotThePaymentAmount()
    {
        var order = await PendingOrderAsync(amount: 100m, paid: 103m);

        var processing = await _h.TopUps.StartPaymentAsync(order.OrderId);
        Assert.Equal((TopUpStatus.Processing, "pay_ord-1"), (processing.Status, processing.PaymentReference));
        await _h.Gateway.DeliverCallbacksAsync(c => _h.TopUps.ConfirmAsync(c));

        var completed = await _h.Store.FindOrderAsync(order.OrderId);
        Assert.Equal(TopUpStatus.Completed, completed!.Status);
        Assert.Equal(Dollars(103m), completed.AmountReceived);
        Assert.NotNull(completed.CompletedAt);
        Assert.Equal(Dollars(100m), (await _h.Accounts.GetAsync("acc-1")).Balance);
        var credit = await _h.Store.FindEntryAsync("acc-1", TopUpService.CreditKeyFor("ord-1"));
        Assert.Equal((LedgerEntryKind.TopUpCredit, Dollars(100m), "ord-1"), (credit!.Kind, credit.Amount, credit.Reference));
    }

    [Fact]
    public async Task Confirmation_ArrivingTwice_CreditsOnce_AndReturnsTheFirstResult()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.CallBackTwice());
        await _h.TopUps.StartPaymentAsync(order.OrderId);
        var results = new List<TopUpConfirmation>();

        Assert.Equal(2, await _h.Gateway.DeliverCallbacksAsync(async c => results.Add(await _h.TopUps.ConfirmAsync(c))));

        Assert.False(results[0].Replayed);
        Assert.True(results[1].Replayed);
        Assert.Equal(results[0].Order, results[1].Order);
        Assert.Equal(results[0].Credit, results[1].Credit);
        Assert.Equal(Dollars(100m), (await _h.Accounts.GetAsync("acc-1")).Balance);
        Assert.Equal(1, (await _h.Store.ListEntriesAsync("acc-1", default, PageRequest.First)).TotalCount);
    }

    [Fact]
    public async Task Confirmation_BeforeTheStartAnswer_CompletesThePendingOrder_AndTheLateAnswerChangesNothing()
    {
        var order = await PendingOrderAsync();
        var confirmation = new PaymentConfirmation(order.OrderId, "pay_ord-1", Dollars(103m), Start);

        var confirmed = await _h.TopUps.ConfirmAsync(confirmation);
        var afterStart = await _h.TopUps.StartPaymentAsync(order.OrderId);

        Assert.Equal(TopUpStatus.Completed, confirmed.Order.Status);
        Assert.Equal(confirmed.Order, afterStart);
        Assert.Empty(_h.Gateway.Requests);
    }

    [Fact]
    public async Task Confirmation_ThatDoesNotPayTheOrder_MarksItAbnormal_AndCreditsNothing()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.Pay(Dollars(3m)));
        await _h.TopUps.StartPaymentAsync(order.OrderId);

        await _h.Gateway.DeliverCallbacksAsync(c => _h.TopUps.ConfirmAsync(c));

        var abnormal = await _h.Store.FindOrderAsync(order.OrderId);
        Assert.Equal(TopUpStatus.Abnormal, abnormal!.Status);
        Assert.Equal(Dollars(3m), abnormal.AmountReceived);
        Assert.Contains("103.00 USD", abnormal.StatusReason, StringComparison.Ordinal);
        Assert.Equal(Dollars(0m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Confirmation_InAnotherCurrency_MarksItAbnormal()
    {
        var order = await PendingOrderAsync(paid: 100m);

        var result = await _h.TopUps.ConfirmAsync(new PaymentConfirmation(order.OrderId, "p", new Money(100m, Eur), Start));

        Assert.Equal(TopUpStatus.Abnormal, result.Order.Status);
        Assert.Null(result.Credit);
        Assert.Equal(0, (await _h.Accounts.GetAsync("acc-1")).EntryCount);
    }

    [Fact]
    public async Task Payment_PaidAtOnce_CompletesWithoutACallback()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.SucceedAtOnce());

        var completed = await _h.TopUps.StartPaymentAsync(order.OrderId);

        Assert.Equal(TopUpStatus.Completed, completed.Status);
        Assert.Empty(_h.Gateway.PendingCallbacks);
    }

    [Fact]
    public async Task Payment_Declined_FailsTheOrder_WithTheReason_AsData()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.Decline("insufficient funds"));

        var failed = await _h.TopUps.StartPaymentAsync(order.OrderId);

        Assert.Equal((TopUpStatus.Failed, "insufficient funds"), (failed.Status, failed.StatusReason));
        Assert.Equal(Dollars(0m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Payment_TimingOut_LeavesTheOrderPending_UntilTheCallbackCompletesIt()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.TimeOut());

        await Assert.ThrowsAsync<TimeoutException>(() => _h.TopUps.StartPaymentAsync(order.OrderId));
        Assert.Equal(TopUpStatus.Pending, (await _h.Store.FindOrderAsync(order.OrderId))!.Status);
        await _h.Gateway.DeliverCallbacksAsync(c => _h.TopUps.ConfirmAsync(c));

        Assert.Equal(TopUpStatus.Completed, (await _h.Store.FindOrderAsync(order.OrderId))!.Status);
        Assert.Equal(Dollars(100m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Refresh_AfterATimeout_AsksTheGatewayAndCompletes()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.TimeOut());
        await Assert.ThrowsAsync<TimeoutException>(() => _h.TopUps.StartPaymentAsync(order.OrderId));

        var refreshed = await _h.TopUps.RefreshAsync(order.OrderId);

        Assert.Equal(TopUpStatus.Completed, refreshed.Status);
        Assert.Equal(refreshed, await _h.TopUps.RefreshAsync(order.OrderId));
    }

    [Fact]
    public async Task LateConfirmation_AfterADecline_StillCompletes_ForTheMoneyWasTaken()
    {
        var order = await PendingOrderAsync();
        _h.Gateway.Script(order.OrderId, PaymentScript.Decline());
        await _h.TopUps.StartPaymentAsync(order.OrderId);

        var late = await _h.TopUps.ConfirmAsync(new PaymentConfirmation(order.OrderId, "pay_late", Dollars(103m), Start));

        Assert.Equal(TopUpStatus.Completed, late.Order.Status);
        Assert.Null(late.Order.StatusReason);
    }

    [Fact]
    public async Task Confirmations_DeliveredNewestFirst_AcrossOrders_CreditEachOnce()
    {
        await _h.Accounts.OpenAsync("acc-1", Usd);
        for (var i = 0; i < 5; i++)
        {
            var order = await _h.TopUps.CreateAsync($"o{i}", "acc-1", Dollars(10m + i), Dollars(10m + i), "card");
            _h.Gateway.Script(order.OrderId, PaymentScript.CallBackTwice());
            await _h.TopUps.StartPaymentAsync(order.OrderId);
        }

        await _h.Gateway.DeliverCallbacksAsync(c => _h.TopUps.ConfirmAsync(c), newestFirst: true);

        Assert.Equal(Dollars(60m), (await _h.Accounts.GetAsync("acc-1")).Balance);
        Assert.Equal(5, (await _h.Accounts.GetAsync("acc-1")).EntryCount);
    }

    [Fact]
    public async Task Refund_TakesTheCreditBack_Once()
    {
        await _h.FundAsync("acc-1", 40m, "ord-r");

        var refund = await _h.TopUps.RefundAsync("acc-1", "ord-r", "support", "customer asked");
        var again = await _h.TopUps.RefundAsync("acc-1", "ord-r", "support", "customer asked");

        Assert.Equal((TopUpRefundOutcome.Refunded, TopUpStatus.Refunded), (refund.Outcome, refund.Order.Status));
        Assert.Equal((LedgerEntryKind.Refund, Dollars(-40m)), (refund.Debit!.Kind, refund.Debit.Amount));
        Assert.Equal(TopUpRefundOutcome.AlreadyRefunded, again.Outcome);
        Assert.Equal(refund.Debit, again.Debit);
        Assert.Equal(Dollars(0m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Refund_OfSpentCredit_IsRefused_AndTheGatewayIsNotAsked()
    {
        await _h.FundAsync("acc-1", 40m, "ord-r");
        await _h.Consumption.RecordAsync(Call("acc-1", "req-1", 10m));

        var refund = await _h.TopUps.RefundAsync("acc-1", "ord-r", "support", "customer asked");

        Assert.Equal(TopUpRefundOutcome.RefusedOverCreditLimit, refund.Outcome);
        Assert.Equal(TopUpStatus.Completed, (await _h.Store.FindOrderAsync("ord-r"))!.Status);
        Assert.Equal(Dollars(30m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Refund_DeclinedByTheGateway_ChangesNothing()
    {
        await _h.FundAsync("acc-1", 40m, "ord-r");
        _h.Gateway.DeclineRefunds("too late");

        var refund = await _h.TopUps.RefundAsync("acc-1", "ord-r", "support", "customer asked");

        Assert.Equal((TopUpRefundOutcome.Declined, "too late"), (refund.Outcome, refund.DeclineReason));
        Assert.Equal(Dollars(40m), (await _h.Accounts.GetAsync("acc-1")).Balance);
    }

    [Fact]
    public async Task Refund_OfAnOrderNotCompleted_IsRefusedByTheTable()
    {
        var order = await PendingOrderAsync();

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.TopUps.RefundAsync(order.AccountId, order.OrderId, "support", "why"));

        Assert.Equal("topup.transition_refused", refused.Code);
    }

    [Fact]
    public async Task Cancel_APendingOrder_Once_ButNotAPaidOne()
    {
        var order = await PendingOrderAsync();

        var cancelled = await _h.TopUps.CancelAsync(order.AccountId, order.OrderId, "customer", "changed my mind");

        Assert.Equal(TopUpStatus.Cancelled, cancelled.Status);
        Assert.Equal(cancelled, await _h.TopUps.CancelAsync(order.AccountId, order.OrderId, "customer", "changed my mind"));
        var late = await _h.TopUps.ConfirmAsync(new PaymentConfirmation(order.OrderId, "p", Dollars(103m), Start));
        Assert.Equal((TopUpStatus.Cancelled, TopUpPaymentOutcome.Unexpected, true, false), (late.Order.Status, late.Payment.Outcome, late.Order.NeedsReview, late.Replayed));
        Assert.Null(late.Credit);
        await _h.FundAsync("acc-2", 5m, "ord-paid");
        await Assert.ThrowsAsync<TransitionRefusedException>(() => _h.TopUps.CancelAsync("acc-2", "ord-paid", "customer", "too late"));
    }

    [Fact]
    public async Task UnknownOrder_IsNotFound()
    {
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.StartPaymentAsync("nope"));

        Assert.Equal("storage.not_found", missing.Code);
        await Assert.ThrowsAsync<NotFoundException>(() => _h.TopUps.ConfirmAsync(new PaymentConfirmation("nope", "p", Dollars(1m), Start)));
    }

    [Fact]
    public async Task BillingRecords_FilterByDateStatusAndAmount_NewestFirst_Paged()
    {
        await _h.Accounts.OpenAsync("acc-1", Usd);
        await _h.Accounts.OpenAsync("acc-2", Usd);
        for (var i = 1; i <= 6; i++)
        {
            await _h.TopUps.CreateAsync($"o{i}", "acc-1", Dollars(i * 10m), Dollars(i * 10m), "card");
        }

        await _h.TopUps.CreateAsync("other", "acc-2", Dollars(30m), Dollars(30m), "card");
        _h.Gateway.Script("o2", PaymentScript.SucceedAtOnce());
        await _h.TopUps.StartPaymentAsync("o2");
        var o1 = (await _h.Store.FindOrderAsync("o1"))!;
        var o5 = (await _h.Store.FindOrderAsync("o5"))!;

        var all = await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1"));
        var page2 = await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1") { Page = new(2, 4) });
        var pending = await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1") { Statuses = new HashSet<TopUpStatus> { TopUpStatus.Pending } });
        var amounts = await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1") { MinAmount = 20m, MaxAmount = 40m });
        var dates = await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1") { Created = new(o1.CreatedAt, o5.CreatedAt) });

        Assert.Equal(["o6", "o5", "o4", "o3", "o2", "o1"], all.Items.Select(o => o.OrderId));
        Assert.Equal(["o2", "o1"], page2.Items.Select(o => o.OrderId));
        Assert.Equal((6, false), (page2.TotalCount, page2.HasNext));
        Assert.True((await _h.Store.QueryOrdersAsync(new TopUpOrderQuery("acc-1") { Page = new(1, 4) })).HasNext);
        Assert.Equal(["o6", "o5", "o4", "o3", "o1"], pending.Items.Select(o => o.OrderId));
        Assert.Equal(["o4", "o3", "o2"], amounts.Items.Select(o => o.OrderId));
        Assert.Equal(["o4", "o3", "o2", "o1"], dates.Items.Select(o => o.OrderId));
    }
}
